package io.kaohe.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The release bundle unpacked into a fresh folder as the install guide says, configured through conf/kaohe.env. */
final class InstalledBundle {

    static final List<String> APPS = List.of("gateway", "rubric-service", "evidence-service", "scoring-service", "workflow",
            "notification-service", "audit-service");

    /** The applications' setting prefixes in kaohe.env (GATEWAY_PORT, RUBRIC_HEAP, ...). */
    static final List<String> PREFIXES = List.of("GATEWAY", "RUBRIC", "EVIDENCE", "SCORING", "WORKFLOW",
            "NOTIFICATION", "AUDIT");

    private final Path home;

    /** An application's port: its default (GATEWAY 8080 ... AUDIT 8086) shifted by {@code offset}. */
    static int port(int offset, String prefix) {
        return offset + 8080 + PREFIXES.indexOf(prefix);
    }

    /**
     * kaohe.env as a county fills it in for one server, here for the servers tests start: every application's
     * port shifted by {@code offset}, fresh secrets, the given PostgreSQL (DB_URL_BASE), Kafka, S3 and SMTP servers,
     * Keycloak's admin API on its own port (nginx does not proxy /admin).
     */
    static java.util.Map<String, String> settings(int offset, String publicUrl, String dbUrlBase, String dbUser,
            String kafka, io.kaohe.servers.ObjectStore store, int smtpPort, Path trustStore, String trustPassword,
            int keycloakPort) {
        java.util.Map<String, String> settings = new java.util.HashMap<>();
        settings.put("KAOHE_PUBLIC_URL", publicUrl);
        settings.put("ISSUER_URI", publicUrl + "/realms/kaohe");
        for (String app : PREFIXES) {
            settings.put(app + "_PORT", Integer.toString(port(offset, app)));
            settings.put(app + "_HEAP", "320m");
        }
        settings.put("GATEWAY_CLIENT_SECRET", secret());
        settings.put("KAOHE_SERVICES_SECRET", secret());
        settings.put("KAOHE_DIRECTORY_SECRET", secret());
        settings.put("KAOHE_ACCOUNTS_SECRET", secret());
        settings.put("KAOHE_WEBHOOK_SECRET", secret());
        // The county's SMTP server: a real one (GreenMail); nothing is mailed at start, readiness does not wait for it.
        settings.put("SPRING_MAIL_HOST", "127.0.0.1");
        settings.put("SPRING_MAIL_PORT", Integer.toString(smtpPort));
        settings.put("SPRING_MAIL_PROPERTIES_MAIL_SMTP_STARTTLS_ENABLE", "false");
        settings.put("DB_URL_BASE", dbUrlBase);
        settings.put("DB_USER", dbUser);
        // The embedded server trusts local connections, so any password is accepted; production demands one.
        settings.put("DB_PASSWORD", secret());
        settings.put("KAFKA_BOOTSTRAP", kafka);
        settings.put("KAFKA_REPLICATION_FACTOR", "1");
        settings.put("KAFKA_MIN_INSYNC_REPLICAS", "1");
        settings.put("S3_ENDPOINT", store.endpoint());
        settings.put("S3_ACCESS_KEY", store.accessKey());
        settings.put("S3_SECRET_KEY", store.secretKey());
        settings.put("KAOHE_TRUSTSTORE", trustStore.toString());
        settings.put("KAOHE_TRUSTSTORE_PASSWORD", trustPassword);
        settings.put("JAVA_OPTS", "\"-XX:+UseSerialGC -XX:TieredStopAtLevel=1\"");
        settings.put("KAOHE_START_TIMEOUT", "420");
        settings.put("AUDIT_KEYCLOAK_ADMIN_URL", "http://127.0.0.1:" + keycloakPort + "/admin/realms/kaohe");
        return settings;
    }

    /** The services whose databases a county gives each its own role, with their kaohe.env prefixes. */
    private static final Map<String, String> SERVICE_DATABASES = new java.util.LinkedHashMap<>(Map.of(
            "rubric", "RUBRIC", "evidence", "EVIDENCE", "scoring", "SCORING", "workflow", "WORKFLOW",
            "notification", "NOTIFICATION", "audit", "AUDIT"));

