package io.kaohe.support.deadletters;

import io.kaohe.support.events.ReplayedEvent;
import io.kaohe.support.problems.ProblemException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The dead letters of this service's consumers ({@code dead_letter}, platform migration V3): one row
 * per consumer group and event, recorded when parked, sent again through the outbox when replayed.
 */
class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final String COLUMNS = """
            id, event_id, event_type, topic, consumer, reason, status, times_parked, first_parked_at, last_parked_at,
            times_replayed, replayed_at, replayed_by""";

    /** A letter as read from a dead-letter topic. */
    record Parked(String consumer, String eventId, String eventType, String topic, String key, String message,
                  String reason, int dltPartition, long dltOffset, Instant parkedAt) {
    }

    private final JdbcClient db;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final ParkedEvents metric;

    DeadLetters(JdbcClient db, TransactionTemplate transaction, ApplicationEventPublisher events, ParkedEvents metric) {
        this.db = db;
        this.transaction = transaction;
        this.events = events;
        this.metric = metric;
    }

    /**
     * Records a parked letter. The same event parked again after a replay reopens its row; the same
     * dead-letter record read twice changes nothing.
     */
    void park(Parked p) {
        int changed = db.sql("""
                insert into dead_letter (consumer, event_id, event_type, topic, message_key, message, reason, status,
                                         dlt_partition, dlt_offset, first_parked_at, last_parked_at)
                values (:consumer, :eventId, :eventType, :topic, :key, :message, :reason, 'PARKED',
                        :partition, :offset, :parkedAt, :parkedAt)
                on conflict (consumer, event_id) do update
                   set status = 'PARKED', times_parked = dead_letter.times_parked + 1, reason = excluded.reason,
                       message = excluded.message, message_key = excluded.message_key,
                       dlt_partition = excluded.dlt_partition, dlt_offset = excluded.dlt_offset,
                       last_parked_at = excluded.last_parked_at
                 where (dead_letter.dlt_partition, dead_letter.dlt_offset)
                       is distinct from (excluded.dlt_partition, excluded.dlt_offset)
                """)
                .param("consumer", p.consumer()).param("eventId", p.eventId()).param("eventType", p.eventType())
                .param("topic", p.topic()).param("key", p.key()).param("message", p.message()).param("reason", p.reason())
                .param("partition", p.dltPartition()).param("offset", p.dltOffset())
                .param("parkedAt", Timestamp.from(p.parkedAt()))
                .update();
        if (changed > 0) {
            log.warn("event {} ({}) parked by {}: {}", p.eventId(), p.topic(), p.consumer(), p.reason());
            metric.register(p.topic(), p.consumer());
            metric.refresh();
        }
    }

    /** The newest letters first, at most 1,000; only those in {@code status} when it is given. */
    List<DeadLetter> list(DeadLetterStatus status) {
        return db.sql("select " + COLUMNS + " from dead_letter where (cast(:status as text) is null or status = :status) "
                        + "order by last_parked_at desc, id desc limit 1000")
                .param("status", status == null ? null : status.name())
                .query((rs, n) -> letter(rs, null)).list();
    }

    DeadLetter find(long id) {
        return db.sql("select " + COLUMNS + ", message from dead_letter where id = ?").param(id)
                .query((rs, n) -> letter(rs, rs.getString("message"))).optional()
                .orElseThrow(() -> ProblemException.notFound("platform.dead-letter.not-found", String.valueOf(id)));
    }

    /**
     * Sends a parked letter again, exactly as first received, to its topic for the consumer group that
     * parked it, and marks it replayed; both commit together (the outbox). A letter already replayed is
     * left as it is: replaying twice changes nothing.
     */
    DeadLetter replay(long id, String by) {
        DeadLetter replayed = transaction.execute(tx -> {
            var row = db.sql("select status, topic, message_key, message, consumer from dead_letter where id = ? for update")
                    .param(id).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5)}).optional()
                    .orElseThrow(() -> ProblemException.notFound("platform.dead-letter.not-found", String.valueOf(id)));
            if (!DeadLetterStatus.valueOf(row[0]).canReplay()) {
                return null;
            }
            events.publishEvent(new ReplayedEvent(row[1], row[2], row[3], row[4]));
            db.sql("""
                    update dead_letter set status = 'REPLAYED', times_replayed = times_replayed + 1, replayed_at = now(),
                           replayed_by = ? where id = ?
                    """).params(by, id).update();
            log.info("dead letter {} replayed to {} for {} by {}", id, row[1], row[4], by);
            return find(id);
        });
        metric.refresh();
        return replayed != null ? replayed : find(id);
    }

    private static DeadLetter letter(ResultSet rs, String message) throws SQLException {
        return new DeadLetter(rs.getLong("id"), rs.getString("event_id"), rs.getString("event_type"),
                rs.getString("topic"), rs.getString("consumer"), rs.getString("reason"),
                DeadLetterStatus.valueOf(rs.getString("status")), rs.getInt("times_parked"),
                instant(rs, "first_parked_at"), instant(rs, "last_parked_at"), rs.getInt("times_replayed"),
                instant(rs, "replayed_at"), rs.getString("replayed_by"), message);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
