package io.kaohe.workflow.cycles;

import io.kaohe.support.problems.Faults;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.contracts.events.Topics;
import io.kaohe.workflow.WorkflowIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

class CycleOpeningIT extends WorkflowIntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    org.camunda.bpm.engine.ProcessEngine engine;

    @Test
    void everyServiceTasksDelegateIsAnEngineBeanOfTheNameItsModelUsesAndNoOtherBeanIsReachable() {
        var configuration = (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl)
                engine.getProcessEngineConfiguration();
        new io.kaohe.workflow.process.ProcessSteps(null, null, null).all().forEach((name, step) ->
                assertThat(configuration.getBeans().get(name)).as(name).isInstanceOf(step.getClass()));
        assertThat(configuration.getBeans()).hasSize(new io.kaohe.workflow.process.ProcessSteps(null, null, null).all().size());
        assertThat(configuration.getExpressionManager())
                .isNotInstanceOf(org.camunda.bpm.engine.spring.SpringExpressionManager.class);
    }

    @Test
    void theOfficeOpensACycleWhichPublishesCycleOpenedAndStartsEveryUnitAtItsFirstSelfCheck() throws Exception {
        try (KafkaConsumer<String, String> consumer = consumer(Topics.WORKFLOW)) {
            ResponseEntity<JsonNode> opened = openCycle("open-1", "P365D");
            assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.CREATED);
            assertThat(opened.getHeaders().getLocation()).hasPath("/api/workflow/cycles/open-1");
            JsonNode cycle = opened.getBody();
            assertThat(cycle.get("unitCount").asInt()).isEqualTo(2);
            assertThat(cycle.get("compressed").asBoolean()).isTrue();
            assertThat(cycle.at("/unitsBy/party-dept").asInt()).isEqualTo(1);
            List<String> calendar = new ArrayList<>();
            cycle.get("calendar").forEach(d -> calendar.add(d.get("what").asText() + " " + d.get("due").asText()));
            assertThat(calendar).contains("Q1 2015-03-31", "Q4 2015-12-31", "YEAR 2015-12-31", "INSPECTION 2015-07-31",
                    "APPROVAL 2016-01-25");
            assertThat(cycle.get("publicityDays").asInt()).as("the platform's publicity period").isEqualTo(5);

            JsonNode event = awaitEvent(consumer, e -> "CycleOpened".equals(e.get("type").asText())
                    && "open-1".equals(e.at("/data/cycleId").asText()));
            assertThat(event.at("/data/openedBy").asText()).isEqualTo("office");
            assertThat(event.at("/data/units")).hasSize(2);
            assertThat(event.at("/data/periods")).hasSize(5);
            // The compressed clock travels with the event: evidence-service opens periods by the cycle's calendar day.
            assertThat(event.at("/data/clock/secondsPerDay").asDouble()).isEqualTo(86_400d);
            assertThat(event.at("/data/clock/yearStart").asText()).isNotBlank();
        }
        await(() -> tasks("reporter.sjw", "cycleId=open-1&type=UserTask_SubmitSelfAssessment").size() == 1,
                "bz-sjw's first self-check");
        await(() -> tasks("head.zjfy", "cycleId=open-1&type=UserTask_SubmitSelfAssessment").size() == 1,
                "bz-zjfy's first self-check");
        JsonNode opened = get("/api/workflow/cycles/open-1", "leader");
        assertThat(opened.get("status").asText()).isEqualTo("RUNNING");
        assertThat(opened.toString()).doesNotContain("CallActivity_", "UserTask_", "SubProcess_");
        assertThat(opened.get("stage").asText()).isEqualTo("ASSESSING");
    }

    @Test
    void aCycleWithFaultsIsRefusedWithEveryFaultLocatedAndNothingStarted() {
        Map<String, Object> body = Map.of("cycleId", "bad-1", "year", 2015, "title", "有误的考核年度",
                "rubricVersionId", "not-published",
                "units", List.of(Map.of("unitCode", "bz-sjw", "unitName", "市纪委", "category", "party-dept"),
                        Map.of("unitCode", "bz-sjw", "unitName", "市纪委", "category", "party-dept")),
                "calendar", Map.of("periods", List.of(Map.of("period", "Q2", "opens", "2015-06-30", "due", "2015-04-01"))));
        ResponseEntity<JsonNode> refused = call(HttpMethod.POST, "/api/workflow/cycles", "office", body);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().get("code").asText()).isEqualTo("workflow.cycle.invalid");
        List<String> locations = new ArrayList<>();
        refused.getBody().get("errors").forEach(e -> locations.add(e.get("location").asText()));
        assertThat(locations).containsExactlyInAnyOrder("units[1].unitCode", "calendar.periods[0].due", "rubricVersionId");
        assertThat(db.sql("select count(*) from cycle where cycle_id = 'bad-1'").query(Long.class).single()).isZero();

        ResponseEntity<JsonNode> missing = call(HttpMethod.POST, "/api/workflow/cycles", "office",
                Map.of("cycleId", "bad-2", "title", "", "units", List.of()));
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(missing.getBody().has("errors")).as(missing.getBody().toString()).isTrue();
        assertThat(missing.getBody().get("errors").toString()).contains("year", "title", "units", "rubricVersionId");
    }

    /** The probes of issue 15 §6: a located 400 (or 413), never a 500, and nothing started. */
    @Test
    void probedInputIsRefusedAtItsFieldAndNothingStarted() {
        Map<String, Object> body = Map.of("cycleId", "a'; select pg_sleep(5);--", "year", 2015,
                "title", "年".repeat(350_000), "rubricVersionId", "not-published",
                "units", List.of(Map.of("unitCode", "bz-sjw' or '1'='1", "unitName", "市纪委", "category", "party-dept")));
        ResponseEntity<JsonNode> refused = call(HttpMethod.POST, "/api/workflow/cycles", "office", body);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        List<String> locations = new ArrayList<>();
        refused.getBody().get("errors").forEach(e -> locations.add(e.get("location").asText()));
        assertThat(locations).contains("cycleId", "title", "units[0].unitCode");
        assertThat(refused.getBody().toString().length()).isLessThan(10_000);

        ResponseEntity<JsonNode> unknown = call(HttpMethod.POST, "/api/workflow/cycles", "office",
                Map.of("cycleId", "probe-1", "year", 2015, "title", "t", "colour", "red"));
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unknown.getBody().at("/errors/0/location").asText()).isEqualTo("colour");

        ResponseEntity<JsonNode> year = call(HttpMethod.POST, "/api/workflow/cycles", "office",
                Map.of("cycleId", "probe-2", "year", new java.math.BigDecimal("1e309"), "title", "t"));
        assertThat(year.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(year.getBody().at("/errors/0/location").asText()).isEqualTo("year");

        ResponseEntity<JsonNode> tooLarge = call(HttpMethod.POST, "/api/workflow/cycles", "office",
                Map.of("cycleId", "probe-3", "year", 2015, "title", "x".repeat(3 << 20)));
        assertThat(tooLarge.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(tooLarge.getBody().get("code").asText()).isEqualTo("platform.body-too-large");
        assertThat(db.sql("select count(*) from cycle where cycle_id like 'probe-%'").query(Long.class).single()).isZero();
    }

    @Test
    void aYearForWholeCategoriesOpensInOneChoiceLessItsExceptionsAndADryRunOpensNothing() {
        Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of("cycleId", "by-category-1", "year", 2015,
                "title", "2015年度乡镇考核", "rubricVersionId", publishedRubric(),
                "categories", List.of("township"), "units", List.of(Map.of("unitCode", "bz-sjw")),
                "except", List.of("xz-c")));

        ResponseEntity<JsonNode> preview = call(HttpMethod.POST, "/api/workflow/cycles?dryRun=true", "office", body);
        assertThat(preview.getStatusCode()).isEqualTo(HttpStatus.OK);
        // the inactive 已撤并的镇 is not chosen with its category; bz-sjw's name comes from the roster
        assertThat(preview.getBody().get("units")).extracting(u -> u.get("unitCode").asText() + " " + u.get("unitName").asText())
                .containsExactly("bz-sjw 市纪委（监察局）", "xz-a 甲镇", "xz-b 乙镇");
        assertThat(preview.getBody().at("/unitsBy/township").asInt()).isEqualTo(2);
        assertThat(db.sql("select count(*) from cycle where cycle_id = 'by-category-1'").query(Long.class).single()).isZero();

        // The cycle's own publicity period (公示期), in working days, instead of the platform's.
        body.put("calendar", Map.of("publicityDays", 10));
        ResponseEntity<JsonNode> opened = call(HttpMethod.POST, "/api/workflow/cycles", "office", body);
        assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(opened.getBody().get("publicityDays").asInt()).isEqualTo(10);
        assertThat(get("/api/workflow/cycles/by-category-1", "office").get("publicityDays").asInt()).isEqualTo(10);
        assertThat(db.sql("select unit_code from cycle_unit where cycle_id = 'by-category-1' order by unit_code")
                .query(String.class).list()).containsExactly("bz-sjw", "xz-a", "xz-b");
    }

    @Test
    void unitsTheRosterDoesNotHaveOrTheVersionDoesNotAssessAreRefusedAtTheirPlace() {
        Map<String, Object> body = Map.of("cycleId", "bad-roster-1", "year", 2015, "title", "名单有误",
                "rubricVersionId", publishedRubric(),
                "units", List.of(Map.of("unitCode", "no-such-unit"), Map.of("unitCode", "bz-sjw", "category", "court"),
                        Map.of("unitCode", "xz-old"), Map.of("unitCode", "jd-1")),
                "categories", List.of("street"), "unitList", "no-such-list", "except", List.of("xz-a"));

        ResponseEntity<JsonNode> refused = call(HttpMethod.POST, "/api/workflow/cycles", "office", body);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        List<String> locations = new ArrayList<>();
        refused.getBody().get("errors").forEach(e -> locations.add(e.get("location").asText()));
        assertThat(locations).containsExactly("units[0].unitCode", "units[1].category", "units[2].unitCode",
                "units[3].unitCode", "categories[0]", "unitList", "except[0]");
        assertThat(db.sql("select count(*) from cycle where cycle_id = 'bad-roster-1'").query(Long.class).single()).isZero();
    }

    @Test
    void aCycleWhoseCalendarCannotBeReadIsListedAsUnreadableAndTheOthersStillShow() {
        assertThat(openCycle("readable-1", "P365D").getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(openCycle("unreadable-1", "P365D").getStatusCode()).isEqualTo(HttpStatus.CREATED);
        // A row written by hand (or by a version that stored the calendar in another shape).
        db.sql("update cycle set calendar = '{\"periods\": \"not a list\"}'::jsonb where cycle_id = 'unreadable-1'").update();

        JsonNode list = get("/api/workflow/cycles", "office");
        Map<String, JsonNode> byId = new java.util.HashMap<>();
        list.forEach(c -> byId.put(c.get("cycleId").asText(), c));
        assertThat(byId.get("unreadable-1").get("status").asText()).isEqualTo("UNREADABLE");
        assertThat(byId.get("unreadable-1").get("title").asText()).isNotBlank();
        assertThat(byId.get("unreadable-1").get("unitCount").asInt()).isEqualTo(2);
        assertThat(byId.get("unreadable-1").get("calendar")).isEmpty();
        assertThat(byId.get("readable-1").get("status").asText()).isEqualTo("RUNNING");
        assertThat(byId.get("readable-1").get("calendar")).isNotEmpty();
    }

    @Test
    void onlyTheOfficeOpensCyclesAndACycleOpensOnce() {
        assertThat(openCycle("twice-1", "P365D").getStatusCode()).isEqualTo(HttpStatus.CREATED);
        ResponseEntity<JsonNode> again = openCycle("twice-1", "P365D");
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody().get("code").asText()).isEqualTo("workflow.cycle.exists");

        long auditedBefore = audited();
        ResponseEntity<JsonNode> byLeader = call(HttpMethod.POST, "/api/workflow/cycles", "leader",
                Map.of("year", 2015, "title", "x", "rubricVersionId", "x", "units", List.of()));
        assertThat(byLeader.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(audited()).isEqualTo(auditedBefore + 1);
    }
}
