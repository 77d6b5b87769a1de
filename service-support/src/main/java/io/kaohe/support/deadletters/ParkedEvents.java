package io.kaohe.support.deadletters;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The metric {@code kaohe.events.parked{topic, consumer}}: letters parked by this service's consumer
 * groups and not replayed, as its database counts them. Every replica reports the same figure (take
 * the max, not the sum); it is read again when a letter is parked or replayed here, and at a scrape
 * when the last reading is older than {@link #FRESH_FOR}, which covers replays on another replica.
 */
class ParkedEvents {

    static final String METRIC = "kaohe.events.parked";
    static final Duration FRESH_FOR = Duration.ofSeconds(10);

    private record Waiting(String topic, String consumer) {
    }

    private final JdbcClient db;
    private final MeterRegistry registry;
    private volatile Map<Waiting, Long> counts = Map.of();
    private volatile long readAt;

    ParkedEvents(JdbcClient db, MeterRegistry registry) {
        this.db = db;
        this.registry = registry;
    }

    /** A gauge for the pair, at 0 until a letter is parked there (registering twice is harmless). */
    void register(String topic, String consumer) {
        Waiting key = new Waiting(topic, consumer);
        Gauge.builder(METRIC, this, self -> self.count(key))
                .description("Events parked on a dead-letter topic by this service's consumers, waiting for a replay")
                .tags("topic", topic, "consumer", consumer)
                .register(registry);
    }

    /** Reads the counts again and registers a gauge for every pair that has letters. */
    void refresh() {
        read().keySet().forEach(pair -> register(pair.topic(), pair.consumer()));
    }

    /** Reads the counts again (no registering here: a scrape may be reading the gauges). */
    private synchronized Map<Waiting, Long> read() {
        Map<Waiting, Long> now = new HashMap<>();
        db.sql("select topic, consumer, count(*) filter (where status = 'PARKED') from dead_letter group by topic, consumer")
                .query(rs -> {
                    now.put(new Waiting(rs.getString(1), rs.getString(2)), rs.getLong(3));
                });
        counts = Map.copyOf(now);
        readAt = System.nanoTime();
        return counts;
    }

    private long count(Waiting pair) {
        if (System.nanoTime() - readAt > FRESH_FOR.toNanos()) {
            read();
        }
        return counts.getOrDefault(pair, 0L);
    }
}
