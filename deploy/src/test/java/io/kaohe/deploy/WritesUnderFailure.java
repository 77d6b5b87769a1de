package io.kaohe.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Events under failure, counted (drills 3, 4 and 6). A steady load of writes (a person saving their notification
 * preferences); every write's audit record travels outbox → Kafka → audit-service's idempotent consumer. Parts are
 * killed and brought back while the load goes on. Each write answered 200 has its record exactly once (none lost,
 * none twice: one record per request's trace), and no write failed meanwhile.
 */
final class WritesUnderFailure {

    private static final String WRITE = "/api/notifications/preferences";

    private WritesUnderFailure() {
    }

    /**
     * Writes go on throughout; the {@code victims} are killed together after 8 s and brought back ({@code down} later
     * where the drill starts them: Kafka nodes must rejoin together, one alone has no quorum), the writes go on 8 s
     * more; then counts.
     */
    static void survive(DrillTarget target, String drill, Duration down, String... victims) throws Exception {
        String token = target.token("reporter.sjw");
        Timestamp from = databaseNow(target);

        long killedAfter;
        long restartMillis;
        DrillLoad load = new DrillLoad("preferences", n -> DrillLoad.json("PUT", target.entry() + WRITE, token,
                "{\"emailEnabled\":true,\"webhookEnabled\":false,\"webhookFormat\":\"GENERIC\",\"digest\":false,"
                        + "\"digestAt\":\"08:" + String.format("%02d", n % 60) + "\",\"language\":\"zh-CN\"}"));
        try (load) {
            long t = System.nanoTime();
            Thread.sleep(Duration.ofSeconds(8).toMillis());
            target.kill(victims);
            killedAfter = (System.nanoTime() - t) / 1_000_000;
            restartMillis = target.bringBack(down, victims);
            Thread.sleep(Duration.ofSeconds(8).toMillis());
        }
        int written = load.count(200);
        assertThat(written).as("writes answered 200: " + load).isGreaterThan(20);
        assertThat(load.sent()).as("every write answered 200 meanwhile: " + load).isEqualTo(written);

        long waited = System.nanoTime();
        long[] counted = auditRecords(target, from);
        while (counted[0] < written && System.nanoTime() - waited < Duration.ofSeconds(180).toNanos()) {
            Thread.sleep(1000);
            counted = auditRecords(target, from);
        }
        long arrivalMillis = (System.nanoTime() - waited) / 1_000_000;
        System.out.printf("%s on %s: %d writes answered 200 (%s; the slowest in %d ms); %s killed (SIGKILL) after %d ms, "
                        + "back %d ms later; audit records: %d for %d traces (expected %d), all there %d ms after the load "
                        + "ended%n", drill, target.name(), written, load, load.slowestMillis(), String.join(", ", victims),
                killedAfter, restartMillis, counted[0], counted[1], written, arrivalMillis);
        assertThat(counted[0]).as("audit records of the writes (none lost, none twice)").isEqualTo(written);
        assertThat(counted[1]).as("one record per request's trace").isEqualTo(written);
    }

    /**
     * Waits (two minutes at most) until no service has an outbox entry since {@code from} left unpublished (or, for the
     * events a service consumes itself, unconsumed), and says how long that took.
     */
    static void everyOutboxEntryPublished(DrillTarget target, String drill, Timestamp from) throws Exception {
        List<String> unsent = new ArrayList<>();
        long waited = System.nanoTime();
        do {
            unsent.clear();
            for (App app : App.values()) {
                if (app.database != null) {
                    long open = incompletePublications(target, app.database, from);
                    if (open > 0) {
                        unsent.add(app.database + " " + open);
                    }
                }
            }
            if (!unsent.isEmpty()) {
                Thread.sleep(1000);
            }
        } while (!unsent.isEmpty() && System.nanoTime() - waited < Duration.ofSeconds(120).toNanos());
        System.out.printf("%s: outbox entries not yet published %d ms after the audit records were all there: %s%n",
                drill, (System.nanoTime() - waited) / 1_000_000, unsent.isEmpty() ? "none" : unsent);
        assertThat(unsent).as("outbox entries (event_publication) still unpublished, per database").isEmpty();
    }

    static Timestamp databaseNow(DrillTarget target) throws Exception {
        try (Connection db = target.database("audit"); ResultSet rs = db.createStatement().executeQuery("select now()")) {
            rs.next();
            return rs.getTimestamp(1);
        }
    }

    /** How many of a service's outbox entries since {@code from} are not yet published (or consumed, for its own). */
    private static long incompletePublications(DrillTarget target, String database, Timestamp from) throws Exception {
        try (Connection db = target.database(database);
             PreparedStatement q = db.prepareStatement(
                     "select count(*) from event_publication where completion_date is null and publication_date >= ?")) {
            q.setTimestamp(1, from);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The audit records of the drill's writes: how many, and for how many distinct traces. */
    private static long[] auditRecords(DrillTarget target, Timestamp from) throws Exception {
        try (Connection db = target.database("audit");
             PreparedStatement q = db.prepareStatement("select count(*), count(distinct trace_id) from audit_record "
                     + "where username = 'reporter.sjw' and method = 'PUT' and path = ? and outcome = 'SUCCESS' "
                     + "and occurred_at >= ?")) {
            q.setString(1, WRITE);
            q.setTimestamp(2, from);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }
}
