package io.kaohe.audit.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.audit.chain.ChainAppender;
import io.kaohe.audit.chain.Entry;
import io.kaohe.audit.chain.StoredRecord;
import io.kaohe.audit.VerifyCommand;
import io.kaohe.contracts.events.AuditRecorded;
import io.kaohe.contracts.events.EventEnvelope;
import io.kaohe.testsupport.Await;
import io.kaohe.testsupport.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The chain on a real PostgreSQL fed through a real Kafka: every record appended once, the chain
 * verified, and a record deleted, altered or replaced directly in the database found by the
 * verification (endpoint and command line); the tables refuse UPDATE, DELETE and TRUNCATE to the
 * service's role and to their owner alike.
 */
class AuditChainIT extends AuditITBase {

    @Autowired
    ChainAppender appender;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void eachRecordIsAppendedOnceHoweverOftenItIsDeliveredAndTheChainVerifies() {
        EventEnvelope<AuditRecorded> twice = send(record("scoring-service", "reviewer.swzzb", "swzzb", "SUCCESS",
                "decide", null));
        send(twice);
        EventEnvelope<AuditRecorded> other = send(record("evidence-service", "reporter.sjw", null, "REFUSED",
                "upload", "evidence.unit.not-found"));
        Await.until(() -> countOf(twice.id()) == 1 && countOf(other.id()) == 1, "both records in the chain");
        send(twice);
        EventEnvelope<AuditRecorded> marker = send(record("rubric-service", "office", null, "SUCCESS", "publish", null));
        Await.until(() -> countOf(marker.id()) == 1, "a later record");
        assertThat(countOf(twice.id())).isEqualTo(1);
        assertThat(db.sql("select source || ' ' || username || ' ' || verb || ' ' || outcome from audit_record "
                + "where event_id = ?").param(other.id()).query(String.class).single())
                .isEqualTo("evidence-service reporter.sjw upload REFUSED");

        ResponseEntity<JsonNode> verified = call(HttpMethod.POST, "/api/audit/verification", "auditor");
        assertThat(verified.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode result = verified.getBody().get("result");
        assertThat(result.get("intact").asBoolean()).as(result.toString()).isTrue();
        assertThat(result.get("problems")).isEmpty();
        assertThat(result.get("verifiedCount").asLong())
                .isEqualTo(result.get("lastSeq").asLong() - result.get("firstSeq").asLong() + 1)
                .isGreaterThanOrEqualTo(3);
        assertThat(verified.getBody().get("requestedBy").asText()).isEqualTo("auditor");

        JsonNode last = call(HttpMethod.GET, "/api/audit/verification", "auditor").getBody();
        assertThat(last.get("id").asLong()).isEqualTo(verified.getBody().get("id").asLong());
    }

    @Test
    void aRecordDeletedAlteredOrReplacedInTheDatabaseIsFoundByTheVerification() throws Exception {
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            seqs.add(appendNow(entry("tamper-" + i)));
        }
        long victim = seqs.get(2);
        assertThat(verify().path("intact").asBoolean()).isTrue();

        Map<String, Object> row = jdbc.queryForMap("select * from audit_record where seq = ?", victim);
        asOwnerWithoutTrigger("delete from audit_record where seq = " + victim);
        JsonNode removed = verify();
        assertThat(removed.path("intact").asBoolean()).isFalse();
        assertThat(removed.at("/problems/0/kind").asText()).isEqualTo("REMOVED");
        assertThat(removed.at("/problems/0/seq").asLong()).isEqualTo(victim);
        assertThat(removed.path("problems")).hasSize(1);
        Cli cli = cli();
        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.output()).contains("BROKEN").contains("REMOVED at " + victim);
        restore(row);
        assertThat(verify().path("intact").asBoolean()).isTrue();
        assertThat(cli().exit()).isZero();

        asOwnerWithoutTrigger("update audit_record set reason = 'nothing happened' where seq = " + victim);
        JsonNode altered = verify();
        assertThat(altered.at("/problems/0/kind").asText()).isEqualTo("ALTERED");
        assertThat(altered.at("/problems/0/seq").asLong()).isEqualTo(victim);
        asOwnerWithoutTrigger("update audit_record set reason = null where seq = " + victim);
        assertThat(verify().path("intact").asBoolean()).isTrue();

