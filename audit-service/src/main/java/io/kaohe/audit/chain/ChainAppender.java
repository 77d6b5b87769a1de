package io.kaohe.audit.chain;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The chain's single appender. Every append takes one transaction-scoped advisory lock, so appends are
 * serialized across threads and replicas alike: each reads the head, links to it and inserts the next
 * position. An entry whose event id is in the chain already is not appended again (at-least-once
 * delivery, overlapping imports).
 */
@Component
public class ChainAppender {

    /** The advisory lock key of the chain ("kaohe-audit" folded into a bigint). */
    static final long LOCK = 0x6b616f6865617564L;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public ChainAppender(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The head of the chain: the newest live record, else the newest archive's head, else the genesis. */
    public record Head(long seq, String digest) {
    }

    /** Appends in the caller's transaction; the position given, or empty if the event was appended before. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Long> append(Entry entry) {
        jdbc.queryForObject("select 1 from (select pg_advisory_xact_lock(?)) locked", Integer.class, LOCK);
        if (Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from audit_record where event_id = ?)",
                Boolean.class, entry.eventId()))) {
            return Optional.empty();
        }
        Head head = head();
        long seq = head.seq() + 1;
        Instant now = StoredRecord.micros(clock.instant());
        Entry clean = Entries.clean(entry);
        StoredRecord record = new StoredRecord(seq, now, clean, head.digest(), null);
        String digest = record.expectedDigest();
        Entry e = clean;
        jdbc.update("insert into audit_record (" + StoredRecord.COLUMNS + ") values "
                        + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                seq, e.eventId(), e.source(), e.category(), e.outcome(), e.status(), e.reason(), e.username(), e.roles(),
                e.unit(), e.department(), e.inspectionUnits(), e.method(), e.route(), e.path(), e.verb(),
                e.objectType(), e.objectId(), e.cycleId(), e.unitCode(), e.requestDigest(), e.requestBytes(),
                e.beforeState(), e.afterState(), e.beforeDigest(), e.afterDigest(), e.clientAddress(),
                e.forwardedFor(), e.peerAddress(), e.traceId(), Timestamp.from(e.occurredAt()), Timestamp.from(now),
                head.digest(), digest);
        return Optional.of(seq);
    }

    Head head() {
        List<Head> live = jdbc.query("select seq, digest from audit_record order by seq desc limit 1",
                (rs, n) -> new Head(rs.getLong(1), rs.getString(2)));
        if (!live.isEmpty()) {
            return live.get(0);
        }
        List<Head> archived = jdbc.query("select last_seq, head_digest from archive_manifest order by last_seq desc limit 1",
                (rs, n) -> new Head(rs.getLong(1), rs.getString(2)));
        return archived.isEmpty() ? new Head(0, Chain.GENESIS) : archived.get(0);
    }
}
