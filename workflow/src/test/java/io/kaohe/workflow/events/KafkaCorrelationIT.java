package io.kaohe.workflow.events;

import static io.kaohe.contracts.events.GradeConsequence.NONE;
import static io.kaohe.contracts.events.GradeConsequence.TALK_AND_REPORT;
import static io.kaohe.contracts.events.GradeConsequence.WRITTEN_EXPLANATION;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.contracts.events.EventEnvelope;
import io.kaohe.contracts.events.GradeConsequence;
import io.kaohe.contracts.events.GradesProposed;
import io.kaohe.contracts.events.ScoresComputed;
import io.kaohe.contracts.events.SelfAssessmentSubmitted;
import io.kaohe.contracts.events.Topics;
import io.kaohe.workflow.WorkflowIntegrationTest;
import io.kaohe.workflow.process.Bpmn;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Events from Kafka moving the processes: exactly once however often delivered, early ones kept, the leader's part. */
class KafkaCorrelationIT extends WorkflowIntegrationTest {

    @Autowired
    RuntimeService runtime;
    @Autowired
    org.camunda.bpm.engine.ManagementService management;

    private String publicityTimer(String cycle) {
        var instance = runtime.createProcessInstanceQuery().processDefinitionKey(io.kaohe.workflow.process.Bpmn.Process.ANNUAL_CYCLE)
                .processInstanceBusinessKey(cycle).singleResult();
        var timer = instance == null ? null : management.createJobQuery().processInstanceId(instance.getId())
                .activityId(io.kaohe.workflow.process.Bpmn.Element.PUBLICITY_ENDS).timers().singleResult();
        return timer == null ? null : timer.getId();
    }

    @Test
    void aSubmissionDeliveredTwiceOrRepublishedMovesThePeriodOnce() {
        openCycle("kafka-1", "P365D");
        await(() -> tasks("reporter.sjw", "cycleId=kafka-1").size() == 1, "the first self-check");
        EventEnvelope<SelfAssessmentSubmitted> submitted = EventEnvelope.of("/evidence-service", SelfAssessmentSubmitted.TYPE,
                "submissions/s1", "kafka-1", "bz-sjw", submission("kafka-1", "Q1", 1));
        send(submitted);
        send(submitted);
        // The same submission again under another event id (e.g. republished by evidence-service).
        EventEnvelope<SelfAssessmentSubmitted> again = send("/evidence-service", SelfAssessmentSubmitted.TYPE,
                "submissions/s1", "kafka-1", "bz-sjw", submission("kafka-1", "Q1", 1));
        await(() -> processed(again.id()) == 1, "the republished event to be consumed");
        await(() -> tasks("reviewer.fpymj", "cycleId=kafka-1").size() == 1, "the review");
        assertThat(processed(submitted.id())).isEqualTo(1);
        assertThat(tasks("reviewer.fpymj", "cycleId=kafka-1")).hasSize(1);
        assertThat(tasks("reviewer.swzzb", "cycleId=kafka-1")).hasSize(1);
        assertThat(tasks("reporter.sjw", "cycleId=kafka-1")).isEmpty();
        assertThat(db.sql("select count(*) from pending_event where event_id in (?, ?)").params(submitted.id(), again.id())
                .query(Long.class).single()).isZero();
    }