    /**
     * As deploy/production/pilot/create-databases.sql does on a county's server: each service logs in as its own
     * role, no superuser (production mode refuses one), owning its database; audit's tables are owned by
     * kaohe_audit, which migrates them, while the service logs in as kaohe_audit_runtime. The logins go into
     * {@code settings}; the databases are made (or handed over) by {@link #serviceDatabases}.
     */
    static void serviceRoles(String adminUrl, String user, String password, Map<String, String> settings)
            throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(adminUrl, user, password);
             java.sql.Statement s = c.createStatement()) {
            for (Map.Entry<String, String> db : SERVICE_DATABASES.entrySet()) {
                String role = "kaohe_" + db.getKey();
                String rolePassword = secret();
                s.execute("create role " + role + " login nosuperuser nocreatedb nocreaterole password '"
                        + rolePassword + "'");
                settings.put(db.getValue() + "_DB_USER", role);
                settings.put(db.getValue() + "_DB_PASSWORD", rolePassword);
            }
            String runtimePassword = secret();
            s.execute("create role kaohe_audit_runtime login nosuperuser nocreatedb nocreaterole password '"
                    + runtimePassword + "'");
            settings.put("AUDIT_DB_MIGRATION_USER", settings.get("AUDIT_DB_USER"));
            settings.put("AUDIT_DB_MIGRATION_PASSWORD", settings.get("AUDIT_DB_PASSWORD"));
            settings.put("AUDIT_DB_USER", "kaohe_audit_runtime");
            settings.put("AUDIT_DB_PASSWORD", runtimePassword);
        }
        serviceDatabases(adminUrl, user, password);
    }

    /** Each service's database, owned by its role, no one else may connect; made when it is missing. */
    static void serviceDatabases(String adminUrl, String user, String password) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(adminUrl, user, password);
             java.sql.Statement s = c.createStatement()) {
            for (String db : SERVICE_DATABASES.keySet()) {
                String role = "kaohe_" + db;
                boolean exists;
                try (java.sql.ResultSet r = s.executeQuery("select 1 from pg_database where datname = '" + db + "'")) {
                    exists = r.next();
                }
                s.execute(exists ? "alter database " + db + " owner to " + role
                        : "create database " + db + " owner " + role);
                s.execute("revoke all on database " + db + " from public");
            }
            s.execute("grant connect on database audit to kaohe_audit_runtime");
        }
    }

    static String secret() {
        byte[] bytes = new byte[24];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.HexFormat.of().formatHex(bytes);
    }

    private InstalledBundle(Path home) {
        this.home = home;
    }

    /** tar xzf kaohe-VERSION.tar.gz, as INSTALL.en.md does it. */
    static InstalledBundle unpack(Path tarball, Path into) throws IOException {
        Files.createDirectories(into);
        Commands.Result untar = Commands.run(into, Map.of(), Duration.ofMinutes(2),
                List.of("tar", "xzf", tarball.toString()));
        assertThat(untar.exitCode()).as("tar: " + untar.output()).isZero();
        try (var entries = Files.list(into)) {
            Path home = entries.filter(p -> p.getFileName().toString().startsWith("kaohe-")).findFirst().orElseThrow();
            return new InstalledBundle(home);
        }
    }

    Path home() {
        return home;
    }

    Path env() {
        return home.resolve("conf/kaohe.env");
    }

    /** Sets KEY=value in conf/kaohe.env where the template has that key (commented out or not). */
    void configure(Map<String, String> settings) throws IOException {
        configure(env(), settings);
    }

    /** The same on another copy of kaohe.env (KAOHE_ENV names it). */
    void configure(Path file, Map<String, String> settings) throws IOException {
        String text = Files.readString(file);
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            Matcher line = Pattern.compile("(?m)^#? ?" + Pattern.quote(setting.getKey()) + "=.*$").matcher(text);
            assertThat(line.find()).as("kaohe.env has " + setting.getKey()).isTrue();
            text = line.replaceFirst(Matcher.quoteReplacement(setting.getKey() + "=" + setting.getValue()));
        }
        Files.writeString(file, text);
    }

    /** bin/kaohe COMMAND..., as an operator runs it. */
    Commands.Result kaohe(Map<String, String> environment, Duration timeout, String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of(home.resolve("bin/kaohe").toString()));
        command.addAll(List.of(arguments));
        return Commands.run(home, environment, timeout, command);
    }

    /** Every process still running from this installation (its jars). */
    List<ProcessHandle> processes() {
        String lib = home.resolve("lib").toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(lib)).orElse(false))
                .toList();
    }
}
