package io.kaohe.audit.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaohe.audit.chain.ChainVerifier;
import io.kaohe.audit.chain.Verification;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Verifications of the chain as the auditor asks for them, each kept (append-only) with what it found. */
public class VerificationRuns {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChainVerifier verifier;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;
    private final TransactionTemplate write;

    public VerificationRuns(ChainVerifier verifier, JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.verifier = verifier;
        this.jdbc = jdbc;
        // One consistent view of the chain while it is walked, appends going on meanwhile.
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setReadOnly(true);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.write = new TransactionTemplate(transactions);
    }

    /** What a verification found, as kept. */
    public record Run(long id, Verification result, String requestedBy) {
    }

    public Run verify(String requestedBy) {
        Verification result = snapshot.execute(tx -> verifier.verify());
        Long id = write.execute(tx -> jdbc.queryForObject("""
                insert into verification_run (started_at, finished_at, requested_by, intact, verified_count, first_seq,
                                              last_seq, head_digest, problems)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id
                """, Long.class, Timestamp.from(result.startedAt()), Timestamp.from(result.finishedAt()), requestedBy,
                result.intact(), result.verifiedCount(), result.firstSeq(), result.lastSeq(),
                result.headDigest(), json(result.problems())));
        return new Run(id, result, requestedBy);
    }

    public Optional<Run> latest() {
        return jdbc.query("""
                select id, started_at, finished_at, requested_by, intact, verified_count, first_seq, last_seq, head_digest,
                       problems, (select count(*) from archive_manifest)
                from verification_run order by id desc limit 1
                """, (rs, n) -> new Run(rs.getLong("id"), new Verification(rs.getTimestamp("started_at").toInstant(),
                rs.getTimestamp("finished_at").toInstant(), rs.getBoolean("intact"), rs.getLong("verified_count"),
                (Long) rs.getObject("first_seq"), (Long) rs.getObject("last_seq"), rs.getString("head_digest"),
                rs.getInt(11), problems(rs.getString("problems"))), rs.getString("requested_by")))
                .stream().findFirst();
    }

    private static String json(List<Verification.Problem> problems) {
        try {
            return JSON.writeValueAsString(problems);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Verification.Problem> problems(String json) {
        try {
            return JSON.readValue(json, new TypeReference<>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
