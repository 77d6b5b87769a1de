package io.kaohe.deploy;

import static io.kaohe.deploy.HaDrills.await;
import static io.kaohe.deploy.RunningHaPlatform.BALANCER;
import static io.kaohe.deploy.RunningHaPlatform.PORTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Drill 1 on the production shape: a scoring instance killed (SIGKILL) in the middle of a full recompute of a
 * generated cycle, twenty times. The cycle — 2,000 units on a rubric of 100 items, with deductions — reaches scoring
 * as workflow's outbox would send it (CycleOpened, RecordDecision); each recompute is a ComputeScores command on
 * scoring's command topic, as workflow sends it at the year-end step. The instance whose database session holds the
 * cycle's units (the recompute's first statement locks them) is killed part-way through; the command goes to the
 * other instance once the dead one's Kafka session has expired, and the dead one is started again before the next
 * round. Then: the item scores equal a clean recompute's row for row, every command recomputed the cycle exactly
 * once (one ScoresComputed per unit per command, none from a killed transaction), and every recompute's totals
 * equal the clean one's.
 */
@Order(8)
class ScoringRecomputeHaIT {

    /** event-contracts' topics and scoring's command consumer (the launcher does not depend on them). */
    private static final String COMMANDS = "kaohe.scoring.commands";
    private static final String SCORING_EVENTS = "kaohe.scoring.events";
    private static final String WORKFLOW_EVENTS = "kaohe.workflow.events";
    private static final String CONSUMER = "scoring-service.scoring-commands";
    private static final int UNITS = Integer.getInteger("kaohe.drill1.units", 2000);
    private static final int KILLS = Integer.getInteger("kaohe.drill1.kills", 20);
    /** Ten parts of ten one-point items: odd items judged by 市扶贫移民局, even ones half a point per incident. */
    private static final int PARTS = 10;
    private static final int ITEMS_PER_PART = 10;

    @BeforeAll
    static void startThePlatformInItsProductionShape() throws Exception {
        RunningHaPlatform.start();
    }