    @Test
    void aCompressedYearRunsItsCalendarInSecondsAndAnEarlySubmissionWaitsForItsQuarter() throws Exception {
        try (KafkaConsumer<String, String> consumer = consumer(Topics.WORKFLOW)) {
            // The year in two minutes: a day lasts a third of a second, Q1 is due after 30 s.
            assertThat(openCycle("kafka-2", "PT120S").getStatusCode()).isEqualTo(HttpStatus.CREATED);
            EventEnvelope<SelfAssessmentSubmitted> early = send("/evidence-service", SelfAssessmentSubmitted.TYPE,
                    "submissions/s2", "kafka-2", "bz-sjw", submission("kafka-2", "Q2", 1));
            await(() -> db.sql("select count(*) from pending_event where event_id = ?").param(early.id())
                    .query(Long.class).single() == 1, "the Q2 submission to wait for its quarter");

            JsonNode reminder = awaitEvent(consumer, e -> "DeadlineApproaching".equals(e.get("type").asText())
                    && "kafka-2".equals(e.at("/data/cycleId").asText()));
            assertThat(reminder.at("/data/period").asText()).isEqualTo("Q1");
            JsonNode overdue = awaitEvent(consumer, e -> "TaskOverdue".equals(e.get("type").asText())
                    && "kafka-2".equals(e.at("/data/cycleId").asText()));
            assertThat(overdue.at("/data/escalatedTo").asText()).isEqualTo("office-admin");
            await(() -> tasks("office", "cycleId=kafka-2&type=UserTask_ChaseLateUnits").size() == 1
                    && tasks("office", "cycleId=kafka-2&type=UserTask_ChaseLateUnits").get(0).at("/chase/unitCount").asInt() == 2,
                    "the office's one chase of Q1, listing both units");
            JsonNode chase = tasks("office", "cycleId=kafka-2&type=UserTask_ChaseLateUnits").get(0);
            assertThat(chase.at("/period").asText()).isEqualTo("Q1");
            assertThat(chase.at("/chase/kind").asText()).isEqualTo("LATE_SUBMISSION");
            JsonNode units = get("/api/workflow/tasks/" + chase.at("/id").asText(), "office").at("/task/chase/units");
            assertThat(units).hasSize(2);
            assertThat(units.get(0).at("/missed").asText()).isEqualTo("UserTask_SubmitSelfAssessment");
            assertThat(units.get(0).at("/dueAt").asText()).isNotBlank();
            assertThat(call(HttpMethod.GET, "/api/workflow/tasks/" + chase.at("/id").asText(), "reporter.sjw", null)
                    .getStatusCode()).as("the office's chase, not the unit's").isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(tasks("reporter.sjw", "cycleId=kafka-2&period=Q1&overdue=true")).hasSize(1);

            // Q2 opens: the submission kept since the start is taken, and Q2's review begins.
            await(() -> tasks("reviewer.fpymj", "cycleId=kafka-2&period=Q2").size() == 1, "Q2's review");
            assertThat(tasks("reporter.sjw", "cycleId=kafka-2&period=Q2")).isEmpty();
            assertThat(db.sql("select count(*) from pending_event where event_id = ?").param(early.id())
                    .query(Long.class).single()).isZero();
        }
    }

