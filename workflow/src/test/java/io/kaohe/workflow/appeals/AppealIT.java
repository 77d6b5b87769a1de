package io.kaohe.workflow.appeals;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.contracts.events.Topics;
import io.kaohe.workflow.WorkflowIntegrationTest;
import io.kaohe.workflow.process.Bpmn;
import io.kaohe.workflow.process.CycleCalendar;
import io.kaohe.workflow.process.CycleClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Appeals through the REST API on the real servers: a unit files one on its item during the
 * publicity period, the department answers and the office decides in their inboxes, the unit reads
 * the office's reason in its list and AppealClosed leaves through the outbox; another unit's
 * appeal is refused (403, audited), a late one refused in words (409).
 */
class AppealIT extends WorkflowIntegrationTest {

    @Autowired
    RuntimeService runtime;

    @Test
    void aUnitAppealsTheDepartmentAnswersTheOfficeRejectsAndTheUnitReadsTheReason() throws Exception {
        String cycle = inPublicity("appeal-it-1", CycleClock.real(2015));
        try (KafkaConsumer<String, String> events = consumer(Topics.WORKFLOW)) {
            long auditedBefore = audited();
            ResponseEntity<JsonNode> refused = call(HttpMethod.POST, appeals(cycle), "reporter.zjfy",
                    appeal("bz-sjw", "T.bz-sjw.2"));
            assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(refused.getBody().get("code").asText()).isEqualTo("workflow.appeal.other-unit");
            assertThat(audited()).isEqualTo(auditedBefore + 1);
            assertThat(call(HttpMethod.POST, appeals(cycle), "reviewer.fpymj", appeal("bz-sjw", "T.bz-sjw.2"))
                    .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
            ResponseEntity<JsonNode> incomplete = call(HttpMethod.POST, appeals(cycle), "reporter.sjw",
                    Map.of("unitCode", "bz-sjw", "itemCode", "T.bz-sjw.2"));
            assertThat(incomplete.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(incomplete.getBody().toString()).contains("reason");

            ResponseEntity<JsonNode> filed = call(HttpMethod.POST, appeals(cycle), "reporter.sjw", appeal("bz-sjw", "T.bz-sjw.2"));
            assertThat(filed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
            String appealId = filed.getBody().get("appealId").asText();
            assertThat(filed.getBody().get("status").asText()).isEqualTo("OPEN");
            assertThat(filed.getBody().get("step").asText()).isEqualTo(Bpmn.Task.ANSWER_APPEAL);
            assertThat(filed.getBody().get("department").asText()).isEqualTo(FPYMJ);
            assertThat(filed.getBody().get("evidence")).hasSize(2);
            assertThat(filed.getBody().get("publicityEndsAt").asText()).isNotBlank();
            ResponseEntity<JsonNode> again = call(HttpMethod.POST, appeals(cycle), "head.sjw", appeal("bz-sjw", "T.bz-sjw.2"));
            assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(again.getBody().get("code").asText()).isEqualTo("workflow.appeal.open-already");

            // Who sees it: the unit, the department that answers, the office; not the other unit nor department.
            assertThat(list(cycle, "reporter.sjw")).hasSize(1);
            assertThat(list(cycle, "reviewer.fpymj")).hasSize(1);
            assertThat(list(cycle, "office")).hasSize(1);
            assertThat(list(cycle, "reporter.zjfy")).isEmpty();
            assertThat(list(cycle, "reviewer.swzzb")).isEmpty();

            List<JsonNode> answers = tasks("reviewer.fpymj", "cycleId=" + cycle + "&type=" + Bpmn.Task.ANSWER_APPEAL);
            assertThat(answers).singleElement().satisfies(t -> assertThat(t.get("unitCode").asText()).isEqualTo("bz-sjw"));
            assertThat(tasks("reviewer.swzzb", "cycleId=" + cycle + "&type=" + Bpmn.Task.ANSWER_APPEAL)).isEmpty();
            assertThat(complete(answers.get(0).get("id").asText(), "reviewer.fpymj",
                    Map.of("answer", "第四季度中心组学习未见会议记录，扣0.1分有据")).getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(list(cycle, "reporter.sjw").get(0).get("step").asText()).isEqualTo(Bpmn.Task.DECIDE_APPEAL);

            String decide = tasks("office", "cycleId=" + cycle + "&type=" + Bpmn.Task.DECIDE_APPEAL).get(0).get("id").asText();
            ResponseEntity<JsonNode> withoutCorrection = complete(decide, "office",
                    Map.of("outcome", "UPHELD", "reason", "撤销扣分"));
            assertThat(withoutCorrection.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(complete(decide, "office", Map.of("outcome", "REJECTED", "reason", "扣分依据充分，维持原扣分"))
                    .getStatusCode()).isEqualTo(HttpStatus.OK);

            JsonNode closed = awaitEvent(events, e -> e.get("type").asText().equals("AppealClosed")
                    && e.get("data").get("appealId").asText().equals(appealId));
            assertThat(closed.get("data").get("outcome").asText()).isEqualTo("REJECTED");
            assertThat(closed.get("unitid").asText()).isEqualTo("bz-sjw");
            await(() -> "CLOSED".equals(list(cycle, "reporter.sjw").get(0).get("status").asText()), "the appeal closed");
            JsonNode mine = list(cycle, "reporter.sjw").get(0);
            assertThat(mine.get("outcome").asText()).isEqualTo("REJECTED");
            assertThat(mine.get("decision").asText()).isEqualTo("扣分依据充分，维持原扣分");
            assertThat(mine.get("answer").asText()).isEqualTo("第四季度中心组学习未见会议记录，扣0.1分有据");
            assertThat(mine.get("decidedBy").asText()).isEqualTo("office");
        }
    }

    @Test
    void anAppealAfterThePublicityPeriodIsRefusedInWords() {
        // A compressed year: a calendar day lasts half a second, so five working days pass in seconds.
        String cycle = inPublicity("appeal-it-2", CycleClock.compressed(2015, Instant.now(), Duration.ofSeconds(183)));
        await(() -> !tasks("office", "cycleId=" + cycle + "&type=" + Bpmn.Task.PUBLISH_RESULTS).isEmpty(),
                "the publicity period to end and publication to be due");
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token("reporter.sjw"));
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set(HttpHeaders.ACCEPT_LANGUAGE, "zh-CN");
        ResponseEntity<JsonNode> late = http.exchange(appeals(cycle), HttpMethod.POST,
                new HttpEntity<>(appeal("bz-sjw", "T.bz-sjw.2"), headers), JsonNode.class);
        assertThat(late.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(late.getBody().get("code").asText()).isEqualTo("workflow.appeal.late");
        assertThat(late.getBody().get("detail").asText()).contains("公示期").contains("2015-01-");
        assertThat(list(cycle, "office")).isEmpty();
    }

    /** The cycle's annual process started where the leaders' approval has just ended: in the publicity stage. */
    private String inPublicity(String cycleId, CycleClock clock) {
        Map<String, Object> variables = new HashMap<>(CycleCalendar.defaults(2015).variables(clock));
        variables.put(Bpmn.Var.CYCLE_ID, cycleId);
        variables.put(Bpmn.Var.RUBRIC_VERSION_ID, "2f7e5a10-7c3b-4d2e-9a1f-3c5b7d9e0a12");
        variables.put(Bpmn.Var.UNIT_CODES, new ArrayList<>(List.of("bz-sjw", "bz-zjfy")));
        variables.put(Bpmn.Var.PROPOSAL_ID, "p-" + cycleId);
        runtime.createProcessInstanceByKey(Bpmn.Process.ANNUAL_CYCLE).businessKey(cycleId).setVariables(variables)
                .startBeforeActivity(Bpmn.Element.PUBLICITY).execute();
        await(() -> runtime.createVariableInstanceQuery().variableName(Bpmn.Var.PUBLICITY_ENDS_AT).list().stream()
                .anyMatch(v -> runtime.createProcessInstanceQuery().processInstanceId(v.getProcessInstanceId())
                        .processInstanceBusinessKey(cycleId).count() == 1), "the publicity period to start");
        return cycleId;
    }

    private static String appeals(String cycle) {
        return "/api/workflow/cycles/" + cycle + "/appeals";
    }

    private static Map<String, Object> appeal(String unit, String item) {
        return Map.of("unitCode", unit, "itemCode", item, "reason", "第四季度中心组学习已开展，会议记录见佐证材料，扣分有误",
                "evidence", List.of("evidence-17", "2015年第四季度中心组学习记录"));
    }

    private List<JsonNode> list(String cycle, String user) {
        ResponseEntity<JsonNode> answer = call(HttpMethod.GET, appeals(cycle), user, null);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<JsonNode> found = new ArrayList<>();
        answer.getBody().forEach(found::add);
        return found;
    }

    private ResponseEntity<JsonNode> complete(String taskId, String user, Object form) {
        return call(HttpMethod.POST, "/api/workflow/tasks/" + taskId + "/complete", user, form);
    }
}
