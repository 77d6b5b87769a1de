package io.kaohe.scoring.it;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaohe.contracts.events.CycleOpened;
import io.kaohe.contracts.events.EventEnvelope;
import io.kaohe.contracts.events.EventType;
import io.kaohe.support.rubric.UnitItemsSource;
import io.kaohe.scoring.roster.RosterSource;
import io.kaohe.support.events.EventJson;
import io.kaohe.testsupport.EventSender;
import io.kaohe.testsupport.PublishedEvents;
import io.kaohe.testsupport.ServiceTestProperties;
import io.kaohe.testsupport.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What every scoring IT shares, so all of them run in one Spring context: real PostgreSQL, Kafka
 * and Keycloak; rubric-service's unit items and roster replaced by {@link Fixtures} built in the test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ScoringITBase.FixedItems.class)
abstract class ScoringITBase {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, "scoring");
    }

    @TestConfiguration
    static class FixedItems {
        @Bean
        @Primary
        UnitItemsSource fixedUnitItems() {
            return Fixtures::unitItems;
        }

        @Bean
        @Primary
        RosterSource fixedRoster() {
            return Fixtures::roster;
        }
    }

    @Autowired
    TestRestTemplate http;
    /** Where the OpenAPI document and the metrics answer (never the application port). */
    @org.springframework.boot.test.web.server.LocalManagementPort
    int managementPort;
    @Autowired
    JdbcClient db;
    @Autowired
    ObjectMapper json;
    @Autowired
    javax.sql.DataSource dataSource;

    /** Sends an event as its producer would, and returns the envelope (to send it again). */
    <T> EventEnvelope<T> send(String source, EventType<T> type, String subject, String cycleId, String unitId, T data) {
        EventEnvelope<T> envelope = EventEnvelope.of(source, type, subject, cycleId, unitId, data);
        send(envelope, type);
        return envelope;
    }

    <T> void send(EventEnvelope<T> envelope, EventType<T> type) {
        EventSender.send(type.topic(), envelope.key(), EventJson.write(envelope));
    }

    /** Waits for an event this service published to Kafka (via its outbox) that matches. */
    JsonNode awaitPublished(String topic, String type, String cycleId, java.util.function.Predicate<JsonNode> matching) {
        try (KafkaConsumer<String, String> consumer = PublishedEvents.consumer(topic)) {
            return PublishedEvents.await(consumer, event -> type.equals(event.path("type").asText())
                    && cycleId.equals(event.path("cycleid").asText()) && matching.test(event), event -> true,
                    Duration.ofSeconds(60));
        }
    }

    static String newCycleId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Opens a cycle through Kafka as workflow does and waits until its units are scored. */
    EventEnvelope<CycleOpened> openCycle(String cycleId, String versionId, List<CycleOpened.Unit> units) {
        return openCycle(cycleId, 2015, versionId, units);
    }

    /** The same, for a cycle of another year. */
    EventEnvelope<CycleOpened> openCycle(String cycleId, int year, String versionId, List<CycleOpened.Unit> units) {
        CycleOpened opened = new CycleOpened(cycleId, year, year + "年度市党群部门目标绩效考核", versionId, units,
                List.of(new CycleOpened.Period("YEAR", LocalDate.of(year, 12, 1), LocalDate.of(year, 12, 31))),
                "office", Instant.now());
        EventEnvelope<CycleOpened> envelope = send("/workflow", CycleOpened.TYPE, "cycles/" + cycleId, cycleId, null,
                opened);
        await().atMost(Duration.ofSeconds(60)).until(() -> db.sql(
                "select count(distinct unit_code) from item_score where cycle_id = ?").param(cycleId)
                .query(Integer.class).single() == units.size());
        return envelope;
    }

    static CycleOpened.Unit unit(String code, String name, String category) {
        return new CycleOpened.Unit(code, name, category);
    }

    ResponseEntity<JsonNode> call(HttpMethod method, String path, String user, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(Tokens.forUser(user));
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
    }

    ResponseEntity<byte[]> bytes(String path, String user) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(Tokens.forUser(user));
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), byte[].class);
    }

    /** A decision body from alternating keys and values. */
    JsonNode body(Object... keysAndValues) {
        var node = json.createObjectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            node.set((String) keysAndValues[i], json.valueToTree(keysAndValues[i + 1]));
        }
        return node;
    }

    ResponseEntity<JsonNode> decide(String cycleId, String user, Object... keysAndValues) {
        return call(HttpMethod.POST, "/api/scoring/cycles/" + cycleId + "/decisions", user, body(keysAndValues));
    }

    java.math.BigDecimal reviewed(String cycleId, String unit, String item) {
        return db.sql("select reviewed_score from item_score where cycle_id = ? and unit_code = ? and item_code = ?")
                .params(cycleId, unit, item).query(java.math.BigDecimal.class).optional().orElse(null);
    }

    /** The refusals this service recorded in the audit trail so far. */
    long refusals() {
        return io.kaohe.testsupport.AuditRecords.refusals(dataSource, "scoring-service");
    }

    long decisionCount(String cycleId) {
        return db.sql("select count(*) from decision where cycle_id = ?").param(cycleId).query(Long.class).single();
    }

    /** Every item_score row of the cycle, as text, in a fixed order: to compare two computations. */
    List<String> scoreRows(String cycleId) {
        return new ArrayList<>(db.sql("""
                select concat_ws('|', unit_code, item_code, top_level_code, points, self_score, reviewed_score,
                                 final_score, explanation, deductions::text)
                  from item_score where cycle_id = ? order by unit_code, item_code
                """).param(cycleId).query(String.class).list());
    }
}