    @Test
    void theLeaderApprovesPerCategoryNeverTheirOwnProposalAndReturnsAUnitWhichComesBackThenResultsAndRectification()
            throws Exception {
        String cycle = "kafka-3";
        openCycle(cycle, "P365D");
        await(() -> tasks("reporter.sjw", "cycleId=" + cycle).size() == 1, "the units' assessments");
        // Test set-up only: skip the year (the units' assessments) and wait for the proposal.
        String pid = runtime.createProcessInstanceQuery().processDefinitionKey(Bpmn.Process.ANNUAL_CYCLE)
                .processInstanceBusinessKey(cycle).singleResult().getId();
        runtime.createProcessInstanceModification(pid).cancelAllForActivity(Bpmn.Element.CALL_UNIT_ASSESSMENT + "#multiInstanceBody")
                .startBeforeActivity(Bpmn.Task.PROPOSE_GRADES).execute();
        await(() -> tasks("office", "cycleId=" + cycle + "&type=UserTask_ProposeGrades").size() == 1, "the proposal task");

        try (KafkaConsumer<String, String> workflowEvents = consumer(Topics.WORKFLOW);
             KafkaConsumer<String, String> commands = consumer(Topics.SCORING_COMMANDS)) {
            scores(cycle, "bz-sjw", "party-dept", "49.00", "48.70");
            scores(cycle, "bz-zjfy", "court", "47.00", "38.00");
            // Someone holding both roles proposed: they may not approve.
            propose(cycle, "p-1", "leader", "好", NONE, "一般", WRITTEN_EXPLANATION);
            await(() -> tasks("leader", "cycleId=" + cycle + "&type=UserTask_ApproveGrades").size() == 2,
                    "one approval per category");
            String partyDept = approval(cycle, "party-dept");
            long auditedBefore = audited();
            ResponseEntity<JsonNode> ownProposal = call(HttpMethod.POST, "/api/workflow/tasks/" + partyDept + "/complete",
                    "leader", Map.of("approve", List.of("bz-sjw")));
            assertThat(ownProposal.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(ownProposal.getBody().get("code").asText()).isEqualTo("workflow.approval.four-eyes");
            assertThat(audited()).isEqualTo(auditedBefore + 1);

            // The office proposes again: the leader decides on that proposal.
            propose(cycle, "p-2", "office", "好", NONE, "一般", WRITTEN_EXPLANATION);
            await(() -> "p-2".equals(runtime.getVariable(pid, Bpmn.Var.PROPOSAL_ID)), "the new proposal");
            JsonNode court = get("/api/workflow/cycles/" + cycle + "/proposal/categories/court", "leader");
            assertThat(court.at("/proposal/proposalId").asText()).isEqualTo("p-2");
            assertThat(court.at("/proposal/units/0/gap").decimalValue()).isEqualByComparingTo("9.00");
            assertThat(court.at("/proposal/distribution/一般").asInt()).isEqualTo(1);
            assertThat(court.get("pendingUnits").toString()).contains("bz-zjfy");

            ResponseEntity<JsonNode> approval = call(HttpMethod.POST, "/api/workflow/tasks/" + partyDept + "/complete",
                    "leader", Map.of("approve", List.of("bz-sjw")));
            assertThat(approval.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(approval.getBody().at("/units/0/unitCode").asText()).isEqualTo("bz-sjw");
            assertThat(approval.getBody().at("/units/0/outcome").asText()).isEqualTo("APPROVED");
            JsonNode approved = awaitEvent(workflowEvents, e -> "GradesApproved".equals(e.get("type").asText())
                    && cycle.equals(e.at("/data/cycleId").asText()));
            assertThat(approved.at("/data/proposalId").asText()).isEqualTo("p-2");
            assertThat(approved.at("/data/unitCodes/0").asText()).isEqualTo("bz-sjw");
            assertThat(approved.at("/data/approvedBy").asText()).isEqualTo("leader");

            String courtTask = approval(cycle, "court");
            ResponseEntity<JsonNode> wrong = call(HttpMethod.POST, "/api/workflow/tasks/" + courtTask + "/complete", "leader",
                    Map.of("approve", List.of("bz-sjw")));
            assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            List<String> locations = new ArrayList<>();
            wrong.getBody().get("errors").forEach(e -> locations.add(e.get("location").asText()));
            assertThat(locations).containsExactlyInAnyOrder("approve[0]", "approve");

            // Returned to scoring: the unit's assessment runs again from there and asks for its scores.
            JsonNode returned = call(HttpMethod.POST, "/api/workflow/tasks/" + courtTask + "/complete", "leader",
                    Map.of("approve", List.of(), "returns", List.of(Map.of("unitCode", "bz-zjfy",
                            "reason", "审核分与自评分差距过大，请复核后重新计分", "returnTo", "SCORING")))).getBody();
            assertThat(returned.at("/units/0/outcome").asText()).isEqualTo("RETURNED");
            assertThat(returned.at("/units/0/returnTo").asText()).isEqualTo("SCORING");
            JsonNode compute = awaitEvent(commands, e -> "ComputeScores".equals(e.get("type").asText())
                    && cycle.equals(e.at("/data/cycleId").asText()));
            assertThat(compute.at("/data/unitCodes/0").asText()).isEqualTo("bz-zjfy");
            assertThat(compute.at("/data/reason").asText()).contains("SCORING");
            scores(cycle, "bz-zjfy", "court", "47.00", "40.00");
            await(() -> tasks("office", "cycleId=" + cycle + "&type=UserTask_ReproposeGrades").size() == 1,
                    "the office's new proposal task");
            JsonNode repropose = get("/api/workflow/tasks/" + tasks("office", "cycleId=" + cycle
                    + "&type=UserTask_ReproposeGrades").get(0).get("id").asText(), "office");
            assertThat(repropose.at("/context/returns/0/unitCode").asText()).isEqualTo("bz-zjfy");
            assertThat(repropose.at("/context/returns/0/returnTo").asText()).isEqualTo("SCORING");
            assertThat(repropose.at("/context/returns/0/reason").asText()).isEqualTo("审核分与自评分差距过大，请复核后重新计分");
            propose(cycle, "p-3", "office", "好", NONE, "较差", TALK_AND_REPORT);
            await(() -> tasks("leader", "cycleId=" + cycle + "&type=UserTask_ApproveGrades").size() == 1, "the court's approval again");
            assertThat(call(HttpMethod.POST, "/api/workflow/tasks/" + approval(cycle, "court") + "/complete", "leader",
                    Map.of("approve", List.of("bz-zjfy"))).getStatusCode()).isEqualTo(HttpStatus.OK);

            // The results' publicity period (公示, five working days on this real-time clock) is over: its timer runs now.
            await(() -> publicityTimer(cycle) != null, "the publicity period to start");
            JsonNode inPublicity = get("/api/workflow/cycles/" + cycle, "office");
            assertThat(inPublicity.get("stage").asText()).as("named in the offices' words").isEqualTo("PUBLICITY");
            List<String> deadlines = new ArrayList<>();
            inPublicity.get("calendar").forEach(d -> deadlines.add(d.get("what").asText()));
            assertThat(deadlines).contains("PUBLICITY");
            inPublicity.get("calendar").forEach(d -> {
                if (d.get("what").asText().equals("PUBLICITY")) {
                    assertThat(d.get("dueAt").asText()).isNotBlank();
                    assertThat(java.time.LocalDate.parse(d.get("due").asText())).isAfter(java.time.LocalDate.parse(d.get("opens").asText()));
                }
            });
            management.executeJob(publicityTimer(cycle));
            await(() -> tasks("office", "cycleId=" + cycle + "&type=UserTask_PublishResults").size() == 1, "publication");
            String publish = tasks("office", "cycleId=" + cycle + "&type=UserTask_PublishResults").get(0).get("id").asText();
            assertThat(call(HttpMethod.POST, "/api/workflow/tasks/" + publish + "/complete", "office",
                    Map.of("noticeTitle", "关于2015年度考核结果的通报")).getStatusCode()).isEqualTo(HttpStatus.OK);
            JsonNode published = awaitEvent(workflowEvents, e -> "CyclePublished".equals(e.get("type").asText())
                    && cycle.equals(e.at("/data/cycleId").asText()));
            assertThat(published.at("/data/proposalId").asText()).isEqualTo("p-3");
            // 较差: the rectification is announced to whoever follows rectifications …
            JsonNode opened = awaitEvent(workflowEvents, e -> "RectificationOpened".equals(e.get("type").asText())
                    && cycle.equals(e.at("/data/cycleId").asText()));
            assertThat(opened.at("/data/unitCode").asText()).isEqualTo("bz-zjfy");
            assertThat(opened.at("/data/kind").asText()).isEqualTo("TALK_AND_REPORT");
            // … but workflow started it itself, in the step that published it, and does not consume its own event.
            assertThat(tasks("office", "cycleId=" + cycle + "&type=UserTask_HoldTalk")).hasSize(1);
            assertThat(processed(opened.get("id").asText())).isZero();
        }
        // 较差: the rectification opens once, with a talk for the office.
        await(() -> tasks("office", "cycleId=" + cycle + "&type=UserTask_HoldTalk").size() == 1, "the talk (约谈)");
        JsonNode rectifications = get("/api/workflow/rectifications?cycleId=" + cycle, "reporter.zjfy");
        assertThat(rectifications).singleElement().satisfies(r -> {
            assertThat(r.get("kind").asText()).isEqualTo("TALK_AND_REPORT");
            assertThat(r.get("grade").asText()).isEqualTo("较差");
            assertThat(r.get("status").asText()).isEqualTo("OPEN");
        });
        assertThat(get("/api/workflow/rectifications?cycleId=" + cycle, "reporter.sjw")).isEmpty();
    }

    private long processed(String eventId) {
        return db.sql("select count(*) from processed_event where event_id = ?").param(eventId).query(Long.class).single();
    }

    private static SelfAssessmentSubmitted submission(String cycle, String period, int version) {
        return new SelfAssessmentSubmitted("sub-" + cycle + "-" + period, version, cycle, "bz-sjw", period, "v",
                "reporter.sjw", "head.sjw", Instant.now(), false, List.of());
    }

    private void scores(String cycle, String unit, String category, String self, String reviewed) {
        send("/scoring-service", ScoresComputed.TYPE, "cycles/" + cycle + "/units/" + unit + "/scores", cycle, unit,
                new ScoresComputed(cycle, unit, category, ScoresComputed.Trigger.FULL_RECOMPUTE, new BigDecimal("50.00"),
                        new BigDecimal(self), new BigDecimal(reviewed), null, 3, 3, List.of(), Instant.now()));
    }

    private void propose(String cycle, String proposalId, String by, String sjwGrade, GradeConsequence sjwConsequence,
                         String zjfyGrade, GradeConsequence zjfyConsequence) {
        send("/scoring-service", GradesProposed.TYPE, "cycles/" + cycle + "/grades/" + proposalId, cycle, null,
                new GradesProposed(cycle, proposalId, List.of(
                        new GradesProposed.UnitGrade("bz-sjw", "市纪委（监察局）", "party-dept", new BigDecimal("48.70"),
                                new BigDecimal("50.00"), new BigDecimal("97.40"), 1, sjwGrade, sjwGrade, null,
                                sjwConsequence),
                        new GradesProposed.UnitGrade("bz-zjfy", "市中级法院", "court", new BigDecimal("38.00"),
                                new BigDecimal("50.00"), new BigDecimal("76.00"), 1, zjfyGrade, zjfyGrade, null,
                                zjfyConsequence)),
                        by, Instant.now()));
    }

    private String approval(String cycle, String category) {
        await(() -> !tasks("leader", "cycleId=" + cycle + "&type=UserTask_ApproveGrades").stream()
                .filter(t -> category.equals(t.get("category").asText())).toList().isEmpty(), "the approval of " + category);
        return tasks("leader", "cycleId=" + cycle + "&type=UserTask_ApproveGrades").stream()
                .filter(t -> category.equals(t.get("category").asText())).findFirst().orElseThrow().get("id").asText();
    }
}