        // A forger who knows the algorithm replaces the record with one whose own digest is right:
        // the record after it no longer links to it.
        String prev = jdbc.queryForObject("select digest from audit_record where seq = ?", String.class, victim - 1);
        // Only the columns the forger's insert below sets; every other field null, as the row will hold it.
        Entry forged = new Entry("it:forged:" + UUID.randomUUID(), "it", "WRITE", "SUCCESS", null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        Instant at = ((java.sql.Timestamp) row.get("recorded_at")).toInstant();
        StoredRecord fake = new StoredRecord(victim, at, forged, prev, null);
        asOwnerWithoutTrigger("delete from audit_record where seq = " + victim);
        try (Connection owner = owner(); PreparedStatement insert = owner.prepareStatement(
                "insert into audit_record (seq, event_id, source, category, outcome, occurred_at, recorded_at, prev_digest, "
                        + "digest) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, victim);
            insert.setString(2, forged.eventId());
            insert.setString(3, forged.source());
            insert.setString(4, forged.category());
            insert.setString(5, forged.outcome());
            insert.setTimestamp(6, java.sql.Timestamp.from(forged.occurredAt()));
            insert.setTimestamp(7, java.sql.Timestamp.from(at));
            insert.setString(8, prev);
            insert.setString(9, fake.expectedDigest());
            insert.executeUpdate();
        }
        JsonNode replaced = verify();
        assertThat(replaced.at("/problems/0/kind").asText()).isEqualTo("LINK_BROKEN");
        assertThat(replaced.at("/problems/0/seq").asLong()).isEqualTo(victim + 1);
        asOwnerWithoutTrigger("delete from audit_record where seq = " + victim);
        restore(row);
        assertThat(verify().path("intact").asBoolean()).isTrue();
    }

    @Test
    void theTrailIsAppendOnlyForTheServiceRoleAndForItsOwner() throws Exception {
        long seq = appendNow(entry("append-only"));
        assertThat(jdbc.queryForObject("select current_user", String.class)).isEqualTo("kaohe_audit_runtime");
        for (String sql : List.of("update audit_record set reason = 'x' where seq = " + seq,
                "delete from audit_record where seq = " + seq, "truncate audit_record",
                "delete from archive_manifest", "update verification_run set intact = true",
                "select set_config('kaohe.audit.archiving', '" + seq + "', false); delete from audit_record where seq = " + seq)) {
            assertThatThrownBy(() -> jdbc.execute(sql)).as(sql).rootCause().hasMessageContaining("permission denied");
        }
        try (Connection owner = owner(); Statement s = owner.createStatement()) {
            for (String sql : List.of("update audit_record set reason = 'x' where seq = " + seq,
                    "delete from audit_record where seq = " + seq, "truncate audit_record",
                    "truncate archive_manifest", "delete from verification_run")) {
                assertThatThrownBy(() -> s.execute(sql)).as(sql).hasMessageContaining("append-only");
            }
        }
        assertThat(jdbc.queryForObject("select count(*) from audit_record where seq = ?", Long.class, seq)).isOne();
    }

    @Test
    void appendsAndVerifiesAtAMeasuredRate() {
        int n = 2000;
        long started = System.nanoTime();
        for (int i = 0; i < n; i++) {
            appendNow(entry("rate-" + i));
        }
        double appendSeconds = (System.nanoTime() - started) / 1e9;
        long verifyStarted = System.nanoTime();
        JsonNode result = verify();
        double verifySeconds = (System.nanoTime() - verifyStarted) / 1e9;
        System.out.printf("audit chain: appended %d records one transaction each in %.2f s (%.0f/s); verified %d in %.2f s "
                        + "(%.0f/s)%n", n, appendSeconds, n / appendSeconds, result.path("verifiedCount").asLong(),
                verifySeconds, result.path("verifiedCount").asLong() / verifySeconds);
        assertThat(result.path("intact").asBoolean()).isTrue();
        assertThat(result.path("verifiedCount").asLong()).isGreaterThanOrEqualTo(n);
    }

    // ------------------------------------------------------------------------------------------------

    private long appendNow(Entry entry) {
        return transaction.execute(tx -> appender.append(entry).orElseThrow());
    }

    private static Entry entry(String name) {
        return new Entry("it:" + name + ":" + UUID.randomUUID(), "it", "WRITE", "SUCCESS", null, null, "office",
                "office-admin", null, "kaohebang", null, "POST", "/api/it", "/api/it", name, "it", name, null, null,
                null, 0L, null, null, null, null, "127.0.0.1", null, "127.0.0.1", null, Instant.now());
    }

    private JsonNode verify() {
        ResponseEntity<JsonNode> response = call(HttpMethod.POST, "/api/audit/verification", "auditor");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody().get("result");
    }

    /** As the owner, in one transaction with the trigger off: what a tamperer with superuser rights would do. */
    private static void asOwnerWithoutTrigger(String sql) throws Exception {
        try (Connection owner = owner(); Statement s = owner.createStatement()) {
            owner.setAutoCommit(false);
            s.execute("alter table audit_record disable trigger audit_record_append_only");
            s.execute(sql);
            s.execute("alter table audit_record enable trigger audit_record_append_only");
            owner.commit();
        }
    }

    private static void restore(Map<String, Object> row) throws Exception {
        List<String> columns = new ArrayList<>(row.keySet());
        String sql = "insert into audit_record (" + String.join(", ", columns) + ") values ("
                + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
        try (Connection owner = owner(); PreparedStatement insert = owner.prepareStatement(sql)) {
            for (int i = 0; i < columns.size(); i++) {
                insert.setObject(i + 1, row.get(columns.get(i)));
            }
            insert.executeUpdate();
        }
    }

    private record Cli(int exit, String output) {
    }

    private static Cli cli() {
        TestServers.Database pg = TestServers.postgres();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = VerifyCommand.run(new String[] {"--verify", "--db-url=" + pg.jdbcUrl(DATABASE), "--db-user=" + pg.user(),
                "--db-password=" + pg.password(), "--archive-dir=target/audit-archive-it"}, Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Cli(exit, out.toString(StandardCharsets.UTF_8));
    }


}
