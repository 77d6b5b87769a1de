package io.kaohe.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaohe.servers.KeycloakServer;
import io.kaohe.servers.ObjectStore;
import io.kaohe.servers.PostgresServer;
import io.kaohe.servers.Readiness;
import io.kaohe.testsupport.CookieBrowser;
import io.kaohe.testsupport.TestServers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-server install as a county's IT team does it, on this machine: the release bundle
 * unpacked into a fresh folder, kaohe.env filled in for real PostgreSQL, Kafka, S3 and Keycloak
 * servers (the embedded ones, as tests start them), the production realm written by the bundle and
 * imported, Debian's nginx in front with the bundle's TLS configuration and a certificate made for
 * the test; started and stopped with the bundle's own script, logged into through the proxy over
 * https with the OIDC code flow, an API called with the session; the audit trail's chain verified with
 * {@code bin/kaohe audit-verify} (intact while the platform runs, broken once a record is deleted
 * directly in the database).
 */
class BundleInstallIT {

    private static final Logger log = LoggerFactory.getLogger(BundleInstallIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int OFFSET = Integer.getInteger("kaohe.bundle.offset", 20_000);
    private static final int GATEWAY = 8080 + OFFSET;
    private static final int KEYCLOAK = 8180 + OFFSET;
    private static final int HTTPS = 8443 + OFFSET;
    private static final String PUBLIC_URL = "https://127.0.0.1:" + HTTPS;
    private static final List<String> PREFIXES = InstalledBundle.PREFIXES;

    @Test
    void installsStartsLogsInThroughTlsAndStopsCleanly() throws Exception {
        Path tarball = Path.of(System.getProperty("kaohe.bundle", "target/kaohe-bundle.tar.gz"));
        assertThat(tarball).as("the bundle is built in the package phase").isRegularFile();
        Path work = Path.of("target/bundle-install-it").toAbsolutePath();
        deleteTree(work);
        Files.createDirectories(work.resolve("tls"));
        InstalledBundle bundle = InstalledBundle.unpack(tarball, work.resolve("opt"));
        step("unpacked " + tarball.getFileName() + " into " + bundle.home());
        assertThat(Files.getPosixFilePermissions(bundle.env())).as("kaohe.env holds secrets")
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        for (String app : InstalledBundle.APPS) {
            assertThat(bundle.home().resolve("lib/" + app + ".jar")).isRegularFile();
        }

        TestServers.Database db = TestServers.postgres();
        PostgresServer.createDatabases(db.jdbcUrl("postgres"), db.user(), db.password(),
                List.of("rubric", "evidence", "scoring", "workflow", "notification", "audit", "keycloak"));
        String kafka = TestServers.kafkaBootstrapServers();
        Path logs = work.resolve("server-logs");
        try (ObjectStore store = ObjectStore.start(work.resolve("s3"), 0, "kaohe-county", secret(), logs, Duration.ofMinutes(1))) {
            step("PostgreSQL, Kafka (" + kafka + ") and S3 (" + store.endpoint() + ") run");

            TlsProxy.makeCertificate(work.resolve("tls"));
            Path trustStore = work.resolve("tls/truststore.p12");
            String trustPassword = secret();
            KeyStore trusted = TlsProxy.trustStore(work.resolve("tls"), trustStore, trustPassword.toCharArray());

            Map<String, String> settings = InstalledBundle.settings(OFFSET, PUBLIC_URL,
                    "jdbc:postgresql://" + db.host() + ":" + db.port() + "/", db.user(), kafka, store,
                    TestServers.mailServer().smtpPort(), trustStore, trustPassword, KEYCLOAK);
            InstalledBundle.serviceRoles(db.jdbcUrl("postgres"), db.user(), db.password(), settings);
            bundle.configure(settings);
            Commands.Result check = bundle.kaohe(Map.of(), Duration.ofSeconds(30), "check");
            assertThat(check.exitCode()).as(check.output()).isZero();

            Commands.Result realm = bundle.kaohe(Map.of(), Duration.ofSeconds(30), "realm");
            assertThat(realm.exitCode()).as(realm.output()).isZero();
            Path realmFile = work.resolve("realm/kaohe-realm.json");
            Files.createDirectories(realmFile.getParent());
            Files.move(bundle.home().resolve("run/kaohe-realm.json"), realmFile);
            assertThat(Files.readString(realmFile)).doesNotContain("@@", "local-secret", "\"demo\"");
            String adminPassword = secret();
            try (KeycloakServer keycloak = KeycloakServer.start(TestServers.projectRoot().resolve("target/keycloak"),
                    KEYCLOAK, 9180 + OFFSET, db.jdbcUrl("keycloak"), db.user(), db.password(), List.of(realmFile),
                    adminPassword, logs, Duration.ofMinutes(6))) {
                KeycloakAdmin admin = new KeycloakAdmin(keycloak.baseUrl(), adminPassword);
                assertThat(admin.users()).as("the production realm brings no demo users").isEmpty();
                // The realm's password policy (upper and lower case, digit, special character); a department
                // reviewer, whom the realm asks for no second factor (the office's login needs a TOTP device).
                String password = "Kh-" + secret();
                admin.createUser("kaohe.reviewer", password, "dept-reviewer", "department", "kaohebang");
                step("Keycloak runs with the bundle's production realm; a department reviewer was created in it");

                try (TlsProxy proxy = TlsProxy.start(bundle.home().resolve("nginx/kaohe.conf"), work.resolve("tls"),
                        HTTPS, 8480 + OFFSET, GATEWAY, KEYCLOAK)) {
                    step("nginx serves TLS on " + PUBLIC_URL);
                    refusesTheDemoSecretInProduction(bundle);
                    try {
                        Commands.Result started = bundle.kaohe(Map.of(), Duration.ofMinutes(9), "start");
                        assertThat(started.exitCode()).as(started.output() + logTails(bundle)).isZero();
                        step("bin/kaohe start: " + started.output().lines().filter(l -> l.contains("ready")).toList());
                        Commands.Result status = bundle.kaohe(Map.of(), Duration.ofSeconds(60), "status");
                        assertThat(status.exitCode()).as(status.output()).isZero();
                        assertThat(status.output().lines().filter(l -> l.contains("ready"))).hasSize(7);

                        logsInThroughTheProxyAndCallsAnApi(trusted, password);
                        assertThat(Files.readString(proxy.accessLog())).contains("GET /api/rubric/versions");
                        theAuditChainIsIntactAndHoldsTheRefusals(bundle);
                    } finally {
                        Commands.Result stopped = bundle.kaohe(Map.of(), Duration.ofMinutes(4), "stop");
                        step("bin/kaohe stop: exit " + stopped.exitCode());
                        assertThat(stopped.exitCode()).as(stopped.output()).isZero();
                    }
                }
            }
        }
        Commands.Result status = bundle.kaohe(Map.of(), Duration.ofSeconds(30), "status");
        assertThat(status.exitCode()).as("status after stop: " + status.output()).isEqualTo(3);
        assertThat(bundle.processes()).as("no process of the installation is left").isEmpty();
        for (String app : PREFIXES) {
            assertThat(Readiness.portOpen("127.0.0.1", port(app))).as(app + " port closed").isFalse();
        }
        try (var pids = Files.list(bundle.home().resolve("run"))) {
            assertThat(pids.filter(p -> p.toString().endsWith(".pid")).toList()).isEmpty();
        }
        step("stopped; no process, pid file or open port left");
        aRecordDeletedInTheDatabaseBreaksTheChain(bundle, db);
    }

    /**
     * The reviewer's refused reads of the audit trail are themselves recorded (through audit-service's outbox and
     * Kafka); bin/kaohe audit-verify walks the installed database's chain and finds it intact.
     */
    private static void theAuditChainIsIntactAndHoldsTheRefusals(InstalledBundle bundle) throws Exception {
        Commands.Result verified = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            verified = bundle.kaohe(Map.of(), Duration.ofSeconds(60), "audit-verify");
            assertThat(verified.exitCode()).as(verified.output()).isZero();
            if (verifiedCount(verified.output()) >= 2) {
                break;
            }
            Thread.sleep(2000);
        }
        assertThat(verified.output()).contains("audit chain intact").doesNotContain("DEBUG");
        assertThat(verifiedCount(verified.output())).as(verified.output()).isGreaterThanOrEqualTo(2);
        assertThat(bundle.home().resolve("audit-archive")).as("the archive folder exists").isDirectory();
        step("bin/kaohe audit-verify: " + verified.output().lines().toList());
    }

