package io.kaohe.workflow.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.contracts.events.SelfAssessmentSubmitted;
import io.kaohe.workflow.WorkflowIntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The inbox with real tokens of the realm's demo users: visibility per role and unit, and what people do with tasks. */
class InboxIT extends WorkflowIntegrationTest {

    private static final String SUBMIT = "UserTask_SubmitSelfAssessment";
    private static final String REVIEW = "UserTask_ReviewSelfAssessment";

    @Test
    void everyoneSeesTheTasksOfTheirOwnScopeOnlyAndAnotherUnitsTaskDoesNotExistForThem() {
        String cycle = started("see-1");
        List<JsonNode> sjw = tasks("reporter.sjw", "cycleId=" + cycle);
        assertThat(sjw).singleElement().satisfies(t -> {
            assertThat(t.get("type").asText()).isEqualTo(SUBMIT);
            assertThat(t.get("unitCode").asText()).isEqualTo("bz-sjw");
            assertThat(t.get("unitName").asText()).isEqualTo("市纪委（监察局）");
            assertThat(t.get("period").asText()).isEqualTo("Q1");
            assertThat(t.get("completedByEvent").asBoolean()).isTrue();
        });
        assertThat(tasks("head.sjw", "cycleId=" + cycle)).hasSize(1);
        assertThat(tasks("reporter.zjfy", "cycleId=" + cycle)).singleElement()
                .satisfies(t -> assertThat(t.get("unitCode").asText()).isEqualTo("bz-zjfy"));
        assertThat(tasks("reviewer.fpymj", "cycleId=" + cycle)).isEmpty();
        assertThat(tasks("leader", "cycleId=" + cycle)).isEmpty();
        assertThat(tasks("office", "cycleId=" + cycle)).isEmpty();

        // Filters: by unit, type, period; an inspector of both units sees neither self-check.
        assertThat(tasks("reporter.sjw", "cycleId=" + cycle + "&unitCode=bz-zjfy")).isEmpty();
        assertThat(tasks("reporter.sjw", "cycleId=" + cycle + "&type=" + REVIEW)).isEmpty();
        assertThat(tasks("reporter.sjw", "cycleId=" + cycle + "&period=Q1")).hasSize(1);
        assertThat(tasks("reporter.sjw", "cycleId=" + cycle + "&overdue=true")).isEmpty();
        assertThat(tasks("reporter.sjw", "cycleId=" + cycle + "&dueBefore=2099-01-01T00:00:00Z")).hasSize(1);
        assertThat(tasks("inspector.1", "cycleId=" + cycle)).isEmpty();

        JsonNode counts = get("/api/workflow/tasks/counts?cycleId=" + cycle, "reporter.sjw");
        assertThat(counts).singleElement().satisfies(c -> {
            assertThat(c.get("type").asText()).isEqualTo(SUBMIT);
            assertThat(c.get("open").asLong()).isEqualTo(1);
            assertThat(c.get("overdue").asLong()).isZero();
        });

        String zjfyTask = tasks("reporter.zjfy", "cycleId=" + cycle).get(0).get("id").asText();
        long auditedBefore = audited();
        for (String path : List.of("/api/workflow/tasks/" + zjfyTask, "/api/workflow/tasks/" + zjfyTask + "/history")) {
            ResponseEntity<JsonNode> refused = call(HttpMethod.GET, path, "reporter.sjw", null);
            assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(refused.getBody().get("code").asText()).isEqualTo("workflow.task.unknown");
        }
        assertThat(call(HttpMethod.POST, "/api/workflow/tasks/" + zjfyTask + "/claim", "reporter.sjw", null)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(audited()).isEqualTo(auditedBefore + 3);
        assertThat(call(HttpMethod.GET, "/api/workflow/tasks/no-such-task", "reporter.sjw", null).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aSelfCheckEndsWithTheSignOffNotInTheInbox() {
        String cycle = started("event-1");
        String task = tasks("head.sjw", "cycleId=" + cycle).get(0).get("id").asText();
        ResponseEntity<JsonNode> refused = call(HttpMethod.POST, "/api/workflow/tasks/" + task + "/complete", "head.sjw",
                Map.of());
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getBody().get("code").asText()).isEqualTo("workflow.task.completed-by-event");
        assertThat(refused.getBody().get("detail").asText()).contains("签发");
    }

    @Test
    void aTaskAColleagueHoldsCannotBeClaimedOrCompletedAndItsHistorySaysWhoDidWhat() {
        String cycle = reviewing("claim-1");
        String task = reviewTask(cycle, "reviewer.fpymj");
        assertThat(call(HttpMethod.POST, "/api/workflow/tasks/" + task + "/claim", "reviewer.fpymj", null).getBody()
                .get("assignee").asText()).isEqualTo("reviewer.fpymj");
        // Another dept-reviewer of the same department would be refused with 409; one of another department does not see it.
        ResponseEntity<JsonNode> other = call(HttpMethod.POST, "/api/workflow/tasks/" + task + "/claim", "reviewer.swzzb", null);
        assertThat(other.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        // The office hands over what reviewer.fpymj holds; then reviewer.fpymj holds nothing it could complete.
        JsonNode handover = call(HttpMethod.POST, "/api/workflow/handovers", "office",
                Map.of("from", "reviewer.fpymj", "to", "reviewer2.fpymj")).getBody();
        assertThat(handover.get("taskIds").toString()).contains(task);
        ResponseEntity<JsonNode> held = call(HttpMethod.POST, "/api/workflow/tasks/" + task + "/complete", "reviewer.fpymj",
                Map.of("outcome", "ACCEPTED"));
        assertThat(held.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(held.getBody().get("code").asText()).isEqualTo("workflow.task.held-by-other");
        assertThat(held.getBody().get("detail").asText()).contains("reviewer2.fpymj");
        assertThat(call(HttpMethod.POST, "/api/workflow/tasks/" + task + "/claim", "reviewer.fpymj", null).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(call(HttpMethod.POST, "/api/workflow/tasks/" + task + "/unclaim", "reviewer.fpymj", null).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);

        // Back to the group (hand-over to nobody), then reviewer.fpymj completes it.
        call(HttpMethod.POST, "/api/workflow/handovers", "office", Map.of("from", "reviewer2.fpymj"));
        assertThat(get("/api/workflow/tasks/" + task, "reviewer.fpymj").at("/task/assignee").isNull()).isTrue();
        assertThat(call(HttpMethod.POST, "/api/workflow/tasks/" + task + "/comments", "reviewer.fpymj",
                Map.of("body", "佐证材料齐全")).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        ResponseEntity<JsonNode> done = call(HttpMethod.POST, "/api/workflow/tasks/" + task + "/complete", "reviewer.fpymj",
                Map.of("outcome", "ACCEPTED", "comment", "同意"));
        assertThat(done.getStatusCode()).isEqualTo(HttpStatus.OK);

        List<String> history = new ArrayList<>();
        get("/api/workflow/tasks/" + task + "/history", "reviewer.fpymj")
                .forEach(e -> history.add(e.get("action").asText() + " " + e.get("actor").asText()));
        assertThat(history).containsSubsequence("CREATED workflow", "CLAIMED reviewer.fpymj",
                "HANDED_OVER office", "HANDED_OVER office", "COMMENTED reviewer.fpymj", "COMPLETED reviewer.fpymj");
        assertThat(history).anyMatch(h -> h.startsWith("ENDED"));
        assertThat(get("/api/workflow/tasks/" + task + "/comments", "reviewer.fpymj").get(0).get("body").asText())
                .isEqualTo("佐证材料齐全");
    }

    @Test
    void anInvalidFormIsRefusedWithEveryFieldLocatedAndADraftKeepsWhatWasTyped() {
        String cycle = reviewing("form-1");
        String task = reviewTask(cycle, "reviewer.fpymj");

        ResponseEntity<JsonNode> noComment = call(HttpMethod.POST, "/api/workflow/tasks/" + task + "/complete",
                "reviewer.fpymj", Map.of("outcome", "RETURNED"));
        assertThat(noComment.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noComment.getBody().get("code").asText()).isEqualTo("workflow.task.form-invalid");
        assertThat(noComment.getBody().at("/errors/0/location").asText()).isEqualTo("comment");
        assertThat(noComment.getBody().at("/errors/0/message").asText()).contains("退回");

        HttpHeaders english = new HttpHeaders();
        english.setBearerAuth(token("reviewer.fpymj"));
        english.set(HttpHeaders.ACCEPT_LANGUAGE, "en");
        english.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
        JsonNode unknown = http.exchange("/api/workflow/tasks/" + task + "/complete", HttpMethod.POST,
                new HttpEntity<>(Map.of("outcome", "MAYBE"), english), JsonNode.class).getBody();
        assertThat(unknown.at("/errors/0/location").asText()).isEqualTo("outcome");
        assertThat(unknown.get("detail").asText()).contains("invalid");

        JsonNode draft = call(HttpMethod.PUT, "/api/workflow/tasks/" + task + "/draft", "reviewer.fpymj",
                Map.of("outcome", "RETURNED", "comment", "请补充会议")).getBody();
        assertThat(draft.get("savedBy").asText()).isEqualTo("reviewer.fpymj");
        JsonNode detail = get("/api/workflow/tasks/" + task, "reviewer.fpymj");
        assertThat(detail.at("/draft/comment").asText()).isEqualTo("请补充会议");
        assertThat(detail.at("/task/hasDraft").asBoolean()).isTrue();
        assertThat(detail.at("/task/form").asText()).isEqualTo("ReviewForm");

        assertThat(call(HttpMethod.POST, "/api/workflow/tasks/" + task + "/complete", "reviewer.fpymj",
                Map.of("outcome", "RETURNED", "comment", "请补充会议记录")).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(db.sql("select count(*) from task_draft where task_id = ?").param(task).query(Long.class).single()).isZero();
        // Returned: the unit gets a correction task with the reviewer's comment.
        await(() -> tasks("reporter.sjw", "cycleId=" + cycle + "&type=UserTask_ReviseSelfAssessment").size() == 1,
                "the unit's correction task");
        String revise = tasks("reporter.sjw", "cycleId=" + cycle + "&type=UserTask_ReviseSelfAssessment").get(0)
                .get("id").asText();
        assertThat(get("/api/workflow/tasks/" + revise, "reporter.sjw").at("/context/reviewComment").asText())
                .isEqualTo("请补充会议记录");
    }

    @Test
    void aDelegatedTaskIsTheColleaguesAndTheOwnerNoLongerCompletesIt() {
        String cycle = reviewing("delegate-1");
        String task = reviewTask(cycle, "reviewer.swzzb");
        // A colleague of the same department who signed in before (the demo realm has one reviewer per department).
        db.sql("insert into task_person (username, groups) values ('reviewer2.swzzb', ?) on conflict do nothing")
                .param(new String[] {io.kaohe.workflow.process.TaskGroups.departmentReviewer(SWZZB)}).update();
        JsonNode delegated = call(HttpMethod.POST, "/api/workflow/tasks/" + task + "/delegate", "reviewer.swzzb",
                Map.of("userId", "reviewer2.swzzb")).getBody();
        assertThat(delegated.get("assignee").asText()).isEqualTo("reviewer2.swzzb");
        assertThat(delegated.get("owner").asText()).isEqualTo("reviewer.swzzb");
        assertThat(call(HttpMethod.POST, "/api/workflow/tasks/" + task + "/complete", "reviewer.swzzb",
                Map.of("outcome", "ACCEPTED")).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(tasks("reviewer.swzzb", "cycleId=" + cycle + "&assigned=me")).isEmpty();
        assertThat(tasks("reviewer.swzzb", "cycleId=" + cycle + "&assigned=unassigned")).isEmpty();
    }

    @Test
    void aTaskIsDelegatedOnlyToACandidateForItNeverToAnotherUnitsUserOrANameNobodyHas() {
        String cycle = started("delegate-2");
        String task = tasks("reporter.sjw", "cycleId=" + cycle).get(0).get("id").asText();
        tasks("reporter.zjfy", "cycleId=" + cycle); // known to workflow, but of another unit
        tasks("reviewer.swzzb", "cycleId=" + cycle); // known, a reviewer, not the unit's reporter
        long refusalsBefore = audited();

        ResponseEntity<JsonNode> otherUnit = call(HttpMethod.POST, "/api/workflow/tasks/" + task + "/delegate",
                "reporter.sjw", Map.of("userId", "reporter.zjfy"));
        assertThat(otherUnit.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(otherUnit.getBody().get("code").asText()).isEqualTo("workflow.task.delegate-not-candidate");
        assertThat(otherUnit.getBody().get("detail").asText()).contains("reporter.zjfy");
        assertThat(call(HttpMethod.POST, "/api/workflow/tasks/" + task + "/delegate", "reporter.sjw",
                Map.of("userId", "reviewer.swzzb")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<JsonNode> nobody = call(HttpMethod.POST, "/api/workflow/tasks/" + task + "/delegate",
                "reporter.sjw", Map.of("userId", "no-such-person"));
        assertThat(nobody.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(nobody.getBody().get("code").asText()).isEqualTo("workflow.task.delegate-unknown");
        assertThat(audited()).isEqualTo(refusalsBefore + 2);

        // Nothing changed: the unit still has its task, unassigned.
        JsonNode still = call(HttpMethod.GET, "/api/workflow/tasks/" + task, "reporter.sjw", null).getBody();
        assertThat(still.at("/task/assignee").isNull() || still.at("/task/assignee").isMissingNode()).isTrue();
        assertThat(tasks("reporter.zjfy", "cycleId=" + cycle + "&unitCode=bz-sjw")).isEmpty();

        // What workflow knows of a person is what their token said at their latest call.
        assertThat(db.sql("select array_to_string(groups, ',') from task_person where username = 'reporter.zjfy'")
                .query(String.class).single()).isEqualTo(io.kaohe.workflow.process.TaskGroups.unitReporter("bz-zjfy"));
    }

    @Test
    void bulkCompletionSaysPerTaskWhatHappened() {
        String cycle = reviewing("bulk-1");
        String mine = reviewTask(cycle, "reviewer.fpymj");
        String theirs = reviewTask(cycle, "reviewer.swzzb");
        String zjfy = tasks("reporter.zjfy", "cycleId=" + cycle).get(0).get("id").asText();
        JsonNode results = call(HttpMethod.POST, "/api/workflow/tasks/bulk-complete", "reviewer.fpymj", Map.of("items", List.of(
                Map.of("taskId", mine, "form", Map.of("outcome", "ACCEPTED")),
                Map.of("taskId", theirs, "form", Map.of("outcome", "ACCEPTED")),
                Map.of("taskId", zjfy, "form", Map.of("outcome", "ACCEPTED")),
                Map.of("taskId", mine, "form", Map.of("outcome", "ACCEPTED"))))).getBody();
        List<String> outcomes = new ArrayList<>();
        results.forEach(r -> outcomes.add(r.get("status").asInt() + " " + r.get("code").asText()));
        assertThat(outcomes).containsExactly("200 workflow.task.completed", "404 workflow.task.unknown",
                "404 workflow.task.unknown", "404 workflow.task.unknown");
        assertThat(tasks("reviewer.swzzb", "cycleId=" + cycle)).hasSize(1);
    }

    @Test
    void thePersonsDoneListHoldsWhatTheyCompletedNewestFirstAndNothingOfAnyoneElse() {
        String first = reviewing("done-1");
        String second = reviewing("done-2");
        String earlier = reviewTask(first, "reviewer.fpymj");
        String later = reviewTask(second, "reviewer.fpymj");
        for (String task : List.of(earlier, later)) {
            assertThat(call(HttpMethod.POST, "/api/workflow/tasks/" + task + "/complete", "reviewer.fpymj",
                    Map.of("outcome", "ACCEPTED")).getStatusCode()).isEqualTo(HttpStatus.OK);
        }

        JsonNode mine = get("/api/workflow/tasks/done?cycleId=" + first, "reviewer.fpymj");
        assertThat(mine.get("total").asLong()).isEqualTo(1);
        assertThat(mine.get("tasks")).singleElement().satisfies(t -> {
            assertThat(t.get("id").asText()).isEqualTo(earlier);
            assertThat(t.get("type").asText()).isEqualTo(REVIEW);
            assertThat(t.get("cycleId").asText()).isEqualTo(first);
            assertThat(t.get("unitCode").asText()).isEqualTo("bz-sjw");
            assertThat(t.get("unitName").asText()).isEqualTo("市纪委（监察局）");
            assertThat(t.get("period").asText()).isEqualTo("Q1");
            assertThat(t.get("completed").isNull()).isFalse();
            assertThat(t.get("onTime").asBoolean()).isTrue();
        });
        // The other department's reviewer completed nothing; the unit's own people did not complete the review.
        for (String other : List.of("reviewer.swzzb", "reporter.sjw", "office")) {
            assertThat(get("/api/workflow/tasks/done?cycleId=" + first, other).get("total").asLong()).isZero();
        }
        // The other department's still open review is not done for anyone.
        assertThat(tasks("reviewer.swzzb", "cycleId=" + first)).hasSize(1);

        // Paging, newest first, over all the person's completions.
        JsonNode all = get("/api/workflow/tasks/done?size=500", "reviewer.fpymj");
        long total = all.get("total").asLong();
        assertThat(total).isGreaterThanOrEqualTo(2).isEqualTo(all.get("tasks").size());
        List<String> ids = new ArrayList<>();
        all.get("tasks").forEach(t -> ids.add(t.get("id").asText()));
        assertThat(ids).containsSubsequence(later, earlier);
        JsonNode page0 = get("/api/workflow/tasks/done?size=1&page=0", "reviewer.fpymj");
        JsonNode page1 = get("/api/workflow/tasks/done?size=1&page=1", "reviewer.fpymj");
        assertThat(page0.get("total").asLong()).isEqualTo(total);
        assertThat(page0.get("tasks")).hasSize(1);
        assertThat(page0.at("/tasks/0/id").asText()).isEqualTo(ids.get(0));
        assertThat(page1.at("/tasks/0/id").asText()).isEqualTo(ids.get(1));
        assertThat(ids.get(0)).isEqualTo(later);

        ResponseEntity<JsonNode> badPage = call(HttpMethod.GET, "/api/workflow/tasks/done?size=0", "reviewer.fpymj", null);
        assertThat(badPage.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badPage.getBody().get("code").asText()).isEqualTo("workflow.inbox.page");
    }

    /** A cycle whose year runs in real time from now: only the first self-checks open at once. */
    private String started(String cycleId) {
        assertThat(openCycle(cycleId, "P365D").getStatusCode()).isEqualTo(HttpStatus.CREATED);
        await(() -> tasks("reporter.sjw", "cycleId=" + cycleId).size() == 1
                && tasks("reporter.zjfy", "cycleId=" + cycleId).size() == 1, "the first self-checks");
        return cycleId;
    }

    /** bz-sjw signed off Q1: its two departments review. */
    private String reviewing(String cycleId) {
        started(cycleId);
        send("/evidence-service", SelfAssessmentSubmitted.TYPE, "submissions/x", cycleId, "bz-sjw",
                new SelfAssessmentSubmitted("sub-" + cycleId, 1, cycleId, "bz-sjw", "Q1", "v", "reporter.sjw", "head.sjw",
                        Instant.now(), false, List.of()));
        await(() -> tasks("reviewer.fpymj", "cycleId=" + cycleId).size() == 1
                && tasks("reviewer.swzzb", "cycleId=" + cycleId).size() == 1, "the departments' reviews");
        return cycleId;
    }

    private String reviewTask(String cycleId, String reviewer) {
        return tasks(reviewer, "cycleId=" + cycleId + "&type=" + REVIEW).get(0).get("id").asText();
    }
}
