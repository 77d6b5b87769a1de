package io.kaohe.support.events.latency;

import io.kaohe.contracts.events.EventType;
import io.kaohe.contracts.events.RubricPublished;
import io.kaohe.contracts.events.Topics;
import io.kaohe.support.events.EventPublisher;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The producing side, as rubric-service publishes a version: a state change, its RubricPublished and
 * its audit record in one transaction. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(RubricSide.Publications.class)
class RubricSide {

    /** The audit record every write of the platform publishes in its own transaction (AuditRecorded's size, roughly). */
    record Audited(String verb, String objectId, String detail) {
    }

    static final EventType<Audited> AUDITED = new EventType<>("BenchAudited", Audited.class, Topics.AUDIT);

    static class Publications {

        /** As rubric-service's publish, which records its audit entry in the same transaction (bench.audit, on). */
        private static final boolean WITH_AUDIT = Boolean.parseBoolean(System.getProperty("bench.audit", "true"));

        private final JdbcClient db;
        private final EventPublisher events;

        Publications(JdbcClient db, EventPublisher events) {
            this.db = db;
            this.events = events;
        }

        /** Records the state change and its event; the event's sample gets the commit's time once it is committed. */
        @Transactional
        public String publish(int sequence) {
            UUID version = UUID.randomUUID();
            db.sql("insert into note (id, text) values (?, ?)").params(version, "bench-" + sequence).update();
            String eventId = events.publish(RubricPublished.TYPE, "rubric-versions/" + version, null, null,
                    new RubricPublished(version.toString(), "bench-" + sequence, 2026, "基准", 1, new BigDecimal("5"),
                            "0".repeat(64), "/api/rubric/versions/" + version + "/snapshot", "office", Instant.now()))
                    .id();
            if (WITH_AUDIT) {
                events.publish(AUDITED, "audit/bench-rubric/rubric-version/" + version, null, null,
                        new Audited("publish", version.toString(), "x".repeat(1500)));
            }
            Hops.expect(eventId);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public int getOrder() {
                    return Ordered.HIGHEST_PRECEDENCE; // before the outbox's own after-commit work
                }

                @Override
                public void afterCommit() {
                    Hops.mark(eventId, Hops.COMMIT);
                }
            });
            return eventId;
        }
    }
}
