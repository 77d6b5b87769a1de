package io.kaohe.support.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The outbox's backlog as gauges: {@code kaohe.outbox.backlog} (publications Kafka has not acknowledged
 * yet) and {@code kaohe.outbox.oldest.age} (seconds the oldest of them has waited). A backlog that
 * grows, or an age beyond the resubmission interval, means the broker is unreachable or refusing.
 * Every replica reads the same table (take the max, not the sum); read at most every {@link #FRESH_FOR}.
 */
class OutboxBacklog implements MeterBinder {

    static final Duration FRESH_FOR = Duration.ofSeconds(10);

    private record Reading(long count, double oldestSeconds) {
    }

    private final JdbcClient db;
    private volatile Reading last = new Reading(0, 0);
    private volatile long readAt = System.nanoTime() - FRESH_FOR.toNanos() - 1;

    OutboxBacklog(JdbcClient db) {
        this.db = db;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("kaohe.outbox.backlog", this, self -> self.reading().count())
                .description("Outbox publications not yet acknowledged by Kafka")
                .register(registry);
        Gauge.builder("kaohe.outbox.oldest.age", this, self -> self.reading().oldestSeconds())
                .description("How long the oldest unacknowledged outbox publication has waited")
                .baseUnit("seconds")
                .register(registry);
    }

    private synchronized Reading reading() {
        if (System.nanoTime() - readAt > FRESH_FOR.toNanos()) {
            try {
                    last = db.sql("select count(*), coalesce(extract(epoch from now() - min(publication_date)), 0) "
                                + "from event_publication where completion_date is null")
                        .query((rs, row) -> new Reading(rs.getLong(1), rs.getDouble(2))).single();
            } catch (RuntimeException databaseUnavailable) {
                // The health endpoint reports the database; the scrape keeps the last reading.
            }
            readAt = System.nanoTime();
        }
        return last;
    }
}
