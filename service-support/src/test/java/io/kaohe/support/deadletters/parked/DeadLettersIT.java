package io.kaohe.support.deadletters.parked;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaohe.contracts.events.EventEnvelope;
import io.kaohe.contracts.events.Topics;
import io.kaohe.support.deadletters.parked.ParkingTestApplication.LetterCopies;
import io.kaohe.support.deadletters.parked.ParkingTestApplication.LetterReader;
import io.kaohe.support.deadletters.parked.ParkingTestApplication.LetterWritten;
import io.kaohe.support.deadletters.parked.ParkingTestApplication.Letters;
import io.kaohe.support.events.EventJson;
import io.kaohe.testsupport.TestServers;
import io.kaohe.testsupport.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Dead letters on a real PostgreSQL, Kafka and Keycloak: an event a consumer cannot apply is
 * parked, listed with its reason and counted; once the cause is fixed it is replayed to that
 * consumer alone and applied once; a second replay changes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false) // Prometheus as the services run it (tests leave metrics export off)
class DeadLettersIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PARKED = Pattern.compile(
            // Other tags (e.g. application) may stand around these two; Prometheus orders them by name.
            "kaohe_events_parked\\{[^}]*consumer=\"" + Pattern.quote(LetterReader.CONSUMER) + "\"[^}]*topic=\""
                    + Pattern.quote(Topics.SCORING_COMMANDS) + "\"[^}]*} ([0-9.]+)");

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("spring.application.name", () -> "parking-test");
        registry.add("spring.datasource.url", () -> TestServers.database("parking"));
        registry.add("spring.datasource.username", () -> TestServers.postgres().user());
        registry.add("spring.datasource.password", () -> TestServers.postgres().password());
        registry.add("spring.kafka.bootstrap-servers", TestServers::kafkaBootstrapServers);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", Tokens::issuer);
        // The realm's tokens name the four services as audiences; this test service borrows one.
        registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> "scoring-service");
        registry.add("kaohe.api.base-path", () -> "/api/parking");
        registry.add("kaohe.events.retry-for", () -> "PT1S");
        registry.add("kaohe.outbox.resubmit-every", () -> "PT2S");
        registry.add("management.server.port", () -> "0");
    }

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;
    @Autowired
    Letters letters;
    @Autowired
    JdbcClient db;
    @Autowired
    javax.sql.DataSource dataSource;
    @Autowired
    KafkaTemplate<String, String> kafka;

    @Test
    void aPoisonEventIsParkedListedCountedThenReplayedOnceAfterTheFix() throws Exception {
        db.sql("insert into refused_text (text) values ('拒收') on conflict do nothing").update();
        String eventId = letters.write("拒收");

        JsonNode parked = await().atMost(Duration.ofSeconds(60)).until(() -> letter(eventId), l -> l != null
                && l.get("status").asText().equals("PARKED"));
        assertThat(parked.get("eventType").asText()).isEqualTo("LetterWritten");
        assertThat(parked.get("topic").asText()).isEqualTo(Topics.SCORING_COMMANDS);
        assertThat(parked.get("consumer").asText()).isEqualTo(LetterReader.CONSUMER);
        assertThat(parked.get("reason").asText()).contains("IllegalStateException", "refused");
        assertThat(parked.get("firstParkedAt").asText()).isNotBlank();
        long id = parked.get("id").asLong();
        JsonNode one = JSON.readTree(call("GET", "/api/parking/dead-letters/" + id, "office").body());
        assertThat(one.get("message").asText()).contains(eventId, "拒收");
        long waitingBefore = parkedMetric();
        assertThat(waitingBefore).as("the metric counts the parked letter").isGreaterThanOrEqualTo(1);
        assertThat(received(eventId)).isZero();

        db.sql("delete from refused_text where text = '拒收'").update();
        HttpResponse<String> replay = call("POST", "/api/parking/dead-letters/" + id + "/replay", "office");
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
        JsonNode replayed = JSON.readTree(replay.body());
        assertThat(replayed.get("status").asText()).isEqualTo("REPLAYED");
        assertThat(replayed.get("timesReplayed").asInt()).isEqualTo(1);
        assertThat(replayed.get("replayedBy").asText()).isEqualTo("office");
        await().atMost(Duration.ofSeconds(60)).until(() -> received(eventId) == 1);
        assertThat(parkedMetric()).isEqualTo(waitingBefore - 1);

        HttpResponse<String> again = call("POST", "/api/parking/dead-letters/" + id + "/replay", "office");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).get("timesReplayed").asInt()).as("a second replay sends nothing").isEqualTo(1);
        assertThat(JSON.readTree(again.body()).get("replayedAt").asText()).isEqualTo(replayed.get("replayedAt").asText());
        // Events behind it are applied, and the replayed one still once; the other group saw it once only.
        String marker = letters.write("之后的信");
        await().atMost(Duration.ofSeconds(60)).until(() -> received(marker) == 1 && copies(marker) == 1);
        assertThat(received(eventId)).isEqualTo(1);
        assertThat(db.sql("select count(*) from processed_event where event_id = ?").param(eventId).query(Long.class)
                .single()).isEqualTo(1);
        assertThat(copies(eventId)).as("the replay reached only the group that parked it").isEqualTo(1);
        System.out.printf("dead letters: parked 1, listed 1, metric %d -> %d, replayed 2 times, applied %d time(s)%n",
                waitingBefore, parkedMetric(), received(eventId));
    }

    @Test
    void onlyTheLettersItsOwnConsumersParkedAreListed() throws Exception {
        String foreign = envelopeJson("其他服务的死信");
        String own = envelopeJson("本服务的死信");
        String dlt = Topics.deadLetter(Topics.SCORING_COMMANDS);
        kafka.send(deadLetter(dlt, foreign, "another-service.listener")).get();
        kafka.send(deadLetter(dlt, own, LetterReader.CONSUMER)).get();
        String ownId = EventJson.read(own).id();
        await().atMost(Duration.ofSeconds(60)).until(() -> letter(ownId) != null);
        assertThat(letter(EventJson.read(foreign).id())).isNull();
        assertThat(letter(ownId).get("reason").asText()).contains("set by the test");
    }

    @Test
    void onlyTheOfficeReadsDeadLettersAndRefusalsAreAuditedProblems() throws Exception {
        HttpResponse<String> anonymous = call("GET", "/api/parking/dead-letters", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        HttpResponse<String> unit = call("GET", "/api/parking/dead-letters", "reporter.sjw");
        assertThat(unit.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(unit.body()).get("code").asText()).isEqualTo("platform.forbidden");
        assertThat(io.kaohe.testsupport.AuditRecords.matching(dataSource, r -> "REFUSED".equals(r.path("outcome").asText())
                && "reporter.sjw".equals(r.path("username").asText()) && r.path("status").asInt() == 403
                && "/api/parking/dead-letters".equals(r.path("path").asText()))).isNotEmpty();
        HttpResponse<String> missing = send(HttpRequest.newBuilder(uri("/api/parking/dead-letters/999999/replay"))
                .header("Authorization", "Bearer " + Tokens.forUser("office")).header("Accept-Language", "en")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(missing.body()).get("code").asText()).isEqualTo("platform.dead-letter.not-found");
        assertThat(JSON.readTree(missing.body()).get("detail").asText()).contains("999999");
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());
        // Nothing of the actuator is open on the application's port: without a token, 401.
        assertThat(metrics.statusCode()).as("no metrics on the application's own port").isEqualTo(401);
    }

    private JsonNode letter(String eventId) throws Exception {
        for (JsonNode letter : JSON.readTree(call("GET", "/api/parking/dead-letters", "office").body())) {
            if (letter.get("eventId").asText().equals(eventId)) {
                return letter;
            }
        }
        return null;
    }

    private long received(String eventId) {
        return db.sql("select count(*) from received_letter where event_id = ?").param(eventId).query(Long.class).single();
    }

    private long copies(String eventId) {
        return db.sql("select count(*) from letter_copy where consumer = ? and event_id = ?")
                .params(LetterCopies.CONSUMER, eventId).query(Long.class).single();
    }

    /** kaohe.events.parked for the letter reader on its topic, as Prometheus scrapes it from the management port. */
    private long parkedMetric() throws Exception {
        String scrape = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
                + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = PARKED.matcher(scrape);
        assertThat(m.find()).as("kaohe_events_parked in\n" + scrape.lines().filter(l -> l.contains("parked")).toList())
                .isTrue();
        return (long) Double.parseDouble(m.group(1));
    }

    private static String envelopeJson(String text) {
        String letterId = UUID.randomUUID().toString();
        return EventJson.write(EventEnvelope.of("/parking-test", ParkingTestApplication.LETTER_WRITTEN,
                "letters/" + letterId, null, "unit-2", new LetterWritten(letterId, text)));
    }

    /** A dead letter as Spring Kafka's recoverer writes one, parked by {@code group}. */
    private static ProducerRecord<String, String> deadLetter(String topic, String json, String group) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, "unit-2", json);
        record.headers().add(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP, group.getBytes(StandardCharsets.UTF_8));
        record.headers().add(KafkaHeaders.DLT_ORIGINAL_TOPIC, Topics.SCORING_COMMANDS.getBytes(StandardCharsets.UTF_8));
        record.headers().add("kaohe_parked_reason", "IllegalStateException: set by the test".getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private HttpResponse<String> call(String method, String path, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody());
        if (user != null) {
            request.header("Authorization", "Bearer " + Tokens.forUser(user));
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
