package io.kaohe.audit.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.kaohe.audit.chain.Chain;
import io.kaohe.audit.chain.ChainAppender;
import io.kaohe.audit.chain.ChainVerifier;
import io.kaohe.audit.chain.Entry;
import io.kaohe.audit.chain.StoredRecord;
import io.kaohe.audit.chain.Verification;
import io.kaohe.audit.VerifyCommand;
import io.kaohe.audit.retention.ArchiveFiles;
import io.kaohe.audit.retention.Archiver;
import io.kaohe.support.audit.Sm3;
import io.kaohe.testsupport.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A real archive run on the real PostgreSQL. {@code audit_archive()} only takes a range that starts at the oldest
 * live record, and the module's other ITs fill its database with young ones, so each test here has a database of its
 * own on the same test server, migrated the way the service migrates (the platform tables under their own history,
 * then audit-service's {@code db/migration}), and builds the chain's appender, the archiver and the verifier by
 * hand on it. As in production they work as {@code kaohe_audit_runtime} (INSERT and SELECT only; the DELETE is
 * {@code audit_archive()}'s, a security definer). Old records are appended with a clock 200 days back; the
 * database's own {@code now()} decides what is old.
 */
class ArchiveIT {

    private static final Duration RETENTION = Duration.ofDays(180);
    private static final String RUNTIME_ROLE = "kaohe_audit_runtime";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path archiveDir;

    private String database;
    private HikariDataSource runtime;
    private JdbcTemplate jdbc;
    private TransactionTemplate transaction;
    private ArchiveFiles files;

    @AfterEach
    void close() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void aRunArchivesExactlyTheExpiredRecordsToAFileItsManifestAndTheChainVouchFor() throws Exception {
        freshDatabase("it");
        Instant now = Instant.now();
        for (int i = 0; i < 4; i++) {
            append(now.minus(Duration.ofDays(200)), "old-" + i);
        }
        append(now.minus(Duration.ofDays(181)), "old-4");
        // Younger than the retention, the oldest of them by a day: they stay live.
        append(now.minus(Duration.ofDays(179)), "young-0");
        append(now.minus(Duration.ofDays(1)), "young-1");
        append(now, "young-2");
        List<StoredRecord> before = rows(1, 8);
        assertThat(before).extracting(StoredRecord::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(verifier().verify().intact()).isTrue();

        Archiver.Archived archived = archiver(RETENTION, 100_000).run().orElseThrow();

        // Exactly the expired ones, from the oldest to the last one older than the retention.
        assertThat(archived.firstSeq()).isEqualTo(1);
        assertThat(archived.lastSeq()).isEqualTo(5);
        assertThat(archived.file()).matches("audit-1-5-\\d+\\.jsonl");
        Path file = archiveDir.resolve(archived.file());
        try (var listed = Files.list(archiveDir)) {
            assertThat(listed.map(p -> p.getFileName().toString()).toList())
                    .as("the archive file and nothing else (no .part left)").containsExactly(archived.file());
        }

        // One line per record: its position, its links and the exact bytes its digest covers, as the row was.
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(5);
        for (int i = 0; i < 5; i++) {
            StoredRecord row = before.get(i);
            String line = lines.get(i);
            JsonNode parsed = JSON.readTree(line);
            assertThat(parsed.get("seq").asLong()).isEqualTo(row.seq());
            assertThat(parsed.get("prevDigest").asText()).isEqualTo(row.prevDigest());
            assertThat(parsed.get("digest").asText()).isEqualTo(row.digest());
            assertThat(parsed.at("/record/eventId").asText()).isEqualTo(row.entry().eventId());
            String marker = ",\"record\":";
            byte[] recordBytes = line.substring(line.indexOf(marker) + marker.length(), line.length() - 1)
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(recordBytes).as("line %d holds the bytes the digest covers", i + 1).isEqualTo(row.canonical());
            assertThat(Chain.link(parsed.get("prevDigest").asText(), recordBytes))
                    .as("line %d's digest follows from its own bytes", i + 1).isEqualTo(row.digest());
        }

        // The manifest: range, count, first link, head digest, file and its SM3.
        String fileSm3 = Sm3.hex(Files.readAllBytes(file));
        assertThat(archived.fileSm3()).isEqualTo(fileSm3).isEqualTo(files.sm3(archived.file()));
        Map<String, Object> manifest = jdbc.queryForMap("select * from archive_manifest");
        assertThat(((Number) manifest.get("id")).longValue()).isEqualTo(archived.manifestId());
        assertThat(manifest).containsEntry("first_seq", 1L).containsEntry("last_seq", 5L)
                .containsEntry("record_count", 5L).containsEntry("first_prev_digest", Chain.GENESIS)
                .containsEntry("head_digest", before.get(4).digest()).containsEntry("file_name", archived.file())
                .containsEntry("file_sm3", fileSm3);

        // Gone from the live table; the young ones untouched; the run is itself a SYSTEM record of the chain.
        List<StoredRecord> after = rows(1, Long.MAX_VALUE);
        assertThat(after).extracting(StoredRecord::seq).containsExactly(6L, 7L, 8L, 9L);
        assertThat(after.subList(0, 3)).isEqualTo(before.subList(5, 8));
        StoredRecord system = after.get(3);
        assertThat(system.entry().category()).isEqualTo("SYSTEM");
        assertThat(system.entry().source()).isEqualTo("audit-service");
        assertThat(system.entry().verb()).isEqualTo("archive");
        assertThat(system.entry().objectType()).isEqualTo("archive-manifest");
        assertThat(system.entry().objectId()).isEqualTo(String.valueOf(archived.manifestId()));
        assertThat(system.entry().reason()).contains(archived.file(), fileSm3);
        assertThat(system.recordedAt()).isAfter(now.minusSeconds(600));
        assertThat(system.prevDigest()).isEqualTo(before.get(7).digest());

        // The chain verifies across the boundary: the first live record links to the manifest's head.
        assertThat(after.get(0).prevDigest()).isEqualTo(manifest.get("head_digest"));
        Verification verified = verifier().verify();
        assertThat(verified.intact()).as("%s", verified.problems()).isTrue();
        assertThat(verified.archivesChecked()).isEqualTo(1);
        assertThat(verified.firstSeq()).isEqualTo(6);
        assertThat(verified.lastSeq()).isEqualTo(9);
        assertThat(verified.verifiedCount()).isEqualTo(4);
        assertThat(verified.headDigest()).isEqualTo(system.digest());
        Cli cli = cli();
        assertThat(cli.exit()).as(cli.output()).isZero();
        assertThat(cli.output()).contains("intact", "archives 1");

        // A second run finds nothing left to archive.
        assertThat(archiver(RETENTION, 100_000).run()).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from archive_manifest", Long.class)).isOne();
        assertThat(rows(1, Long.MAX_VALUE)).isEqualTo(after);
        try (var listed = Files.list(archiveDir)) {
            assertThat(listed.count()).isOne();
        }

        // The verifier checks the file's SM3 against the manifest when the file is at hand: one altered line is noticed.
        byte[] original = Files.readAllBytes(file);
        Files.writeString(file, new String(original, StandardCharsets.UTF_8).replace("old-2", "odd-2"),
                StandardCharsets.UTF_8);
        Verification altered = verifier().verify();
        assertThat(altered.intact()).isFalse();
        assertThat(altered.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Verification.Kind.ARCHIVE);
            assertThat(p.seq()).isEqualTo(1);
            assertThat(p.detail()).contains(archived.file());
        });
        Cli broken = cli();
        assertThat(broken.exit()).as(broken.output()).isEqualTo(2);
        assertThat(broken.output()).contains("ARCHIVE at 1");
        Files.write(file, original);
        assertThat(verifier().verify().intact()).isTrue();

        // A manifest changed behind its trigger's back (the owner, trigger off) is noticed as well.
        String head = (String) manifest.get("head_digest");
        asOwnerWithoutManifestTrigger("update archive_manifest set head_digest = repeat('a', 64)");
        Verification rewritten = verifier().verify();
        assertThat(rewritten.intact()).isFalse();
        assertThat(rewritten.firstProblem().kind()).isEqualTo(Verification.Kind.LINK_BROKEN);
        assertThat(rewritten.firstProblem().seq()).as("the first live record no longer links to it").isEqualTo(6);
        asOwnerWithoutManifestTrigger("update archive_manifest set head_digest = '" + head + "'");
        asOwnerWithoutManifestTrigger("update archive_manifest set file_sm3 = repeat('b', 64)");
        assertThat(verifier().verify().firstProblem().kind()).isEqualTo(Verification.Kind.ARCHIVE);
        asOwnerWithoutManifestTrigger("update archive_manifest set file_sm3 = '" + fileSm3 + "'");
        assertThat(verifier().verify().intact()).isTrue();

        // The archive is still the only way out: a live record cannot be deleted, by the service's role or the owner,
        // not even with the archive's session setting forged.
        for (String sql : List.of("delete from audit_record where seq = 6",
                "select set_config('kaohe.audit.archiving', '6', false); delete from audit_record where seq = 6")) {
            assertThatThrownBy(() -> jdbc.execute(sql)).as(sql).rootCause().hasMessageContaining("permission denied");
            try (Connection owner = owner(); Statement s = owner.createStatement()) {
                assertThatThrownBy(() -> s.execute(sql)).as(sql).hasMessageContaining("append-only");
            }
        }
        assertThat(rows(1, Long.MAX_VALUE)).isEqualTo(after);
    }

    @Test
    void aRetentionUnder180DaysIsRefusedByTheArchiverAndTheDatabaseAndSoAreYoungRecords() throws Exception {
        freshDatabase("refused");
        Instant now = Instant.now();
        append(now.minus(Duration.ofDays(200)), "old");
        append(now.minus(Duration.ofDays(179)), "young-0");
        append(now, "young-1");

        for (Duration shorter : List.of(Duration.ofDays(179), Duration.ofDays(180).minusSeconds(1), Duration.ZERO)) {
            assertThatThrownBy(() -> archiver(shorter, 100)).as("%s", shorter)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("180 days");
        }
        // audit_archive() itself, called as the service's role could call it: too short a retention; a range with a
        // record younger than the retention; a range that does not start at the oldest live record.
        assertThatThrownBy(() -> archiveDirectly(1, 1, "179 days")).rootCause()
                .hasMessageContaining("kept at least 180 days");
        assertThatThrownBy(() -> archiveDirectly(1, 1, "4319 hours")).rootCause()
                .hasMessageContaining("kept at least 180 days");
        assertThatThrownBy(() -> archiveDirectly(1, 2, "180 days")).rootCause()
                .hasMessageContaining("younger than");
        assertThatThrownBy(() -> archiveDirectly(2, 2, "180 days")).rootCause()
                .hasMessageContaining("starts at the oldest live record");
        assertThat(jdbc.queryForObject("select count(*) from audit_record", Long.class)).isEqualTo(3);
        assertThat(jdbc.queryForObject("select count(*) from archive_manifest", Long.class)).isZero();

        // With the retention the service may have, the old one goes and only it.
        assertThat(archiver(RETENTION, 100).run()).get().satisfies(a -> {
            assertThat(a.firstSeq()).isEqualTo(1);
            assertThat(a.lastSeq()).isEqualTo(1);
        });
        assertThat(jdbc.queryForList("select seq from audit_record order by seq", Long.class)).containsExactly(2L, 3L, 4L);
    }

    @Test
    void aLongerRetentionAndSmallBatchesArchiveInTurnsThatTheChainLinksTogether() throws Exception {
        freshDatabase("batches");
        Instant now = Instant.now();
        for (int i = 0; i < 4; i++) {
            append(now.minus(Duration.ofDays(200)), "old-" + i);
        }
        append(now.minus(Duration.ofDays(185)), "older-than-180-younger-than-190");
        append(now, "young");
        List<StoredRecord> before = rows(1, 6);

        Archiver archiver = archiver(Duration.ofDays(190), 2);
        Archiver.Archived first = archiver.run().orElseThrow();
        Archiver.Archived second = archiver.run().orElseThrow();
        Optional<Archiver.Archived> third = archiver.run();
        assertThat(List.of(first.firstSeq(), first.lastSeq(), second.firstSeq(), second.lastSeq()))
                .containsExactly(1L, 2L, 3L, 4L);
        assertThat(third).as("the record of 185 days stays under a retention of 190").isEmpty();
        assertThat(jdbc.queryForList("select first_prev_digest || ' ' || head_digest from archive_manifest order by id",
                String.class)).containsExactly(Chain.GENESIS + " " + before.get(1).digest(),
                before.get(1).digest() + " " + before.get(3).digest());
        // Left live: the 185-day record, the young one and the two runs' SYSTEM records.
        assertThat(jdbc.queryForList("select seq from audit_record order by seq", Long.class))
                .containsExactly(5L, 6L, 7L, 8L);
        assertThat(Files.readAllLines(archiveDir.resolve(second.file()))).hasSize(2);

        Verification verified = verifier().verify();
        assertThat(verified.intact()).as("%s", verified.problems()).isTrue();
        assertThat(verified.archivesChecked()).isEqualTo(2);
        assertThat(verified.verifiedCount()).isEqualTo(4);
    }

    // ------------------------------------------------------------------------------------------------

    /** A database of this test's own, migrated as the service migrates its own, and the runtime role's pool on it. */
    private void freshDatabase(String name) throws Exception {
        database = "audit_archive_" + name + "_" + DATABASES.incrementAndGet();
        TestServers.Database pg = TestServers.postgres();
        try (Connection admin = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.user(), pg.password());
             Statement s = admin.createStatement()) {
            s.execute("drop database if exists " + database + " with (force)");
        }
        String url = TestServers.database(database);
        // As service-support's PlatformSchemaMigration and service-defaults.yml: the platform tables under their own
        // history first, then the service's migrations baselined at 0; as the owner (spring.flyway.user).
        Flyway.configure().dataSource(url, pg.user(), pg.password()).locations("classpath:db/platform")
                .table("flyway_platform_history").baselineOnMigrate(true).baselineVersion("0").load().migrate();
        Flyway.configure().dataSource(url, pg.user(), pg.password()).locations("classpath:db/migration")
                .baselineOnMigrate(true).baselineVersion("0").load().migrate();

        runtime = new HikariDataSource();
        runtime.setJdbcUrl(url);
        runtime.setUsername(pg.user());
        runtime.setPassword(pg.password());
        runtime.setMaximumPoolSize(3);
        runtime.setConnectionInitSql("set role " + RUNTIME_ROLE);
        jdbc = new JdbcTemplate(runtime);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(runtime));
        files = new ArchiveFiles(archiveDir.toAbsolutePath());
        assertThat(jdbc.queryForObject("select current_user", String.class)).isEqualTo(RUNTIME_ROLE);
    }

    /** Appends as the chain's appender does, its clock set to {@code at} (recorded_at is the appender's clock). */
    private long append(Instant at, String name) {
        ChainAppender appender = new ChainAppender(jdbc, Clock.fixed(at, ZoneOffset.UTC));
        Entry entry = new Entry("it:archive:" + name + ":" + UUID.randomUUID(), "it", "WRITE", "SUCCESS", null, null,
                "office", "office-admin", null, "kaohebang", null, "POST", "/api/it", "/api/it", name, "it", name,
                null, null, null, 0L, null, null, null, null, "127.0.0.1", null, "127.0.0.1", null, at);
        return transaction.execute(tx -> appender.append(entry).orElseThrow());
    }

    private Archiver archiver(Duration retention, int batch) {
        return new Archiver(jdbc, transaction, new ChainAppender(jdbc, Clock.systemUTC()), files, retention, batch,
                "audit-service", Clock.systemUTC());
    }

    /** The verifier as the service wires it (TrailConfiguration): archive files checked through ArchiveFiles.sm3. */
    private ChainVerifier verifier() {
        return new ChainVerifier(jdbc, Clock.systemUTC(), files::sm3);
    }

    private List<StoredRecord> rows(long from, long to) {
        return jdbc.query("select " + StoredRecord.COLUMNS + " from audit_record where seq between ? and ? order by seq",
                (rs, n) -> StoredRecord.from(rs), from, to);
    }

    private void archiveDirectly(long first, long last, String retention) {
        transaction.executeWithoutResult(tx -> jdbc.queryForObject(
                "select audit_archive(?, ?, 'forged.jsonl', repeat('0', 64), cast(? as interval))", Long.class, first,
                last, retention));
    }

    private Connection owner() throws Exception {
        TestServers.Database pg = TestServers.postgres();
        return DriverManager.getConnection(pg.jdbcUrl(database), pg.user(), pg.password());
    }

    private void asOwnerWithoutManifestTrigger(String sql) throws Exception {
        try (Connection owner = owner(); Statement s = owner.createStatement()) {
            owner.setAutoCommit(false);
            s.execute("alter table archive_manifest disable trigger archive_manifest_append_only");
            s.execute(sql);
            s.execute("alter table archive_manifest enable trigger archive_manifest_append_only");
            owner.commit();
        }
    }

    private record Cli(int exit, String output) {
    }

    /** {@code java -jar audit-service.jar --verify} on this test's database and archive folder. */
    private Cli cli() {
        TestServers.Database pg = TestServers.postgres();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = VerifyCommand.run(new String[] {"--verify", "--db-url=" + pg.jdbcUrl(database),
                "--db-user=" + pg.user(), "--db-password=" + pg.password(), "--archive-dir=" + archiveDir},
                Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Cli(exit, out.toString(StandardCharsets.UTF_8));
    }
}