    /** After the stop: a record removed behind the triggers' back (as the superuser) is found; exit code 2. */
    private static void aRecordDeletedInTheDatabaseBreaksTheChain(InstalledBundle bundle, TestServers.Database db)
            throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(db.jdbcUrl("audit"), db.user(), db.password());
             java.sql.Statement s = c.createStatement()) {
            s.execute("set session_replication_role = replica");
            assertThat(s.executeUpdate("delete from audit_record where seq = (select min(seq) from audit_record)")).isOne();
        }
        Commands.Result broken = bundle.kaohe(Map.of(), Duration.ofSeconds(60), "audit-verify");
        assertThat(broken.exitCode()).as(broken.output()).isEqualTo(2);
        assertThat(broken.output()).contains("audit chain BROKEN", "REMOVED at 1", "the audit chain is BROKEN");
        step("a record deleted in the database: bin/kaohe audit-verify exit 2: " + broken.output().lines().toList());
    }

    static long verifiedCount(String output) {
        Matcher m = Pattern.compile("verified (\\d+) record").matcher(output);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** The same installation with the published demo secret: the service refuses and the script says why. */
    private static void refusesTheDemoSecretInProduction(InstalledBundle bundle) throws Exception {
        Path demo = bundle.home().resolve("conf/kaohe-demo-secret.env");
        Files.copy(bundle.env(), demo);
        bundle.configure(demo, Map.of("KAOHE_SERVICES_SECRET", "kaohe-services-local-secret"));
        Commands.Result refused = bundle.kaohe(Map.of("KAOHE_ENV", demo.toString()), Duration.ofMinutes(3),
                "start", "scoring-service");
        Files.delete(demo);
        assertThat(refused.exitCode()).as(refused.output()).isNotZero();
        assertThat(refused.output()).contains("scoring-service stopped while starting", "production mode refuses to start",
                "KAOHE_SERVICES_SECRET", "kaohe-services-local-secret");
        assertThat(bundle.processes()).isEmpty();
        step("with the demo secret in kaohe.env, scoring-service refused to start in production and bin/kaohe said why");
    }

    static void logsInThroughTheProxyAndCallsAnApi(KeyStore trusted, String password) throws Exception {
        CookieBrowser browser = CountyPeople.logIn(new CookieBrowser(trusted), PUBLIC_URL, "kaohe.reviewer", password, null);

        HttpResponse<String> me = browser.get(PUBLIC_URL + "/api/me");
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        JsonNode who = JSON.readTree(me.body());
        assertThat(who.get("username").asText()).isEqualTo("kaohe.reviewer");
        assertThat(who.get("roles")).extracting(JsonNode::asText).contains("dept-reviewer");

        HttpResponse<String> versions = browser.get(PUBLIC_URL + "/api/rubric/versions");
        assertThat(versions.statusCode()).as("the session's token relayed to rubric-service: " + versions.body())
                .isEqualTo(200);
        assertThat(JSON.readTree(versions.body()).isArray()).isTrue();
        assertThat(JSON.readTree(versions.body())).as("production loads no demo data").isEmpty();

        HttpResponse<String> unread = browser.get(PUBLIC_URL + "/api/notifications/unread-count");
        assertThat(unread.statusCode()).as("the gateway relays to notification-service: " + unread.body()).isEqualTo(200);
        assertThat(JSON.readTree(unread.body()).get("unread").asLong()).isZero();

        for (String path : List.of("/api/audit/records", "/api/audit/verification")) {
            HttpResponse<String> audit = browser.get(PUBLIC_URL + path);
            assertThat(audit.statusCode()).as("only the audit administrator reads the trail: " + audit.body())
                    .isEqualTo(403);
        }

        HttpResponse<String> actuator = browser.get(PUBLIC_URL + "/actuator/health");
        assertThat(actuator.statusCode()).as("management endpoints are not served through the proxy").isEqualTo(404);
        step("logged in through " + PUBLIC_URL + " (OIDC code flow with Keycloak behind the same proxy), "
                + "/api/me, /api/rubric/versions and /api/notifications/unread-count answered 200 with the session");
    }

    private static int port(String app) {
        return InstalledBundle.port(OFFSET, app);
    }

    private static String secret() {
        return InstalledBundle.secret();
    }

    static String logTails(InstalledBundle bundle) {
        StringBuilder tails = new StringBuilder();
        for (String app : InstalledBundle.APPS) {
            Path file = bundle.home().resolve("logs/" + app + ".log");
            try {
                List<String> lines = Files.readAllLines(file);
                tails.append("\n==== ").append(app).append('\n')
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
            } catch (java.io.IOException e) {
                tails.append("\n==== ").append(app).append(": no log");
            }
        }
        return tails.toString();
    }

    private static void step(String what) {
        log.info("bundle install: {}", what);
        System.out.println("[bundle install] " + what);
    }

    static void deleteTree(Path dir) throws java.io.IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
