package io.kaohe.audit.chain;

import io.kaohe.audit.chain.Verification.Kind;
import io.kaohe.audit.chain.Verification.Problem;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * Walks the chain from its start (the genesis, or the newest archive's head) to its head and reports
 * what breaks it: a record whose bytes no longer give its digest (altered), missing positions (removed),
 * a record that does not link to the one before it (inserted or replaced), a digest that differs from
 * what an earlier verification or an archive manifest saw at that position (rewritten). Archived
 * ranges are checked through their manifests and, when the archive files are at hand, their SM3.
 */
public class ChainVerifier {

    static final int MAX_PROBLEMS = 100;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Function<String, String> archiveFileSm3;

    /**
     * @param archiveFileSm3 the SM3 of an archive file by name, or null when it cannot be found
     */
    public ChainVerifier(JdbcTemplate jdbc, Clock clock, Function<String, String> archiveFileSm3) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.archiveFileSm3 = archiveFileSm3;
    }

    private record Manifest(long firstSeq, long lastSeq, String firstPrev, String head, String file, String fileSm3) {
    }

    public Verification verify() {
        Instant started = clock.instant();
        List<Problem> problems = new ArrayList<>();
        String expectedPrev = Chain.GENESIS;
        long expectedSeq = 1;
        List<Manifest> manifests = jdbc.query("select first_seq, last_seq, first_prev_digest, head_digest, file_name, "
                + "file_sm3 from archive_manifest order by first_seq", (rs, n) -> new Manifest(rs.getLong(1),
                rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)));
        for (Manifest m : manifests) {
            if (m.firstSeq() != expectedSeq) {
                add(problems, Kind.REMOVED, expectedSeq, "archive manifests skip positions " + expectedSeq + "–"
                        + (m.firstSeq() - 1));
            } else if (!m.firstPrev().equals(expectedPrev)) {
                add(problems, Kind.LINK_BROKEN, m.firstSeq(), "the archive from " + m.firstSeq()
                        + " does not link to the one before it");
            }
            String sm3 = archiveFileSm3.apply(m.file());
            if (sm3 != null && !sm3.equals(m.fileSm3())) {
                add(problems, Kind.ARCHIVE, m.firstSeq(), "archive file " + m.file() + " does not match its manifest (SM3)");
            }
            expectedSeq = m.lastSeq() + 1;
            expectedPrev = m.head();
        }
        Map<Long, String> anchors = new HashMap<>();
        jdbc.query("select last_seq, head_digest from verification_run where intact and last_seq is not null",
                (RowCallbackHandler) rs -> anchors.put(rs.getLong(1), rs.getString(2)));

        Walk walk = new Walk(expectedSeq, expectedPrev, anchors, problems);
        jdbc.query(con -> {
            // Streamed with a cursor: the chain may hold millions of records.
            con.setAutoCommit(false);
            var statement = con.prepareStatement("select " + StoredRecord.COLUMNS + " from audit_record where seq >= ? "
                    + "order by seq");
            statement.setFetchSize(1000);
            statement.setLong(1, walk.expectedSeq);
            return statement;
        }, (RowCallbackHandler) rs -> walk.next(StoredRecord.from(rs)));

        return new Verification(started, clock.instant(), problems.isEmpty(), walk.verified,
                walk.first, walk.last, walk.expectedPrev, manifests.size(), List.copyOf(problems));
    }

    private static final class Walk {

        long expectedSeq;
        String expectedPrev;
        final Map<Long, String> anchors;
        final List<Problem> problems;
        long verified;
        Long first;
        Long last;

        Walk(long expectedSeq, String expectedPrev, Map<Long, String> anchors, List<Problem> problems) {
            this.expectedSeq = expectedSeq;
            this.expectedPrev = expectedPrev;
            this.anchors = anchors;
            this.problems = problems;
        }

        void next(StoredRecord record) {
            long seq = record.seq();
            if (first == null) {
                first = seq;
            }
            last = seq;
            boolean sound = true;
            if (seq > expectedSeq) {
                add(problems, Kind.REMOVED, expectedSeq, seq - expectedSeq == 1 ? "record " + expectedSeq + " is missing"
                        : "records " + expectedSeq + "–" + (seq - 1) + " are missing");
                sound = false;
            } else if (!record.prevDigest().equals(expectedPrev)) {
                add(problems, Kind.LINK_BROKEN, seq, "record " + seq + " does not link to record " + (seq - 1)
                        + ": a record was inserted or replaced before it");
                sound = false;
            }
            if (!record.expectedDigest().equals(record.digest())) {
                add(problems, Kind.ALTERED, seq, "record " + seq + " was changed after it was appended");
                sound = false;
            }
            String anchored = anchors.get(seq);
            if (anchored != null && !anchored.equals(record.digest())) {
                add(problems, Kind.REWRITTEN, seq, "record " + seq + " differs from the digest an earlier verification saw");
                sound = false;
            }
            if (sound) {
                verified++;
            }
            // Go on from what is there, so one break is reported once and the rest is still checked.
            expectedSeq = seq + 1;
            expectedPrev = record.digest();
        }
    }

    private static void add(List<Problem> problems, Kind kind, long seq, String detail) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(new Problem(kind, seq, detail));
        }
    }
}
