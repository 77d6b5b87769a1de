package io.kaohe.deploy;

import static io.kaohe.deploy.RunningHaPlatform.BALANCER;
import static io.kaohe.deploy.RunningHaPlatform.PORTS;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Events under failure, counted. A steady load of writes for half a minute (a person saving their
 * notification preferences through the balancer); every write's audit record travels outbox → Kafka
 * → audit-service's idempotent consumer. Drill 3: the Kafka node that leads the audit topic is killed
 * (SIGKILL) and started again while the load goes on. Each write answered 200 has its record exactly
 * once (none lost, none twice: one record per request's trace), and no write failed meanwhile.
 */
@Order(3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventsUnderFailureHaIT {

    private static final String WRITE = "/api/notifications/preferences";
    /** event-contracts' Topics.AUDIT (the launcher does not depend on the contracts). */
    private static final String AUDIT_TOPIC = "kaohe.audit.events";

    @BeforeAll
    static void startThePlatformInItsProductionShape() throws Exception {
        RunningHaPlatform.start();
    }

    @Test
    @Order(1)
    void noWriteIsLostOrRecordedTwiceWhenTheLeadingBrokerDies() throws Exception {
        writesSurvive("drill 3 (broker lost)", "kafka-" + leaderOf(AUDIT_TOPIC));
    }

    /**
     * Drill 6: the consumer group rebalances twice under the same load — an audit-service instance
     * killed in the middle of its batches (its partitions move to the other one once its session
     * times out, with what it had not committed) and started again (they move back).
     */
    @Test
    @Order(2)
    void noWriteIsLostOrRecordedTwiceWhenTheConsumerGroupRebalances() throws Exception {
        writesSurvive("drill 6 (consumer group rebalanced)", "audit-service-1");
    }

    /**
     * Drill 4: Kafka stopped entirely — all three nodes killed at once — for a minute (a compressed five) while the
     * person keeps saving: every write still answered 200 at once (the outbox keeps its event in the write's own
     * transaction), and once the cluster is back every outbox entry of every service is published (the resubmission
     * sends what Kafka did not acknowledge) and each write's audit record arrives exactly once.
     */
    @Test
    @Order(3)
    void everyOutboxEntryIsPublishedAfterKafkaWasDownEntirely() throws Exception {
        Timestamp from = databaseNow();
        writesSurvive("drill 4 (Kafka down entirely)", Duration.ofSeconds(60), "kafka-1", "kafka-2", "kafka-3");
        List<String> unsent = new ArrayList<>();
        long waited = System.nanoTime();
        do {
            unsent.clear();
            for (App app : App.values()) {
                if (app.database != null) {
                    long open = incompletePublications(app.database, from);
                    if (open > 0) {
                        unsent.add(app.database + " " + open);
                    }
                }
            }
            if (!unsent.isEmpty()) {
                Thread.sleep(1000);
            }
        } while (!unsent.isEmpty() && System.nanoTime() - waited < Duration.ofSeconds(120).toNanos());
        System.out.printf("drill 4: outbox entries not yet published %d ms after the audit records were all there: %s%n",
                (System.nanoTime() - waited) / 1_000_000, unsent.isEmpty() ? "none" : unsent);
        assertThat(unsent).as("outbox entries (event_publication) still unpublished, per database").isEmpty();
    }

    /** Writes for half a minute; {@code victim} killed after 8 s and started again 15 s later; then counts. */
    private static void writesSurvive(String drill, String victim) throws Exception {
        writesSurvive(drill, Duration.ofSeconds(15), victim);
    }

    /**
     * Writes go on throughout; the {@code victims} are killed together after 8 s, started again together {@code down}
     * later (Kafka nodes must rejoin together: one alone has no quorum), the writes go on 8 s more; then counts.
     */
    private static void writesSurvive(String drill, Duration down, String... victims) throws Exception {
        LocalPlatform platform = RunningHaPlatform.platform();
        String token = RunningHaPlatform.token("reporter.sjw");
        Timestamp from = databaseNow();

        long killedAfter;
        long restartMillis;
        DrillLoad load = new DrillLoad("preferences", n -> DrillLoad.json("PUT", BALANCER + WRITE, token,
                "{\"emailEnabled\":true,\"webhookEnabled\":false,\"webhookFormat\":\"GENERIC\",\"digest\":false,"
                        + "\"digestAt\":\"08:" + String.format("%02d", n % 60) + "\",\"language\":\"zh-CN\"}"));
        try (load) {
            long t = System.nanoTime();
            Thread.sleep(Duration.ofSeconds(8).toMillis());
            for (String victim : victims) {
                platform.kill(victim);
            }
            killedAfter = (System.nanoTime() - t) / 1_000_000;
            Thread.sleep(down.toMillis());
            long r = System.nanoTime();
            CompletableFuture.allOf(Arrays.stream(victims)
                    .map(victim -> CompletableFuture.runAsync(() -> platform.restart(victim)))
                    .toArray(CompletableFuture[]::new)).join();
            restartMillis = (System.nanoTime() - r) / 1_000_000;
            Thread.sleep(Duration.ofSeconds(8).toMillis());
        }
        int written = load.count(200);
        assertThat(written).as("writes answered 200: " + load).isGreaterThan(20);
        assertThat(load.sent()).as("every write answered 200 meanwhile: " + load).isEqualTo(written);

        long waited = System.nanoTime();
        long[] counted = auditRecords(from);
        while (counted[0] < written && System.nanoTime() - waited < Duration.ofSeconds(180).toNanos()) {
            Thread.sleep(1000);
            counted = auditRecords(from);
        }
        long arrivalMillis = (System.nanoTime() - waited) / 1_000_000;
        System.out.printf("%s: %d writes answered 200 (%s; the slowest in %d ms); %s killed (SIGKILL) after %d ms for %d s, "
                        + "restarted in %d ms; audit records: %d for %d traces (expected %d), all there %d ms after the load "
                        + "ended%n", drill, written, load, load.slowestMillis(), String.join(", ", victims), killedAfter,
                down.toSeconds(), restartMillis, counted[0], counted[1], written, arrivalMillis);
        assertThat(counted[0]).as("audit records of the writes (none lost, none twice)").isEqualTo(written);
        assertThat(counted[1]).as("one record per request's trace").isEqualTo(written);
    }

    /** The node id of the leader of a topic's first partition. */
    private static int leaderOf(String topic) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + PORTS.kafkaNode(1));
        try (Admin admin = Admin.create(props)) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().get(0).leader().id();
        }
    }

    private static Timestamp databaseNow() throws Exception {
        try (Connection db = RunningHaPlatform.database("audit"); ResultSet rs = db.createStatement().executeQuery("select now()")) {
            rs.next();
            return rs.getTimestamp(1);
        }
    }

    /** How many of a service's outbox entries since {@code from} are not yet published (or consumed, for its own). */
    private static long incompletePublications(String database, Timestamp from) throws Exception {
        try (Connection db = RunningHaPlatform.database(database);
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
    private static long[] auditRecords(Timestamp from) throws Exception {
        try (Connection db = RunningHaPlatform.database("audit");
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
