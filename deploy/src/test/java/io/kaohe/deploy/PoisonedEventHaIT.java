package io.kaohe.deploy;

import static io.kaohe.deploy.RunningHaPlatform.BALANCER;
import static io.kaohe.deploy.RunningHaPlatform.PORTS;
import static io.kaohe.deploy.HaDrills.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Drill 8 on the production shape: a poisoned event — a RecordDecision command for a cycle scoring does not know
 * (yet), as a workflow ahead of its events might send — is parked on the dead-letter topic by one of the two scoring
 * instances, counted by the metric every instance reports, listed for the office with its reason through the
 * balancer; once the cause is fixed (the cycle opened) the office replays it and the decision is recorded once; a
 * second replay changes nothing.
 */
@Order(7)
class PoisonedEventHaIT {

    /** event-contracts' Topics.SCORING_COMMANDS and scoring's consumer group (the launcher does not depend on them). */
    private static final String TOPIC = "kaohe.scoring.commands";
    private static final String CONSUMER = "scoring-service.scoring-commands";
    private static final Pattern PARKED = Pattern.compile("kaohe_events_parked\\{[^}]*consumer=\"" + Pattern.quote(CONSUMER)
            + "\"[^}]*topic=\"" + Pattern.quote(TOPIC) + "\"[^}]*} ([0-9.]+)");

    @BeforeAll
    static void startThePlatformInItsProductionShape() throws Exception {
        RunningHaPlatform.start();
    }

    @Test
    void aPoisonedCommandIsParkedCountedListedAndAppliedOnceWhenReplayedAfterTheFix() throws Exception {
        String office = RunningHaPlatform.token("office");
        String cycle = "poison-" + Long.toString(System.currentTimeMillis(), 36);
        String eventId = UUID.randomUUID().toString();
        String decisionId = UUID.nameUUIDFromBytes(("kaohe:decision:" + cycle + ":bz-sjw:drill-8").getBytes()).toString();
        long parkedBefore = parkedMetric();

        long t = System.nanoTime();
        send(cycle, eventId, decisionId);
        JsonNode letter = await("the command parked and listed for the office", Duration.ofSeconds(90), () -> {
            for (JsonNode parked : json(RunningPlatform.get(BALANCER + "/api/scoring/dead-letters?status=PARKED", office))) {
                if (eventId.equals(parked.get("eventId").asText())) {
                    return parked;
                }
            }
            return null;
        });
        long parkedMillis = (System.nanoTime() - t) / 1_000_000;
        assertThat(letter.get("reason").asText()).contains("scoring.cycle.not-found");
        assertThat(letter.get("consumer").asText()).isEqualTo(CONSUMER);
        long id = letter.get("id").asLong();
        JsonNode one = json(RunningPlatform.get(BALANCER + "/api/scoring/dead-letters/" + id, office));
        assertThat(one.get("message").asText()).as("the letter as it was sent").contains(decisionId, cycle);
        long counted = await("the metric counts it", Duration.ofSeconds(30),
                () -> parkedMetric() == parkedBefore + 1 ? parkedMetric() : null);
        assertThat(decisions(decisionId)).as("nothing recorded while parked").isZero();

        // The cause fixed: the cycle opened (scoring learns of it over Kafka).
        HaDrills.openCycle(office, cycle, LocalDate.now().getYear(), "死信演练");
        await("scoring knows the cycle", Duration.ofSeconds(90), () -> {
            for (JsonNode known : json(RunningPlatform.get(BALANCER + "/api/scoring/cycles", office))) {
                if (cycle.equals(known.get("cycleId").asText())) {
                    return known;
                }
            }
            return null;
        });

        long r = System.nanoTime();
        JsonNode replayed = json(RunningPlatform.post(BALANCER + "/api/scoring/dead-letters/" + id + "/replay", office, null));
        assertThat(replayed.get("status").asText()).isEqualTo("REPLAYED");
        await("the replayed command applied", Duration.ofSeconds(90), () -> decisions(decisionId) == 1 ? 1L : null);
        long appliedMillis = (System.nanoTime() - r) / 1_000_000;
        JsonNode again = json(RunningPlatform.post(BALANCER + "/api/scoring/dead-letters/" + id + "/replay", office, null));
        assertThat(again.get("timesReplayed").asInt()).as("a second replay is left as it is").isEqualTo(1);
        Thread.sleep(10_000); // what a second replay would have sent has had time to arrive
        long after = await("the metric back", Duration.ofSeconds(30),
                () -> parkedMetric() == parkedBefore ? parkedMetric() : null);
        JsonNode settled = json(RunningPlatform.get(BALANCER + "/api/scoring/dead-letters/" + id, office));

        System.out.printf("drill 8 (a poisoned command on the HA platform): parked and listed %d ms after it was sent "
                        + "(reason: %s); kaohe_events_parked %d → %d; replayed after the fix, recorded %d ms later; "
                        + "decisions under its id: %d after two replays; the letter %s, parked %d×, replayed %d×; metric back "
                        + "to %d%n", parkedMillis, letter.get("reason").asText(), parkedBefore, counted, appliedMillis,
                decisions(decisionId), settled.get("status").asText(), settled.get("timesParked").asInt(),
                settled.get("timesReplayed").asInt(), after);
        assertThat(decisions(decisionId)).as("the decision recorded once").isEqualTo(1);
        assertThat(settled.get("status").asText()).isEqualTo("REPLAYED");
        assertThat(settled.get("timesParked").asInt()).as("not parked again").isEqualTo(1);
    }

    /** The command as workflow's outbox sends it (a CloudEvents envelope), straight onto the topic. */
    private static void send(String cycle, String eventId, String decisionId) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + PORTS.kafkaNode(1));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        String json = """
                {"specversion":"1.0","id":"%s","source":"/workflow","type":"RecordDecision",
                 "subject":"cycles/%s/units/bz-sjw/decisions/%s","time":"%s","datacontenttype":"application/json",
                 "cycleid":"%s","unitid":"bz-sjw",
                 "data":{"decisionId":"%s","cycleId":"%s","unitCode":"bz-sjw","itemCode":"1.2","kind":"DEDUCTION",
                  "amount":0.50,"reason":"演练：检查发现第二党支部会议记录不全","source":"查阅资料（阶段性考核，inspector.1）",
                  "date":"%s","evidenceRefs":["会议记录本"],"onBehalfOf":"inspector.1","requestedBy":"workflow",
                  "supersedes":null}}
                """.formatted(eventId, cycle, decisionId, java.time.Instant.now(), cycle, decisionId, cycle,
                LocalDate.now().minusDays(1));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, cycle + ":bz-sjw", json)).get();
        }
    }

    /** The highest kaohe_events_parked of the pair over both scoring instances (each reports the database's count). */
    private static long parkedMetric() throws Exception {
        long max = 0;
        for (int replica = 1; replica <= 2; replica++) {
            String url = "http://127.0.0.1:" + Ports.management(PORTS.instance(App.SCORING, replica)) + "/actuator/prometheus";
            Matcher m = PARKED.matcher(RunningPlatform.get(url, null).body());
            if (m.find()) {
                max = Math.max(max, (long) Double.parseDouble(m.group(1)));
            }
        }
        return max;
    }

    private static long decisions(String decisionId) throws Exception {
        return RunningHaPlatform.count("scoring", "select count(*) from decision where id = ?::uuid", decisionId);
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return RunningPlatform.JSON.readTree(response.body());
    }
}
