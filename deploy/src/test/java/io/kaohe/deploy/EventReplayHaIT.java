package io.kaohe.deploy;

import static io.kaohe.deploy.RunningHaPlatform.BALANCER;
import static io.kaohe.deploy.RunningHaPlatform.PORTS;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.ConsumerGroupState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Drill 7: every topic replayed from its first offset into every consumer changes nothing. After some
 * work that sends events between all the services (a rubric published, a cycle opened for two units —
 * its tasks, notifications and audit records — and what the drills before left), every service instance
 * is killed, every consumer group is set back to offset 0 on every partition it reads, and the services
 * are started again: each consumes its whole history a second time. Every table of every service's
 * database is then the same as before, row for row (compared by digest), but for the few that change
 * with time or a restart alone, named in {@link #CHANGE_WITHOUT_EVENTS} with the reason.
 */
@Order(5)
class EventReplayHaIT {

    /**
     * Tables whose rows change with a restart or the clock, whatever the events: ShedLock's lock rows
     * (each scheduled run writes its lock), Camunda's job executor and metrics bookkeeping, and where
     * audit-service's import of Keycloak's events has got to.
     */
    static final Set<String> CHANGE_WITHOUT_EVENTS = Set.of("shedlock", "act_ru_meter_log", "act_ge_property",
            "import_cursor");
    /**
     * Rows a restart writes without any event, left out of their table's comparison: Keycloak's own login
     * events, which audit-service imports from Keycloak (the restarted services log in with their client).
     */
    static final Map<String, String> COMPARED_ROWS = Map.of("audit_record", "source <> 'keycloak'");
    private static final List<String> DATABASES = List.of("rubric", "evidence", "scoring", "workflow", "notification", "audit");
    private static final Duration CATCH_UP = Duration.ofMinutes(6);

    @BeforeAll
    static void startThePlatformInItsProductionShape() throws Exception {
        RunningHaPlatform.start();
    }

    @Test
    void replayingEveryTopicFromTheStartIntoEveryConsumerChangesNoRow() throws Exception {
        LocalPlatform platform = RunningHaPlatform.platform();
        workThatSendsEventsEverywhere();
        try (Admin kafka = kafka()) {
            awaitNoLag(kafka, CATCH_UP);
            Map<String, String> before = tables();

            List<String> instances = platform.parts().stream()
                    .filter(part -> App.SERVICES.stream().anyMatch(app -> part.startsWith(app.module + "-"))).toList();
            long t = System.nanoTime();
            instances.forEach(platform::kill);
            Set<String> groups = awaitEmptyGroups(kafka, Duration.ofMinutes(2));
            long replayed = rewind(kafka, groups);
            long rewoundMillis = (System.nanoTime() - t) / 1_000_000;

            long r = System.nanoTime();
            restartAll(platform, instances);
            long restartMillis = (System.nanoTime() - r) / 1_000_000;
            long c = System.nanoTime();
            awaitNoLag(kafka, CATCH_UP);
            long caughtUpMillis = (System.nanoTime() - c) / 1_000_000;
            Thread.sleep(5_000); // what the last polls started is committed only after it is applied; a margin
            Map<String, String> after = tables();

            List<String> changed = before.keySet().stream()
                    .filter(table -> !before.get(table).equals(after.get(table))).sorted().toList();
            List<String> unexpected = changed.stream()
                    .filter(table -> !CHANGE_WITHOUT_EVENTS.contains(table.substring(table.lastIndexOf('.') + 1))).toList();
            long rows = before.values().stream().mapToLong(v -> Long.parseLong(v.split(":")[0])).sum();
            System.out.printf("drill 7 (every topic replayed from offset 0): %d consumer groups rewound, %d events consumed "
                            + "again; %d instances killed and groups rewound in %d ms, restarted in %d ms, caught up %d ms "
                            + "later; %d tables (%d rows) compared, %d changed by the replay: %s (changed without events, as expected: %s)%n",
                    groups.size(), replayed, instances.size(), rewoundMillis, restartMillis, caughtUpMillis, before.size(),
                    rows, unexpected.size(), unexpected.stream().map(table -> table + " " + before.get(table) + " → "
                            + after.get(table)).collect(Collectors.joining(", ")),
                    changed.stream().filter(table -> !unexpected.contains(table)).toList());
            assertThat(after.keySet()).as("the same tables").isEqualTo(before.keySet());
            assertThat(replayed).as("events consumed again").isGreaterThan(50);
            assertThat(unexpected).as("tables changed by the replay").isEmpty();
        }
    }

    /** A rubric published and a cycle opened on the real calendar of next year: no timer fires during the drill. */
    private static void workThatSendsEventsEverywhere() throws Exception {
        HaDrills.openCycle(RunningHaPlatform.token("office"), "replay-" + Long.toString(System.currentTimeMillis(), 36),
                LocalDate.now().getYear() + 1, "重放演练");
    }

    /** Every table of every service database: "rows:digest" by "database.schema.table". */
    private static Map<String, String> tables() throws Exception {
        Map<String, String> digests = new TreeMap<>();
        for (String database : DATABASES) {
            try (Connection db = RunningHaPlatform.database(database)) {
                List<String> names = new ArrayList<>();
                try (ResultSet rs = db.createStatement().executeQuery("select table_schema || '.' || table_name "
                        + "from information_schema.tables where table_type = 'BASE TABLE' "
                        + "and table_schema not in ('pg_catalog', 'information_schema')")) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
                for (String table : names) {
                    String quoted = java.util.Arrays.stream(table.split("\\.")).map(part -> '"' + part + '"')
                            .collect(Collectors.joining("."));
                    String rows = COMPARED_ROWS.getOrDefault(table.substring(table.indexOf('.') + 1), "true");
                    try (ResultSet rs = db.createStatement().executeQuery("select count(*), coalesce(md5(string_agg("
                            + "md5(t::text), '' order by md5(t::text))), '-') from " + quoted + " t where " + rows)) {
                        rs.next();
                        digests.put(database + "." + table, rs.getLong(1) + ":" + rs.getString(2));
                    }
                }
            }
        }
        return digests;
    }

    private static Admin kafka() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + PORTS.kafkaNode(1));
        return Admin.create(props);
    }

    /** Waits until every consumer group has committed the end of every partition it reads. */
    private static void awaitNoLag(Admin kafka, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        long lag;
        do {
            lag = 0;
            for (ConsumerGroupListing group : kafka.listConsumerGroups().all().get()) {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        kafka.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, Long> ends = ends(kafka, committed.keySet());
                for (var entry : committed.entrySet()) {
                    long at = entry.getValue() == null ? 0 : entry.getValue().offset();
                    lag += Math.max(0, ends.get(entry.getKey()) - at);
                }
            }
            if (lag == 0) {
                return;
            }
            Thread.sleep(2_000);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("consumers still " + lag + " events behind after " + within);
    }

    private static Map<TopicPartition, Long> ends(Admin kafka, Set<TopicPartition> partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        return kafka.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** Once the killed members' sessions have expired every group is empty, and only then may its offsets move. */
    private static Set<String> awaitEmptyGroups(Admin kafka, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Set<String> ids = kafka.listConsumerGroups().all().get().stream().map(ConsumerGroupListing::groupId)
                    .collect(Collectors.toSet());
            List<String> busy = kafka.describeConsumerGroups(ids).all().get().values().stream()
                    .filter(group -> group.state() != ConsumerGroupState.EMPTY && group.state() != ConsumerGroupState.DEAD)
                    .map(group -> group.groupId() + " " + group.state()).toList();
            if (busy.isEmpty()) {
                return ids;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("consumer groups still have members: " + busy);
            }
            Thread.sleep(2_000);
        }
    }

    /** Sets every group back to the first offset of every partition it has read; how many events it will read again. */
    private static long rewind(Admin kafka, Set<String> groups) throws Exception {
        long again = 0;
        for (String group : groups) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    kafka.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> earliest = committed.keySet().stream()
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.earliest()));
            Map<TopicPartition, OffsetAndMetadata> start = new java.util.HashMap<>();
            for (var entry : kafka.listOffsets(earliest).all().get().entrySet()) {
                start.put(entry.getKey(), new OffsetAndMetadata(entry.getValue().offset()));
                OffsetAndMetadata was = committed.get(entry.getKey());
                again += (was == null ? 0 : was.offset()) - entry.getValue().offset();
            }
            kafka.alterConsumerGroupOffsets(group, start).all().get();
        }
        return again;
    }

    /** The first instances together, then the second ones: as the platform starts them. */
    private static void restartAll(LocalPlatform platform, List<String> instances) {
        ExecutorService starters = Executors.newFixedThreadPool(instances.size());
        try {
            for (String replica : List.of("-1", "-2")) {
                CompletableFuture.allOf(instances.stream().filter(name -> name.endsWith(replica))
                        .map(name -> CompletableFuture.runAsync(() -> platform.restart(name), starters))
                        .toArray(CompletableFuture[]::new)).join();
            }
        } finally {
            starters.shutdown();
        }
    }
}
