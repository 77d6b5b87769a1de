package io.kaohe.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaohe.contracts.events.EventEnvelope;
import io.kaohe.contracts.events.EventType;
import io.kaohe.contracts.events.RubricPublished;
import io.kaohe.contracts.events.Topics;
import io.kaohe.support.events.EventJson;
import io.kaohe.testsupport.Await;
import io.kaohe.testsupport.PublishedEvents;
import io.kaohe.testsupport.ServiceTestProperties;
import io.kaohe.testsupport.Tokens;
import io.kaohe.workflow.cycles.CycleRoster;
import io.kaohe.workflow.process.AssessingDepartments;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What every integration test of workflow shares, declared once so all run in one Spring context:
 * the real PostgreSQL (Camunda's tables and workflow's), the real Kafka broker, the real Keycloak
 * realm and its tokens. The replaced parts are rubric-service's read APIs (another service, not
 * running here): every unit's items are assessed by 市扶贫移民局 and 市委组织部, and the roster is
 * {@link #ROSTER} (every active unit is assessed by every version, except the 街道 ones).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"kaohe.workflow.pending-retry-every=PT1S"})
@org.springframework.context.annotation.Import(WorkflowIntegrationTest.RubricItems.class)
public abstract class WorkflowIntegrationTest {

    protected static final String FPYMJ = "sfpymj";
    protected static final String SWZZB = "swzzb";

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, "workflow");
    }

    /** The roster rubric-service would answer: code, name, category, active. */
    protected static final List<CycleRoster.RosterUnit> ROSTER = List.of(
            new CycleRoster.RosterUnit("bz-sjw", "市纪委（监察局）", "party-dept", true),
            new CycleRoster.RosterUnit("bz-zjfy", "市中级法院", "court", true),
            new CycleRoster.RosterUnit("xz-a", "甲镇", "township", true),
            new CycleRoster.RosterUnit("xz-b", "乙镇", "township", true),
            new CycleRoster.RosterUnit("xz-c", "丙镇", "township", true),
            new CycleRoster.RosterUnit("xz-old", "已撤并的镇", "township", false),
            new CycleRoster.RosterUnit("jd-1", "城关街道", "street", true));
    /** A saved list of the roster. */
    protected static final Map<String, List<String>> LISTS = Map.of("two-towns", List.of("xz-b", "xz-a"));

    @TestConfiguration
    static class RubricItems {
        @Bean
        @Primary
        CycleRoster fixedRoster() {
            return new CycleRoster() {
                @Override
                public List<RosterUnit> units() {
                    return ROSTER;
                }

                @Override
                public Optional<List<RosterUnit>> assessedBy(String rubricVersionId) {
                    return Optional.of(ROSTER.stream().filter(u -> u.active() && !u.category().equals("street")).toList());
                }

                @Override
                public Optional<List<String>> savedList(String code) {
                    return Optional.ofNullable(LISTS.get(code));
                }

                @Override
                public Map<String, String> departmentNames() {
                    return Map.of(FPYMJ, "市扶贫移民局", SWZZB, "市委组织部");
                }
            };
        }

        @Bean
        @Primary
        AssessingDepartments fixedDepartments() {
            return (version, unit) -> {
                Map<String, List<String>> items = new LinkedHashMap<>();
                items.put(FPYMJ, List.of("T." + unit + ".1", "T." + unit + ".2"));
                items.put(SWZZB, List.of("T." + unit + ".3"));
                return items;
            };
        }
    }

    @Autowired
    protected TestRestTemplate http;
    @Autowired
    protected JdbcClient db;
    @Autowired
    protected ObjectMapper json;
    @Autowired
    protected KafkaTemplate<String, String> kafka;
    @Autowired
    protected javax.sql.DataSource dataSource;

    private static final Map<String, Map.Entry<Long, String>> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    /** A real token of the realm's demo user, fetched again before it expires (the realm gives 5 minutes). */
    protected static String token(String user) {
        long now = System.nanoTime();
        Map.Entry<Long, String> cached = TOKENS.get(user);
        if (cached == null || now - cached.getKey() > Duration.ofMinutes(3).toNanos()) {
            cached = Map.entry(now, Tokens.tokenFor(Tokens.issuer(), user, "demo"));
            TOKENS.put(user, cached);
        }
        return cached.getValue();
    }

    protected ResponseEntity<JsonNode> call(HttpMethod method, String path, String user, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token(user));
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
    }

    protected JsonNode get(String path, String user) {
        return call(HttpMethod.GET, path, user, null).getBody();
    }

    /** Sends an event as its producer would: the envelope's JSON, keyed by unit. */
    protected <T> EventEnvelope<T> send(String source, EventType<T> type, String subject, String cycleId, String unitId,
                                        T data) {
        EventEnvelope<T> envelope = EventEnvelope.of(source, type, subject, cycleId, unitId, data);
        send(envelope);
        return envelope;
    }

    protected void send(EventEnvelope<?> envelope) {
        kafka.send(topicOf(envelope), envelope.key(), EventJson.write(envelope)).join();
    }

    private static String topicOf(EventEnvelope<?> envelope) {
        return io.kaohe.contracts.events.EventTypes.byName(envelope.type()).orElseThrow().topic();
    }

    /** A rubric version rubric-service announced as published. */
    protected String publishedRubric() {
        String versionId = UUID.randomUUID().toString();
        send("/rubric-service", RubricPublished.TYPE, "rubric-versions/" + versionId, null, null,
                new RubricPublished(versionId, "party-dept-2015", 2015, "2015年度市党群部门目标绩效考核指标", 12,
                        new BigDecimal("50.00"), "sha256:00", "/api/rubric/versions/" + versionId + "/snapshot", "office",
                        Instant.now()));
        await(() -> db.sql("select count(*) from published_rubric where version_id = ?").param(versionId)
                .query(Long.class).single() == 1, "the published rubric to be known");
        return versionId;
    }

    /** Opens a cycle for bz-sjw and bz-zjfy whose year runs in {@code yearIn} from now. */
    protected ResponseEntity<JsonNode> openCycle(String cycleId, String yearIn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cycleId", cycleId);
        body.put("year", 2015);
        body.put("title", "2015年度市党群部门目标绩效考核");
        body.put("rubricVersionId", publishedRubric());
        body.put("units", List.of(Map.of("unitCode", "bz-sjw", "unitName", "市纪委（监察局）", "category", "party-dept"),
                Map.of("unitCode", "bz-zjfy", "unitName", "市中级法院", "category", "court")));
        body.put("clock", Map.of("yearIn", yearIn));
        return call(HttpMethod.POST, "/api/workflow/cycles", "office", body);
    }

    protected List<JsonNode> tasks(String user, String query) {
        JsonNode page = get("/api/workflow/tasks" + (query == null ? "" : "?" + query), user);
        List<JsonNode> tasks = new ArrayList<>();
        page.get("tasks").forEach(tasks::add);
        return tasks;
    }

    /** The refusals this service recorded in the audit trail so far. */
    protected long audited() {
        return io.kaohe.testsupport.AuditRecords.refusals(dataSource, "workflow");
    }

    /** Waits as test-support's {@link Await} does, with the patience a process's timers and jobs need. */
    protected static void await(BooleanSupplier condition, String what) {
        Await.until(condition, what, Duration.ofSeconds(90));
    }

    protected KafkaConsumer<String, String> consumer(String topic) {
        return PublishedEvents.consumer(topic);
    }

    /** Events this service published are checked against their golden example, not what a test sent as another. */
    protected JsonNode awaitEvent(KafkaConsumer<String, String> consumer, Predicate<JsonNode> wanted) throws Exception {
        return PublishedEvents.await(consumer, wanted, event -> event.path("source").asText().equals("/workflow"),
                Duration.ofSeconds(90));
    }
}
