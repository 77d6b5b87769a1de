package io.kaohe.deploy;

import static io.kaohe.deploy.HaDrills.await;
import static io.kaohe.deploy.UpgradeYear.EVENT_WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.deploy.UpgradeDatabases.Comparison;
import io.kaohe.deploy.UpgradeDatabases.Snapshot;
import io.kaohe.servers.PostgresServer;
import io.kaohe.servers.Readiness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The upgrade drill ({@code deploy/bin/upgrade-drill}): the previous release's launcher, built from its own commit in a
 * worktree of its own ({@code -Dkaohe.upgrade.previous=DIR}), starts on a fresh data folder and is given a year
 * through the API ({@link UpgradeYear}); it is stopped cleanly, and with PostgreSQL started alone on its data every
 * table of every database (the six services' and Keycloak's), the Flyway histories, Camunda's schema change log and
 * the bucket's objects are recorded ({@link UpgradeDatabases}). Then this tree's launcher starts on the same data
 * folder with SM4 encryption of evidence turned on (as an operator would after the upgrade), and the drill checks that
 * every service started, which migrations ran, that no table lost a row and no earlier row changed (bar the changes
 * named with why), that every object is there as it was and downloads through the API with its SHA-256 and SM3,
 * that the year reads back through the API as it did before the stop, that the audit chain verifies, and that the
 * year carries on: the open review is decided, the task leaves the department's inbox, a new file is stored (encrypted
 * at rest), a decision is scored.
 *
 * <p>Not part of {@code ./mvnw verify} (deploy/pom.xml excludes it): it builds and starts two releases.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpgradeDrillIT {

    /** 3000 by default ({@code -Dkaohe.upgrade.offset=N}). */
    static final int OFFSET = Integer.getInteger("kaohe.upgrade.offset", 3000);
    static final Ports PORTS = new Ports(OFFSET);
    /** The master key id this release's evidence-service wraps new contents with. */
    private static final String KEY_ID = "upgrade-drill";

    private static Path root;
    private static Path previous;
    private static Path data;
    private static String previousName;
    private static String currentName;
    private static Launched running;
    private static Launched previousRun;
    private static Launched currentRun;
    private static final UpgradeYear YEAR = new UpgradeYear("http://127.0.0.1:" + PORTS.gateway(),
            "http://127.0.0.1:" + PORTS.keycloak() + "/realms/kaohe");
    /** What the API answered before the stop, by what was asked. */
    private static Map<String, JsonNode> readBefore;
    private static long auditVerifiedBefore;
    private static Snapshot before;
    /** The steps so far passed: each step needs the one before (JUnit runs the next even when one failed). */
    private static int passed;

    @BeforeAll
    static void paths() throws IOException {
        root = RunningPlatform.root();
        String given = System.getProperty("kaohe.upgrade.previous");
        assertThat(given).as("-Dkaohe.upgrade.previous=DIR (the previous release, built): deploy/bin/upgrade-drill sets it")
                .isNotBlank();
        previous = Path.of(given).toAbsolutePath().normalize();
        assertThat(previous.resolve("deploy/target/platform-launcher.jar")).as("the previous release's launcher").isRegularFile();
        previousName = System.getProperty("kaohe.upgrade.previous-ref", previous.getFileName().toString());
        currentName = System.getProperty("kaohe.upgrade.current-ref", "this tree");
        data = root.resolve("deploy/target/upgrade-data-" + OFFSET);
        deleteTree(data);
        List<Integer> busy = List.of(PORTS.gateway(), PORTS.keycloak(), PORTS.postgres(), PORTS.kafka(), PORTS.objectStore(),
                PORTS.mailSmtp(), PORTS.rubric(), PORTS.workflow()).stream()
                .filter(port -> Readiness.portOpen("127.0.0.1", port)).toList();
        assertThat(busy).as("ports the drill's platform at offset " + OFFSET + " needs are taken (-Dkaohe.upgrade.offset=N)")
                .isEmpty();
    }

    @AfterAll
    static void stopWhatRuns() {
        if (running != null) {
            running.stop();
        }
    }

    @Test
    @Order(1)
    void thePreviousReleaseStartsOnAFreshDataFolderAndIsGivenAYear() throws Exception {
        previousRun = Launched.start("previous release " + previousName, previous, data, Map.of());
        running = previousRun;
        YEAR.newRelease();
        YEAR.give();
        // What the API answers now, to be asked again of the new release.
        readBefore = YEAR.read();
        checkDownloads(false);
        auditVerifiedBefore = YEAR.verifyAudit();
        assertThat(auditVerifiedBefore).isPositive();
        UpgradeDatabases.settled(PORTS.postgres(), "the previous release", EVENT_WAIT);
        passed = 1;
    }

    @Test
    @Order(2)
    void itStopsCleanlyAndEveryTableAndObjectIsRecorded() throws Exception {
        assumeTrue(passed == 1, "the previous release was not given its year");
        previousRun.stop();
        running = null;
        try (PostgresServer pg = PostgresServer.start(data.resolve("postgres"), PORTS.postgres(), data.resolve("logs"))) {
            before = Snapshot.take(pg.port(), data);
        }
        for (String database : LocalPlatform.DATABASES) {
            long business = before.tables().entrySet().stream()
                    .filter(t -> t.getKey().startsWith(database + ".") && !t.getKey().contains("flyway_"))
                    .mapToLong(t -> t.getValue().count()).sum();
            assertThat(business).as("rows in database " + database + " besides its migration history").isPositive();
        }
        assertThat(before.objects()).as("objects in the bucket").hasSizeGreaterThanOrEqualTo(5);
        System.out.printf("Recorded from %s: %d tables, %d rows, %d objects (%d bytes)%n", previousName,
                before.tables().size(), before.rows(), before.objects().size(), before.objectBytes());
        passed = 2;
    }

    @Test
    @Order(3)
    void thisReleaseStartsOnTheSameDataAndNothingIsLost() throws Exception {
        assumeTrue(passed == 2, "the previous release's data was not recorded");
        byte[] key = new byte[16];
        new SecureRandom().nextBytes(key);
        currentRun = Launched.start("this release (" + currentName + ")", root, data, Map.of(
                "EVIDENCE_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(key), "EVIDENCE_ENCRYPTION_KEY_ID", KEY_ID));
        running = currentRun;
        YEAR.newRelease();
        // Before any request: the requests themselves write (audit records of downloads, the office's logins).
        Snapshot after = Snapshot.take(PORTS.postgres(), data);

        // Which migrations ran: the history rows the start added.
        List<String> applied = new ArrayList<>();
        for (Map.Entry<String, List<String>> history : after.migrations().entrySet()) {
            List<String> earlier = before.migrations().getOrDefault(history.getKey(), List.of());
            assertThat(history.getValue()).as(history.getKey() + ": every earlier migration still recorded").containsAll(earlier);
            for (String row : history.getValue()) {
                if (!earlier.contains(row)) {
                    applied.add(history.getKey() + " " + row);
                    assertThat(row).as("a migration that failed: " + history.getKey()).doesNotContain("success=false");
                }
            }
        }
        List<String> changeLogRan = new ArrayList<>(after.changeLog());
        changeLogRan.removeAll(before.changeLog());
        assertThat(after.changeLog()).as("Camunda's schema change log keeps every earlier change set").containsAll(before.changeLog());
        assertThat(after.changeLog()).as("Camunda's schema change log").isNotEmpty();

        // Tables: none gone but the ones a migration moved, none with fewer rows, every earlier row unchanged on its
        // columns but the changes named with why.
        Comparison compared = UpgradeDatabases.compare(before, after);
        compared.allowed().forEach(line -> System.out.println("  (allowed) " + line));
        assertThat(compared.problems()).as("tables that lost or changed earlier rows across the upgrade").isEmpty();

        // The bucket: every object there, byte for byte.
        for (Map.Entry<String, String> object : before.objects().entrySet()) {
            assertThat(after.objects().get(object.getKey())).as("object " + object.getKey()).isEqualTo(object.getValue());
        }

        // The year through the API, as it answered before the stop: each earlier value the same, new fields named.
        Map<String, JsonNode> readAfter = YEAR.read();
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> differences = new ArrayList<>();
        readBefore.forEach((what, then) -> differences.addAll(UpgradeYear.compare(what, then, readAfter.get(what), added,
                changed)));
        changed.forEach(line -> System.out.println("  (allowed) answer " + line));
        assertThat(differences).as("answers that changed across the upgrade").isEmpty();
        System.out.println("  fields this release adds to the answers: " + (added.isEmpty() ? "none" : added));
        int downloads = checkDownloads(true);
        long verified = YEAR.verifyAudit();
        assertThat(verified).isGreaterThan(auditVerifiedBefore);

        // The year carries on; the new file is encrypted at rest, the earlier ones stay as they were and still read.
        String text = "升级后补充材料：走访记录扫描件目录（" + KEY_ID + "）。";
        String addedId = YEAR.carryOn(text);
        JsonNode version = YEAR.file(addedId).at("/versions/0");
        byte[] content = YEAR.download(addedId, 1);
        assertThat(new String(content, StandardCharsets.UTF_8)).isEqualTo(text);
        assertThat(version.get("sha256").asText()).isEqualTo(digest("SHA-256", content));
        try (Connection c = UpgradeDatabases.connect(PORTS.postgres(), "evidence");
             PreparedStatement q = c.prepareStatement("select cipher, key_id from evidence_blob where sha256 = ?")) {
            q.setString(1, version.get("sha256").asText());
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).as("the new file's content").isTrue();
                assertThat(rs.getString(1) + " " + rs.getString(2)).isEqualTo("SM4-CTR " + KEY_ID);
            }
        }
        for (Path object : UpgradeDatabases.objects(data)) {
            if (!before.objects().containsKey(data.resolve("s3/blobs").relativize(object).toString())) {
                assertThat(Files.readString(object, StandardCharsets.ISO_8859_1))
                        .as("a new object holds the new file's text in the clear: " + object)
                        .doesNotContain(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
            }
        }
        YEAR.verifyAudit();

        System.out.println("  Flyway migrations applied by the upgrade: " + (applied.isEmpty() ? "none" : applied));
        System.out.println("  Camunda change sets run by the upgrade: " + (changeLogRan.isEmpty() ? "none" : changeLogRan)
                + "; recorded: " + after.changeLog().size() + ", last " + after.changeLog().get(after.changeLog().size() - 1));
        System.out.printf("Upgrade drill %s → %s: %d tables in %d databases compared (%d rows before, %d after, none lost; "
                        + "%d tables unchanged row for row, %d changes allowed), %d objects (%d bytes) identical, %d downloads "
                        + "through the API with their SHA-256 and SM3, audit chain intact (%d records), migrations applied: %d "
                        + "Flyway + %d Camunda change sets; start-up %s %d s, %s on its data %d s%n",
                previousName, currentName, before.tables().size(), LocalPlatform.DATABASES.size(), before.rows(),
                after.rows(), compared.unchangedTables(), compared.allowed().size(), before.objects().size(),
                before.objectBytes(), downloads, verified, applied.size(), changeLogRan.size(), previousName,
                previousRun.startSeconds(), currentName, currentRun.startSeconds());
        System.out.println("  start-up of " + previousName + ": " + previousRun.startLine());
        System.out.println("  start-up of " + currentName + ": " + currentRun.startLine());
        currentRun.stop();
        running = null;
    }

    /**
     * Downloads every file version of the year through the gateway and checks its SHA-256 against evidence-service's
     * record; with {@code sm3}, also the SM3 this release records (filled in for earlier contents by its backfill).
     * Returns the number of downloads.
     */
    private static int checkDownloads(boolean sm3) throws Exception {
        int downloads = 0;
        for (Map.Entry<String, Map<Integer, String>> file : YEAR.evidence.entrySet()) {
            for (Map.Entry<Integer, String> version : file.getValue().entrySet()) {
                String what = file.getKey() + " v" + version.getKey();
                byte[] content = YEAR.download(file.getKey(), version.getKey());
                assertThat(digest("SHA-256", content)).as(what).isEqualTo(version.getValue());
                if (sm3) {
                    JsonNode recorded = await("the SM3 of " + what + " (the backfill)", EVENT_WAIT, () -> {
                        for (JsonNode v : YEAR.file(file.getKey()).get("versions")) {
                            if (v.get("version").asInt() == version.getKey() && v.hasNonNull("sm3")) {
                                return v.get("sm3");
                            }
                        }
                        return null;
                    });
                    assertThat(recorded.asText()).as("SM3 of " + what).isEqualTo(digest("SM3", content));
                }
                downloads++;
            }
        }
        return downloads;
    }

    private static String digest(String algorithm, byte[] content) throws Exception {
        if (algorithm.equals("SM3")) {
            SM3Digest sm3 = new SM3Digest();
            sm3.update(content, 0, content.length);
            byte[] out = new byte[sm3.getDigestSize()];
            sm3.doFinal(out, 0);
            return HexFormat.of().formatHex(out);
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
    }

    /** A launcher started as {@code ./platform} would be, with {@code env} added, its output in deploy/target. */
    record Launched(String name, Process process, Path output, long startSeconds, String startLine) {

        static Launched start(String name, Path tree, Path data, Map<String, String> env) throws Exception {
            Path output = root.resolve("deploy/target/upgrade-" + (tree.equals(root) ? "current" : "previous") + "-"
                    + OFFSET + ".out");
            Files.createDirectories(output.getParent());
            long t = System.nanoTime();
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", tree.resolve("deploy/target/platform-launcher.jar").toString(), "--data-dir=" + data,
                    "--port-offset=" + OFFSET, "--runtimes-dir=" + root.resolve("target/keycloak"))
                    .directory(tree.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            Launched launched = new Launched(name, process, output, 0, "");
            Runtime.getRuntime().addShutdownHook(new Thread(launched::stop, "stop-upgrade-platform"));
            int minutes = Integer.getInteger("kaohe.upgrade.start-minutes", 12);
            long deadline = System.nanoTime() + Duration.ofMinutes(minutes).toNanos();
            while (!Files.readString(output).contains("is up")) {
                if (!process.isAlive()) {
                    throw new AssertionError(name + " did not start on " + data + ":\n" + Files.readString(output));
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(name + " was not up after " + minutes + " minutes:\n" + Files.readString(output));
                }
                Thread.sleep(1000);
            }
            long seconds = Duration.ofNanos(System.nanoTime() - t).toSeconds();
            String startLine = Files.readAllLines(output).stream().filter(l -> l.startsWith("Start-up:")).findFirst().orElse("");
            System.out.printf("%s is up in %d s: %s%n", name, seconds, startLine);
            return new Launched(name, process, output, seconds, startLine);
        }

        /** Ctrl-C's way: SIGTERM, the launcher stops every part; it must say it stopped. */
        void stop() {
            if (!process.isAlive()) {
                return;
            }
            process.destroy();
            try {
                if (!process.waitFor(3, TimeUnit.MINUTES)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    throw new AssertionError(name + " did not stop within 3 minutes");
                }
                assertThat(Files.readString(output)).as(name + " stopped cleanly").contains("Stopped. Data kept in");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