    @Test
    void aRecomputeKilledMidwayIsDoneOnceByTheOtherInstanceAndScoresEqualACleanRecompute() throws Exception {
        LocalPlatform platform = RunningHaPlatform.platform();
        String office = RunningHaPlatform.token("office");
        String cycle = "drill1-" + Long.toString(System.currentTimeMillis(), 36);
        int year = LocalDate.now().getYear();

        try (ScoresComputedLog computed = new ScoresComputedLog(cycle);
             KafkaProducer<String, String> producer = producer()) {
            List<HaDrills.DrillUnit> units = new ArrayList<>();
            for (int unit = 1; unit <= UNITS; unit++) {
                units.add(new HaDrills.DrillUnit(unitCode(unit), "演练单位" + unit));
            }
            HaDrills.enrol(office, units);
            String version = publishRubric(office, cycle, year);
            long t = System.nanoTime();
            producer.send(new ProducerRecord<>(WORKFLOW_EVENTS, cycle, cycleOpened(cycle, year, version))).get();
            // Findings come after the cycle is open, as in a year (a decision for a cycle scoring does not know yet is
            // parked: drill 8); the opening's own computation fetches each unit's items once.
            await("scoring has the cycle's " + UNITS * PARTS * ITEMS_PER_PART + " item scores", Duration.ofMinutes(10),
                    () -> count("select count(*) from item_score where cycle_id = ?", cycle)
                            == (long) UNITS * PARTS * ITEMS_PER_PART ? true : null);
            int decisions = 0;
            Random random = new Random(1);
            for (int unit = 1; unit <= UNITS; unit++) {
                // Two units in five have findings, on one to three of the per-incident items.
                if (unit % 5 < 2) {
                    for (int finding = 0; finding <= random.nextInt(3); finding++) {
                        int item = 2 * (1 + random.nextInt(PARTS * ITEMS_PER_PART / 2));
                        producer.send(new ProducerRecord<>(COMMANDS, cycle + ":" + unitCode(unit),
                                recordDecision(cycle, unitCode(unit), itemCode(item), finding)));
                        decisions++;
                    }
                }
            }
            producer.flush();
            int expectedDecisions = decisions;
            await("scoring has recorded the cycle's " + decisions + " decisions", Duration.ofMinutes(10),
                    () -> count("select count(*) from decision where cycle_id = ?", cycle) == expectedDecisions ? true : null);
            long generatedMillis = (System.nanoTime() - t) / 1_000_000;

            // The clean recompute: nothing killed.
            long cleanMillis = recompute(producer, cycle, "clean");
            String clean = itemScores(cycle);
            System.out.printf("drill 1: cycle %s generated in %d s (%d units × %d items, %d decisions); a clean recompute "
                    + "took %d ms%n", cycle, generatedMillis / 1000, UNITS, PARTS * ITEMS_PER_PART, decisions, cleanMillis);

            int commands = 1;
            int killed = 0;
            int finishedFirst = 0;
            List<String> rounds = new ArrayList<>();
            Random when = new Random(20);
            while (killed < KILLS && commands < KILLS * 2) {
                String command = send(producer, cycle, "round " + (commands + 1));
                commands++;
                Recompute running = await("round " + commands + "'s recompute under way", Duration.ofMinutes(3),
                        () -> running(cycle));
                // Somewhere between a fifth and four fifths of a clean recompute into it.
                long at = Math.round(cleanMillis * (0.2 + 0.6 * when.nextDouble()));
                Recompute still = running;
                while (still != null && still.millis() < at) {
                    Thread.sleep(10);
                    still = running(cycle);
                }
                if (still == null || !still.instance().equals(running.instance())) {
                    finishedFirst++; // it finished before its moment came: not a kill in the middle, the round again
                    awaitProcessed(command);
                    continue;
                }
                platform.kill(still.instance());
                long k = System.nanoTime();
                killed++;
                String victim = still.instance();
                CompletableFuture<Void> restarted = CompletableFuture.runAsync(() -> platform.restart(victim));
                awaitProcessed(command);
                long takeover = (System.nanoTime() - k) / 1_000_000;
                restarted.join();
                rounds.add("%s at %d ms → done by the other in %.1f s".formatted(victim, still.millis(), takeover / 1000d));
            }
            String after = itemScores(cycle);
            Map<Instant, Map<String, JsonNode>> recomputes = computed.fullRecomputes(commands * UNITS);

            System.out.printf("drill 1 (a scoring instance killed in a full recompute, HA platform): %d kills in the middle "
                            + "of a recompute of %d units × %d items (%d more rounds finished before their moment); "
                            + "%s; ComputeScores commands %d, recomputes published %d (ScoresComputed: %d records, %d "
                            + "distinct, %d units per recompute); item scores after the drill %s the clean recompute's "
                            + "(%d rows)%n", killed, UNITS, PARTS * ITEMS_PER_PART, finishedFirst, rounds, commands,
                    recomputes.size(), computed.records(), computed.distinct(),
                    recomputes.values().stream().mapToInt(Map::size).min().orElse(0),
                    after.equals(clean) ? "equal to" : "DIFFERENT from", UNITS * PARTS * ITEMS_PER_PART);
            assertThat(killed).as("kills in the middle of a recompute").isEqualTo(KILLS);
            assertThat(after).as("item scores after the drill, against the clean recompute").isEqualTo(clean);
            assertThat(computed.distinct()).as("ScoresComputed events: one per unit per command, none twice")
                    .isEqualTo(commands * UNITS);
            assertThat(recomputes).as("one recompute per command, none from a killed transaction").hasSize(commands);
            Map<String, JsonNode> first = recomputes.values().iterator().next();
            for (Map.Entry<Instant, Map<String, JsonNode>> recompute : recomputes.entrySet()) {
                assertThat(recompute.getValue()).as("the recompute of " + recompute.getKey() + ": every unit's totals")
                        .hasSize(UNITS).isEqualTo(first);
            }
        }
    }

    // --- the generated cycle ---

    private static String unitCode(int unit) {
        return "d1-%04d".formatted(unit);
    }

    private static String itemCode(int item) {
        return ((item - 1) / ITEMS_PER_PART + 1) + "." + ((item - 1) % ITEMS_PER_PART + 1);
    }

