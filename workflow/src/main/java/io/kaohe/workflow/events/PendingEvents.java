package io.kaohe.workflow.events;

import io.kaohe.support.events.EventJson;
import io.kaohe.support.events.ReceivedEvent;
import io.kaohe.workflow.process.EventCorrelation.Outcome;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Events that arrived before any process waited for them (a submission before its quarter opened,
 * a review decision before the review task exists). Kept with the transaction that recorded them
 * as received, and correlated again every few seconds, each in its own transaction, until a
 * process takes them or they are too old to matter. Each transaction first claims its row
 * ({@code FOR UPDATE SKIP LOCKED}): another replica's pass at the same time skips the row instead of
 * correlating the same event again.
 */
@Component
class PendingEvents {

    private static final Logger log = LoggerFactory.getLogger(PendingEvents.class);

    private final JdbcClient db;
    private final Correlator correlator;
    private final TransactionTemplate transaction;
    private final Duration maxAge;

    PendingEvents(JdbcClient db, Correlator correlator, PlatformTransactionManager transactions,
                  @Value("${kaohe.workflow.max-pending-age:P30D}") Duration maxAge) {
        this.db = db;
        this.correlator = correlator;
        this.transaction = new TransactionTemplate(transactions);
        this.maxAge = maxAge;
    }

    /** Called inside the receiving transaction. */
    void keep(String consumer, ReceivedEvent event, String businessKey, String message) {
        db.sql("""
                insert into pending_event (event_id, consumer, event_type, business_key, message)
                values (?, ?, ?, ?, ?) on conflict do nothing
                """).params(event.id(), consumer, event.type(), businessKey, message).update();
        log.info("{} {} for {} waits for its process", event.type(), event.id(), businessKey);
    }

    record Pending(String consumer, String eventId, String message, Instant receivedAt) {
    }

    private record Key(String consumer, String eventId) {
    }

    @Scheduled(initialDelayString = "${kaohe.workflow.pending-retry-every:PT5S}",
               fixedDelayString = "${kaohe.workflow.pending-retry-every:PT5S}")
    void retry() {
        List<Key> due = db.sql("select consumer, event_id from pending_event order by received_at limit 200")
                .query((rs, row) -> new Key(rs.getString(1), rs.getString(2))).list();
        for (Key key : due) {
            try {
                transaction.executeWithoutResult(tx -> claim(key).ifPresent(this::retry));
            } catch (RuntimeException e) {
                log.warn("pending event {} not correlated yet: {}", key.eventId(), e.getMessage());
            }
        }
    }

    /** The row, locked until this transaction ends; empty if another pass holds it or has taken it. */
    private Optional<Pending> claim(Key key) {
        return db.sql("""
                select consumer, event_id, message, received_at from pending_event
                where consumer = ? and event_id = ? for update skip locked
                """).params(key.consumer(), key.eventId())
                .query((rs, row) -> new Pending(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant())).optional();
    }

    private void retry(Pending p) {
        Outcome outcome = correlator.correlate(EventJson.read(p.message()));
        boolean expired = p.receivedAt().plus(maxAge).isBefore(Instant.now());
        if (outcome != Outcome.NOT_READY || expired) {
            if (expired && outcome == Outcome.NOT_READY) {
                log.warn("pending event {} dropped after {}: no process ever waited for it", p.eventId(), maxAge);
            }
            db.sql("delete from pending_event where consumer = ? and event_id = ?").params(p.consumer(), p.eventId())
                    .update();
        } else {
            db.sql("update pending_event set attempts = attempts + 1, last_tried_at = ? where consumer = ? and event_id = ?")
                    .params(Timestamp.from(Instant.now()), p.consumer(), p.eventId()).update();
        }
    }

    long count() {
        return db.sql("select count(*) from pending_event").query(Long.class).single();
    }
}
