package io.kaohe.workflow.diagram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.contracts.events.SelfAssessmentSubmitted;
import io.kaohe.workflow.WorkflowIntegrationTest;
import io.kaohe.workflow.process.Bpmn;
import io.kaohe.workflow.process.CycleCalendar;
import io.kaohe.workflow.process.CycleClock;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

class DiagramIT extends WorkflowIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(DiagramIT.class);
    /** An element id of the models, or a candidate group id: what a person must never be shown as a name. */
    private static final Pattern TECHNICAL = Pattern.compile(
            "(UserTask|CallActivity|SubProcess|ServiceTask|TimerEvent|MessageEvent|EndEvent|StartEvent)_|"
                    + "(dept-reviewer|unit-reporter|unit-head|inspector):");

    @Autowired
    TaskService taskService;
    @Autowired
    RuntimeService runtime;
    @Autowired
    RepositoryService repository;

    @Test
    void theOfficeSeesHowManyUnitsWaitAtEachStepAndAUnitSeesWhereItStandsInWords() {
        String cycleId = "diagram-1";
        assertThat(openCycle(cycleId, "P365D").getStatusCode()).isEqualTo(HttpStatus.CREATED);
        await(() -> tasks("reporter.sjw", "cycleId=" + cycleId).size() == 1
                && tasks("reporter.zjfy", "cycleId=" + cycleId).size() == 1, "the first self-checks");
        // bz-sjw signs off Q1: its two departments review; bz-zjfy has not submitted, and is made late.
        send("/evidence-service", SelfAssessmentSubmitted.TYPE, "submissions/x", cycleId, "bz-sjw",
                new SelfAssessmentSubmitted("sub-" + cycleId, 1, cycleId, "bz-sjw", "Q1", "v", "reporter.sjw",
                        "head.sjw", Instant.now(), false, List.of()));
        await(() -> tasks("reviewer.fpymj", "cycleId=" + cycleId).size() == 1
                && tasks("reviewer.swzzb", "cycleId=" + cycleId).size() == 1, "the departments' reviews");
        Task late = taskService.createTaskQuery().taskDefinitionKey(Bpmn.Task.SUBMIT_SELF_ASSESSMENT)
                .taskVariableValueEquals(Bpmn.Var.CYCLE_ID, cycleId).taskVariableValueEquals(Bpmn.Var.UNIT_CODE, "bz-zjfy")
                .singleResult();
        Instant lateSince = Instant.now().minus(Duration.ofDays(3));
        taskService.setDueDate(late.getId(), Date.from(lateSince));

        JsonNode progress = get("/api/workflow/cycles/" + cycleId + "/progress", "office");
        JsonNode units = step(progress, Bpmn.Process.ANNUAL_CYCLE, Bpmn.Element.CALL_UNIT_ASSESSMENT);
        assertThat(units.get("units").asInt()).isEqualTo(2);
        assertThat(units.get("overdueUnits").asInt()).isEqualTo(1);
        assertThat(units.get("name").asText()).isEqualTo("各单位年度考核");
        assertThat(step(progress, Bpmn.Process.UNIT_ASSESSMENT, Bpmn.Element.CALL_QUARTER).get("units").asInt())
                .isEqualTo(2);
        JsonNode submit = step(progress, Bpmn.Process.PERIOD_ASSESSMENT, Bpmn.Task.SUBMIT_SELF_ASSESSMENT);
        assertThat(submit.get("units").asInt()).isEqualTo(1);
        assertThat(submit.get("overdueUnits").asInt()).isEqualTo(1);
        assertThat(submit.at("/unitsThere/0/unitName").asText()).isEqualTo("市中级法院");
        assertThat(submit.at("/unitsThere/0/period").asText()).isEqualTo("Q1");
        JsonNode review = step(progress, Bpmn.Process.PERIOD_ASSESSMENT, Bpmn.Task.REVIEW_SELF_ASSESSMENT);
        assertThat(review.get("units").asInt()).isEqualTo(1);
        assertThat(review.get("waiting").asInt()).isEqualTo(2);
        assertThat(review.get("overdueUnits").asInt()).isZero();
        assertThat(review.get("name").asText()).isEqualTo("审核自评");
        assertThat(review.get("nameEn").asText()).isEqualTo("review the self-assessment");
        assertNamesInWords(progress);
        // the leaders see the same; the model the cycle runs is served as BPMN with its diagram
        assertThat(call(HttpMethod.GET, "/api/workflow/cycles/" + cycleId + "/progress", "leader", null)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<String> xml = http.exchange("/api/workflow/models/period-assessment?cycleId=" + cycleId,
                HttpMethod.GET, new org.springframework.http.HttpEntity<>(bearer("reporter.sjw")), String.class);
        assertThat(xml.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(xml.getBody()).contains("<bpmndi:BPMNDiagram", "id=\"UserTask_SubmitSelfAssessment\"");

        // bz-zjfy: waits for its own reporter and head at Q1's self-assessment, overdue since the date set
        JsonNode zjfy = get("/api/workflow/cycles/" + cycleId + "/units/bz-zjfy/position", "reporter.zjfy");
        assertThat(zjfy.get("unitName").asText()).isEqualTo("市中级法院");
        JsonNode waiting = task(zjfy, Bpmn.Task.SUBMIT_SELF_ASSESSMENT);
        assertThat(waiting.get("overdue").asBoolean()).isTrue();
        assertThat(Instant.parse(waiting.get("due").asText())).isEqualTo(lateSince.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertThat(waiting.get("period").asText()).isEqualTo("Q1");
        assertThat(waiting.get("since").asText()).isNotBlank();
        List<String> parties = new ArrayList<>();
        waiting.get("waitsFor").forEach(p -> parties.add(p.get("role").asText() + " " + p.get("unitName").asText()));
        assertThat(parties).contains("unit-reporter 市中级法院", "unit-head 市中级法院");
        assertNamesInWords(zjfy);

        // bz-sjw, as the leader sees it: the two departments by name
        JsonNode sjw = get("/api/workflow/cycles/" + cycleId + "/units/bz-sjw/position", "leader");
        List<String> reviewers = new ArrayList<>();
        sjw.get("steps").forEach(s -> {
            if (Bpmn.Task.REVIEW_SELF_ASSESSMENT.equals(s.get("activityId").asText())) {
                s.get("waitsFor").forEach(p -> reviewers.add(p.get("role").asText() + " " + p.get("departmentName").asText()));
                assertThat(s.get("overdue").asBoolean()).isFalse();
            }
        });
        assertThat(reviewers).containsExactlyInAnyOrder("dept-reviewer 市扶贫移民局", "dept-reviewer 市委组织部");
        assertNamesInWords(sjw);

        // another unit's reporter, and a unit's reporter asking for the whole cycle: 403, audited
        long before = audited();
        ResponseEntity<JsonNode> other = call(HttpMethod.GET, "/api/workflow/cycles/" + cycleId + "/units/bz-sjw/position",
                "reporter.zjfy", null);
        assertThat(other.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(other.getBody().get("code").asText()).isEqualTo("workflow.diagram.refused");
        assertThat(call(HttpMethod.GET, "/api/workflow/cycles/" + cycleId + "/progress", "reporter.sjw", null)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(audited()).isEqualTo(before + 2);
        assertThat(call(HttpMethod.GET, "/api/workflow/cycles/" + cycleId + "/units/xz-c/position", "office", null)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(call(HttpMethod.GET, "/api/workflow/models/no-such-model", "office", null).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    /** A caller neither office nor leader learns nothing of a cycle, not even whether it exists. */
    @Test
    void aCallerWhoMayNotSeeACycleIsRefusedBeforeTheCycleIsLookedUpAndTheRefusalAudited() {
        long before = audited();
        ResponseEntity<JsonNode> progress = call(HttpMethod.GET, "/api/workflow/cycles/no-such-cycle/progress",
                "reporter.sjw", null);
        assertThat(progress.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(progress.getBody().get("code").asText()).isEqualTo("workflow.diagram.refused");
        ResponseEntity<JsonNode> position = call(HttpMethod.GET,
                "/api/workflow/cycles/no-such-cycle/units/bz-sjw/position", "reporter.zjfy", null);
        assertThat(position.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(position.getBody().get("code").asText()).isEqualTo("workflow.diagram.refused");
        assertThat(audited()).isEqualTo(before + 2);
        // those who may see cycles are told it does not exist
        assertThat(call(HttpMethod.GET, "/api/workflow/cycles/no-such-cycle/progress", "leader", null).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    /** A model deployed again after the cycle opened: the progress names the version the cycle's processes run. */
    @Test
    void theProgressNamesTheModelVersionTheCycleRunsNotANewerOneDeployedSince() throws Exception {
        String cycleId = "diagram-version";
        assertThat(openCycle(cycleId, "P365D").getStatusCode()).isEqualTo(HttpStatus.CREATED);
        await(() -> tasks("reporter.sjw", "cycleId=" + cycleId).size() == 1, "the first self-check");
        Task first = taskService.createTaskQuery().taskDefinitionKey(Bpmn.Task.SUBMIT_SELF_ASSESSMENT)
                .taskVariableValueEquals(Bpmn.Var.CYCLE_ID, cycleId).taskVariableValueEquals(Bpmn.Var.UNIT_CODE, "bz-sjw")
                .singleResult();
        ProcessDefinition running = repository.getProcessDefinition(first.getProcessDefinitionId());
        String xml;
        try (java.io.InputStream in = repository.getProcessModel(running.getId())) {
            xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Deployment newer = repository.createDeployment().name("DiagramIT: a newer period-assessment")
                .addString(running.getResourceName(), xml).deploy();
        try {
            ProcessDefinition latest = repository.createProcessDefinitionQuery()
                    .processDefinitionKey(Bpmn.Process.PERIOD_ASSESSMENT).latestVersion().singleResult();
            assertThat(latest.getVersion()).isGreaterThan(running.getVersion());

            JsonNode progress = get("/api/workflow/cycles/" + cycleId + "/progress", "office");
            assertThat(model(progress, Bpmn.Process.PERIOD_ASSESSMENT).get("version").asInt())
                    .isEqualTo(running.getVersion());
        } finally {
            repository.deleteDeployment(newer.getId(), true);
        }
    }

    /** 130 units started the way opening starts them: the progress is one query, its time printed (not asserted). */
    @Test
    void theProgressOfAGeneratedCycleOf130UnitsIsCountedAcrossItsWholeProcessTree() throws Exception {
        String cycleId = "diagram-130";
        List<String> units = new ArrayList<>();
        for (int i = 1; i <= 130; i++) {
            units.add(String.format("gen-%03d", i));
        }
        CycleClock clock = CycleClock.compressed(2015, Instant.now(), Duration.ofDays(365));
        Map<String, Object> variables = new LinkedHashMap<>(CycleCalendar.defaults(2015).variables(clock));
        variables.put(Bpmn.Var.CYCLE_ID, cycleId);
        variables.put(Bpmn.Var.YEAR, 2015);
        variables.put(Bpmn.Var.TITLE, "生成的130个单位");
        variables.put(Bpmn.Var.RUBRIC_VERSION_ID, "generated");
        variables.put(Bpmn.Var.UNIT_CODES, new ArrayList<>(units));
        variables.put(Bpmn.Var.OPENED_BY, "office");
        String processId = runtime.startProcessInstanceByKey(Bpmn.Process.ANNUAL_CYCLE, cycleId, variables).getId();
        db.sql("""
                insert into cycle (cycle_id, year, title, rubric_version_id, process_instance_id, calendar, compressed,
                                   seconds_per_day, opened_by, opened_at)
                values (?, 2015, '生成的130个单位', 'generated', ?, cast(? as jsonb), true, 86400, 'office', ?)
                """).params(cycleId, processId, json.writeValueAsString(CycleCalendar.defaults(2015)), // as opening stores it
                        Timestamp.from(Instant.now())).update();
        units.forEach(u -> db.sql("insert into cycle_unit (cycle_id, unit_code, unit_name, category) values (?, ?, ?, 'township')")
                .params(cycleId, u, "生成单位" + u).update());
        await(() -> taskService.createTaskQuery().taskDefinitionKey(Bpmn.Task.SUBMIT_SELF_ASSESSMENT)
                .taskVariableValueEquals(Bpmn.Var.CYCLE_ID, cycleId).count() == 130, "130 first self-checks");

        get("/api/workflow/cycles/" + cycleId + "/progress", "office"); // warm
        long started = System.nanoTime();
        JsonNode progress = get("/api/workflow/cycles/" + cycleId + "/progress", "office");
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        log.info("progress of a cycle of 130 units: {} ms over HTTP", millis);
        System.err.println("DiagramIT: progress of a cycle of 130 units answered in " + millis + " ms");

        assertThat(step(progress, Bpmn.Process.ANNUAL_CYCLE, Bpmn.Element.CALL_UNIT_ASSESSMENT).get("units").asInt())
                .isEqualTo(130);
        assertThat(step(progress, Bpmn.Process.PERIOD_ASSESSMENT, Bpmn.Task.SUBMIT_SELF_ASSESSMENT).get("units").asInt())
                .isEqualTo(130);
        assertThat(step(progress, Bpmn.Process.PERIOD_ASSESSMENT, Bpmn.Task.SUBMIT_SELF_ASSESSMENT).get("unitsThere"))
                .hasSize(130);
    }

    private static org.springframework.http.HttpHeaders bearer(String user) {
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.setBearerAuth(token(user));
        return headers;
    }

    private static JsonNode step(JsonNode progress, String model, String activityId) {
        for (JsonNode m : progress.get("models")) {
            if (model.equals(m.get("key").asText())) {
                for (JsonNode s : m.get("steps")) {
                    if (activityId.equals(s.get("activityId").asText())) {
                        return s;
                    }
                }
            }
        }
        throw new AssertionError("no step " + model + "/" + activityId + " in " + progress);
    }

    private static JsonNode model(JsonNode progress, String key) {
        for (JsonNode m : progress.get("models")) {
            if (key.equals(m.get("key").asText())) {
                return m;
            }
        }
        throw new AssertionError("no model " + key + " in " + progress);
    }

    private static JsonNode task(JsonNode position, String activityId) {
        for (JsonNode s : position.get("steps")) {
            if (activityId.equals(s.get("activityId").asText())) {
                return s;
            }
        }
        throw new AssertionError("no step " + activityId + " in " + position);
    }

    /** Every value a person reads (names, units, parties) is words; only activityId and key place things. */
    private static void assertNamesInWords(JsonNode node) {
        node.fields().forEachRemaining(e -> {
            if (e.getKey().equals("activityId") || e.getKey().equals("key") || e.getKey().equals("model")) {
                return;
            }
            JsonNode v = e.getValue();
            if (v.isTextual()) {
                assertThat(TECHNICAL.matcher(v.asText()).find()).as(e.getKey() + " = " + v.asText()).isFalse();
            } else if (v.isContainerNode()) {
                if (v.isArray()) {
                    v.forEach(DiagramIT::assertNamesInWords);
                } else {
                    assertNamesInWords(v);
                }
            }
        });
        if (node.isTextual()) {
            assertThat(TECHNICAL.matcher(node.asText()).find()).as(node.asText()).isFalse();
        }
    }
}