    private static String publishRubric(String office, String cycle, int year) throws Exception {
        StringBuilder roots = new StringBuilder();
        for (int part = 1; part <= PARTS; part++) {
            StringBuilder children = new StringBuilder();
            for (int i = 1; i <= ITEMS_PER_PART; i++) {
                int item = (part - 1) * ITEMS_PER_PART + i;
                String rule = item % 2 == 1
                        ? "{\"type\":\"judged\",\"wording\":\"根据完成情况计分\"}"
                        : "{\"type\":\"deduction-per-incident\",\"deductionPerIncident\":0.5,\"wording\":\"每发现1起问题扣0.5分，扣完为止\"}";
                children.append(i > 1 ? "," : "").append("""
                        {"code":"%s","title":"演练指标%d","points":1,"assessingDepartments":["%s"],"rule":%s}"""
                        .formatted(itemCode(item), item, item % 2 == 1 ? "sfpymj" : "swzzb", rule));
            }
            roots.append(part > 1 ? "," : "").append("""
                    {"code":"%d","title":"演练部分%d","points":%d,"children":[%s]}"""
                    .formatted(part, part, ITEMS_PER_PART, children));
        }
        String rubric = """
                {"code":"%s","year":%d,"title":"重算演练指标体系","categories":["party-dept"],"roots":[%s]}"""
                .formatted(cycle, year, roots);
        HttpResponse<String> created = RunningPlatform.post(BALANCER + "/api/rubric/versions", office, rubric);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String versionId = RunningPlatform.JSON.readTree(created.body()).get("id").asText();
        HttpResponse<String> published = RunningPlatform.post(BALANCER + "/api/rubric/versions/" + versionId + "/publish",
                office, null);
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        return versionId;
    }

    /** CycleOpened as workflow's outbox writes it (a CloudEvents envelope): the units and the four quarters. */
    private static String cycleOpened(String cycle, int year, String version) {
        StringBuilder units = new StringBuilder();
        for (int unit = 1; unit <= UNITS; unit++) {
            units.append(unit > 1 ? "," : "").append("{\"unitCode\":\"%s\",\"unitName\":\"演练单位%d\",\"category\":\"party-dept\"}"
                    .formatted(unitCode(unit), unit));
        }
        StringBuilder periods = new StringBuilder();
        for (int q = 1; q <= 4; q++) {
            LocalDate opens = LocalDate.of(year, 3 * q - 2, 1);
            periods.append(q > 1 ? "," : "").append("{\"period\":\"Q%d\",\"opens\":\"%s\",\"due\":\"%s\"}"
                    .formatted(q, opens, opens.plusMonths(3).minusDays(1)));
        }
        return envelope("CycleOpened", "cycles/" + cycle, cycle, null, """
                {"cycleId":"%s","year":%d,"title":"%d年度重算演练","rubricVersionId":"%s","units":[%s],"periods":[%s],
                 "openedBy":"office","openedAt":"%s","clock":null}""".formatted(cycle, year, year, version, units, periods,
                Instant.now()));
    }

    /** A deduction an inspector's finding asks for, as workflow's inspection step sends it. */
    private static String recordDecision(String cycle, String unit, String item, int finding) {
        String decisionId = UUID.nameUUIDFromBytes(("kaohe:decision:" + cycle + ":" + unit + ":" + item + ":" + finding)
                .getBytes()).toString();
        return envelope("RecordDecision", "cycles/" + cycle + "/units/" + unit + "/decisions/" + decisionId, cycle, unit, """
                {"decisionId":"%s","cycleId":"%s","unitCode":"%s","itemCode":"%s","kind":"DEDUCTION","amount":0.50,
                 "reason":"演练：检查发现问题%d","source":"查阅资料（阶段性考核，inspector.1）","date":"%s",
                 "evidenceRefs":["检查记录"],"onBehalfOf":"inspector.1","requestedBy":"workflow","supersedes":null}"""
                .formatted(decisionId, cycle, unit, item, finding + 1, LocalDate.now().minusDays(1)));
    }

    private static String envelope(String type, String subject, String cycle, String unit, String data) {
        return """
                {"specversion":"1.0","id":"%s","source":"/workflow","type":"%s","subject":"%s","time":"%s",
                 "datacontenttype":"application/json","cycleid":"%s"%s,"data":%s}"""
                .formatted(UUID.randomUUID(), type, subject, Instant.now(), cycle,
                        unit == null ? "" : ",\"unitid\":\"" + unit + "\"", data);
    }

    // --- the recomputes ---

    /** Sends a ComputeScores for the whole cycle; its event id. */
    private static String send(KafkaProducer<String, String> producer, String cycle, String reason) throws Exception {
        String command = envelope("ComputeScores", "cycles/" + cycle + "/scores", cycle, null, """
                {"cycleId":"%s","unitCodes":[],"requestedBy":"office","reason":"重算演练 %s"}""".formatted(cycle, reason));
        producer.send(new ProducerRecord<>(COMMANDS, cycle, command)).get();
        return RunningPlatform.JSON.readTree(command).get("id").asText();
    }

    /** A recompute nothing disturbs: how long its transaction held the units. */
    private static long recompute(KafkaProducer<String, String> producer, String cycle, String reason) throws Exception {
        String command = send(producer, cycle, reason);
        Recompute running = await("the clean recompute under way", Duration.ofMinutes(3), () -> running(cycle));
        long longest = running.millis();
        for (Recompute still = running; still != null; still = running(cycle)) {
            longest = Math.max(longest, still.millis());
            Thread.sleep(10);
        }
        awaitProcessed(command);
        return longest;
    }

    /** The instance whose transaction holds the cycle's units, and for how long it has (no unit is locked otherwise). */
    record Recompute(String instance, long millis) {
    }

    /** One connection for the watching, which asks every 10 ms (a new connection each time would cost more). */
    private static Connection watcher;

    @AfterAll
    static void closeTheWatcher() throws Exception {
        if (watcher != null) {
            watcher.close();
        }
    }

    private static Recompute running(String cycle) throws Exception {
        if (watcher == null || watcher.isClosed()) {
            watcher = RunningHaPlatform.database("scoring");
        }
        try (PreparedStatement q = watcher.prepareStatement("""
                     select a.application_name, (extract(epoch from clock_timestamp() - a.xact_start) * 1000)::bigint
                     from pg_locks l join pg_stat_activity a on a.pid = l.pid
                     where l.locktype = 'relation' and l.relation = 'cycle_unit'::regclass and l.mode = 'RowShareLock'
                       and a.datname = 'scoring' and a.application_name like 'scoring-service-%'
                     order by a.xact_start limit 1""")) {
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? new Recompute(rs.getString(1), rs.getLong(2)) : null;
            }
        }
    }

    private static void awaitProcessed(String command) throws Exception {
        await("ComputeScores " + command + " processed", Duration.ofMinutes(5), () -> count(
                "select count(*) from processed_event where consumer = ? and event_id = ?", CONSUMER, command) == 1 ? true : null);
    }

    /** Every item score of the cycle, row by row, as one digest and a count. */
    private static String itemScores(String cycle) throws Exception {
        try (Connection db = RunningHaPlatform.database("scoring");
             PreparedStatement q = db.prepareStatement("""
                     select count(*), md5(string_agg(s::text, '|' order by s.unit_code, s.item_code))
                     from item_score s where s.cycle_id = ?""")) {
            q.setString(1, cycle);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1) + " rows, md5 " + rs.getString(2);
            }
        }
    }

    private static long count(String sql, String... params) throws Exception {
        return RunningHaPlatform.count("scoring", sql, (Object[]) params);
    }

    private static KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + PORTS.kafkaNode(1));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_048_576);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /**
     * What scoring published about the cycle, read from the topic (from its end when the drill began): the full
     * recomputes' ScoresComputed, grouped by recompute (one {@code computedAt} per recompute), each unit's totals.
     */
    private static final class ScoresComputedLog implements AutoCloseable {

        private final String cycle;
        private final KafkaConsumer<String, String> consumer;
        private final Map<Instant, Map<String, JsonNode>> recomputes = new TreeMap<>();
        private final Set<String> ids = new HashSet<>();
        private int records;

        ScoresComputedLog(String cycle) {
            this.cycle = cycle;
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + PORTS.kafkaNode(1));
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(SCORING_EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // fixes the start before anything is sent
        }

        /** Reads until {@code expected} distinct events of the cycle's full recomputes arrived (or two minutes passed). */
        Map<Instant, Map<String, JsonNode>> fullRecomputes(int expected) throws Exception {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (ids.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                    JsonNode event = RunningPlatform.JSON.readTree(record.value());
                    JsonNode data = event.get("data");
                    if (!"ScoresComputed".equals(event.path("type").asText()) || !cycle.equals(data.path("cycleId").asText())
                            || !"FULL_RECOMPUTE".equals(data.path("trigger").asText())) {
                        continue;
                    }
                    records++;
                    if (ids.add(event.get("id").asText())) {
                        Map<String, Object> totals = new LinkedHashMap<>();
                        for (String field : List.of("maximum", "selfTotal", "reviewedTotal", "finalTotal")) {
                            totals.put(field, data.path(field).isNull() ? null : new BigDecimal(data.path(field).asText()));
                        }
                        totals.put("itemCount", data.path("itemCount").asInt());
                        totals.put("reviewedItems", data.path("reviewedItems").asInt());
                        recomputes.computeIfAbsent(Instant.parse(data.get("computedAt").asText()), at -> new HashMap<>())
                                .put(data.get("unitCode").asText(), RunningPlatform.JSON.valueToTree(totals));
                    }
                }
            }
            return recomputes;
        }

        int records() {
            return records;
        }

        int distinct() {
            return ids.size();
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
