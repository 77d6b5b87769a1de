package io.kaohe.workflow.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.workflow.WorkflowIntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The inbox list's own statement (OpenTaskPage): whose tasks it lists, each filter, the order and the pages, as
 * Camunda's TaskQuery answered them before (taskCandidateGroupIn + includeAssignedTasks). The tasks are standalone
 * engine tasks of a cycle of the test's own, with the task-local attributes process tasks carry, so every case sets
 * exactly the due dates, creation times, groups and assignees it needs.
 */
class InboxListIT extends WorkflowIntegrationTest {

    private static final String REVIEWERS = "dept-reviewer:" + FPYMJ;
    private static final String REVIEW = "UserTask_ReviewSelfAssessment";
    private static final Duration DAY = Duration.ofDays(1);

    @Autowired
    private TaskService engine;

    private final String cycle = "list-" + UUID.randomUUID();
    private final Instant now = Instant.now();
    private final List<String> made = new ArrayList<>();

    @AfterEach
    void removeTheTasks() {
        if (!made.isEmpty()) {
            // A standalone task with a type would have the engine look for its case definition when deleted.
            db.sql("update act_ru_task set task_def_key_ = null where id_ in (:ids)").param("ids", made).update();
        }
        made.forEach(id -> engine.deleteTask(id, true));
    }

    @Test
    void listsTheTasksOfTheCallersGroupsAssignedOrNotAndNoOtherGroupsTaskEvenOneAssignedToTheCaller() {
        task("offered").due(now.plus(DAY)).make();
        task("held by a colleague").due(now.plus(DAY)).assignee("reviewer2.fpymj").make();
        task("held by the caller").due(now.plus(DAY)).assignee("reviewer.fpymj").make();
        task("other department's").group("dept-reviewer:" + SWZZB).due(now.plus(DAY)).make();
        task("other department's, assigned to the caller").group("dept-reviewer:" + SWZZB).due(now.plus(DAY))
                .assignee("reviewer.fpymj").make();
        String participant = task("the caller's group as a participant only").group(null).make();
        engine.addGroupIdentityLink(participant, REVIEWERS, "participant");
        String candidateUser = task("the caller as a candidate user").group(null).make();
        engine.addCandidateUser(candidateUser, "reviewer.fpymj");

        JsonNode page = page("reviewer.fpymj", "");
        assertThat(names(page)).containsExactlyInAnyOrder("offered", "held by a colleague", "held by the caller");
        assertThat(page.get("total").asLong()).isEqualTo(3);
        assertThat(names(page("reviewer.swzzb", ""))).containsExactlyInAnyOrder("other department's",
                "other department's, assigned to the caller");
        assertThat(names(page("reviewer.fpymj", "&assigned=me"))).containsExactly("held by the caller");
        assertThat(names(page("reviewer.fpymj", "&assigned=unassigned"))).containsExactly("offered");
        assertThat(page("reviewer.swzzb", "&assigned=me").get("total").asLong()).isZero();
    }

    @Test
    void aTaskOfferedToTwoOfTheCallersGroupsIsListedAndCountedOnce() {
        // inspector.1 inspects bz-sjw and bz-zjfy: two groups.
        task("both units'").group("inspector:bz-sjw").alsoGroup("inspector:bz-zjfy").make();
        task("one unit's").group("inspector:bz-zjfy").make();

        JsonNode page = page("inspector.1", "");
        assertThat(names(page)).containsExactlyInAnyOrder("both units'", "one unit's");
        assertThat(page.get("total").asLong()).isEqualTo(2);
        assertThat(names(page("inspector.2", ""))).containsExactlyInAnyOrder("both units'", "one unit's");
    }

    @Test
    void theAttributeFiltersAreTheTasksOwnAttributesEachByItsName() {
        task("sjw Q1").unit("bz-sjw").period("Q1").make();
        task("sjw Q2").unit("bz-sjw").period("Q2").make();
        task("zjfy Q1").unit("bz-zjfy").period("Q1").make();
        // The value asked for, but under another attribute's name.
        task("period named like the unit").unit("bz-zjfy").period("bz-sjw").make();
        String otherCycle = "list-other-" + UUID.randomUUID();
        task("sjw Q1 of another cycle").cycle(otherCycle).unit("bz-sjw").period("Q1").make();

        assertThat(names(page("reviewer.fpymj", ""))).hasSize(4);
        assertThat(names(page("reviewer.fpymj", "&unitCode=bz-sjw"))).containsExactlyInAnyOrder("sjw Q1", "sjw Q2");
        assertThat(names(page("reviewer.fpymj", "&period=Q1"))).containsExactlyInAnyOrder("sjw Q1", "zjfy Q1");
        assertThat(names(page("reviewer.fpymj", "&unitCode=bz-sjw&period=Q1"))).containsExactly("sjw Q1");
        assertThat(names(page("reviewer.fpymj", "&unitCode=bz-sjw&period=Q3"))).isEmpty();
        assertThat(names(list("reviewer.fpymj", "cycleId=" + otherCycle + "&unitCode=bz-sjw&period=Q1")))
                .containsExactly("sjw Q1 of another cycle");
        // Without any attribute filter the other cycle's task is listed too.
        assertThat(names(list("reviewer.fpymj", "unitCode=bz-sjw&period=Q1&size=500")))
                .contains("sjw Q1", "sjw Q1 of another cycle");
    }

    @Test
    void theTypeFilterIsTheTasksDefinitionKey() {
        String review = task("a review").make();
        task("no type").make();
        db.sql("update act_ru_task set task_def_key_ = ? where id_ = ?").params(REVIEW, review).update();

        assertThat(names(page("reviewer.fpymj", "&type=" + REVIEW))).containsExactly("a review");
        assertThat(names(page("reviewer.fpymj", "&type=UserTask_SubmitSelfAssessment"))).isEmpty();
    }

    @Test
    void dueBeforeAndOverdueLeaveTasksWithoutADueDateOutExceptNotOverdue() {
        task("overdue by two days").due(now.minus(DAY.multipliedBy(2))).make();
        task("overdue by an hour").due(now.minus(Duration.ofHours(1))).make();
        task("due tomorrow").due(now.plus(DAY)).make();
        task("due in a week").due(now.plus(DAY.multipliedBy(7))).make();
        task("no due date").make();

        assertThat(names(page("reviewer.fpymj", "&overdue=true"))).containsExactly("overdue by two days",
                "overdue by an hour");
        assertThat(names(page("reviewer.fpymj", "&overdue=false"))).containsExactly("due tomorrow", "due in a week",
                "no due date");
        assertThat(names(page("reviewer.fpymj", "&dueBefore=" + now.plus(DAY.multipliedBy(2)))))
                .containsExactly("overdue by two days", "overdue by an hour", "due tomorrow");
        // Overdue with a later limit: overdue only; with an earlier one: the earlier one.
        assertThat(names(page("reviewer.fpymj", "&overdue=true&dueBefore=" + now.plus(DAY.multipliedBy(2)))))
                .containsExactly("overdue by two days", "overdue by an hour");
        assertThat(names(page("reviewer.fpymj", "&overdue=true&dueBefore=" + now.minus(DAY))))
                .containsExactly("overdue by two days");
        // Not overdue but due before a limit: a task without a due date has none before it.
        assertThat(names(page("reviewer.fpymj", "&overdue=false&dueBefore=" + now.plus(DAY.multipliedBy(2)))))
                .containsExactly("due tomorrow");
        assertThat(page("reviewer.fpymj", "&overdue=false").get("total").asLong()).isEqualTo(3);
    }

    @Test
    void byDueDateTasksWithoutOneComeLastAscendingAndFirstDescendingTiesByCreation() {
        Instant due = now.plus(DAY.multipliedBy(3));
        task("due later").due(now.plus(DAY.multipliedBy(5))).created(now.minus(Duration.ofMinutes(50))).make();
        task("no due date, older").created(now.minus(Duration.ofMinutes(40))).make();
        task("due, created later").due(due).created(now.minus(Duration.ofMinutes(10))).make();
        task("due, created earlier").due(due).created(now.minus(Duration.ofMinutes(30))).make();
        task("no due date, newer").created(now.minus(Duration.ofMinutes(5))).make();
        task("due soonest").due(now.plus(DAY)).created(now.minus(Duration.ofMinutes(1))).make();

        assertThat(names(page("reviewer.fpymj", ""))).containsExactly("due soonest", "due, created earlier",
                "due, created later", "due later", "no due date, older", "no due date, newer");
        assertThat(names(page("reviewer.fpymj", "&sort=due&order=desc"))).containsExactly("no due date, newer",
                "no due date, older", "due later", "due, created later", "due, created earlier", "due soonest");
        assertThat(names(page("reviewer.fpymj", "&sort=created"))).containsExactly("due later",
                "no due date, older", "due, created earlier", "due, created later", "no due date, newer",
                "due soonest");
        assertThat(names(page("reviewer.fpymj", "&sort=created&order=desc"))).containsExactly("due soonest",
                "no due date, newer", "due, created later", "due, created earlier", "no due date, older",
                "due later");
    }

    @Test
    void pagesFollowOneAnotherWithTheTotalOnEachAndPastTheLastOne() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String name = "task " + i;
            task(name).due(now.plus(DAY.multipliedBy(i + 1))).make();
            expected.add(name);
        }
        List<String> seen = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            JsonNode one = page("reviewer.fpymj", "&size=3&page=" + page);
            assertThat(one.get("total").asLong()).isEqualTo(7);
            assertThat(one.get("page").asInt()).isEqualTo(page);
            assertThat(one.get("size").asInt()).isEqualTo(3);
            seen.addAll(names(one));
        }
        assertThat(seen).containsExactlyElementsOf(expected);
        JsonNode past = page("reviewer.fpymj", "&size=3&page=5");
        assertThat(past.get("tasks")).isEmpty();
        assertThat(past.get("total").asLong()).isEqualTo(7);
        JsonNode pastFiltered = page("reviewer.fpymj", "&size=3&page=5&overdue=false&dueBefore="
                + now.plus(DAY.multipliedBy(3)).plusSeconds(1));
        assertThat(pastFiltered.get("total").asLong()).isEqualTo(3);
        // A list someone else sees is empty on every page, with nothing to count.
        assertThat(page("reviewer.swzzb", "&size=3&page=1").get("total").asLong()).isZero();
    }

    /** The caller's inbox, this test's cycle only. */
    private JsonNode page(String user, String query) {
        return get("/api/workflow/tasks?cycleId=" + cycle + query, user);
    }

    private JsonNode list(String user, String query) {
        return get("/api/workflow/tasks?" + query, user);
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.get("tasks").forEach(t -> names.add(t.get("name").asText()));
        return names;
    }

    private NewTask task(String name) {
        return new NewTask(name);
    }

    /** A standalone task of this test's cycle, offered to the department reviewers of 市扶贫移民局 unless told. */
    private final class NewTask {
        private final String name;
        private String group = REVIEWERS;
        private String alsoGroup;
        private String taskCycle = cycle;
        private String unit = "bz-sjw";
        private String period = "Q1";
        private Instant due;
        private Instant created;
        private String assignee;

        NewTask(String name) {
            this.name = name;
        }

        NewTask group(String value) {
            group = value;
            return this;
        }

        NewTask alsoGroup(String value) {
            alsoGroup = value;
            return this;
        }

        NewTask cycle(String value) {
            taskCycle = value;
            return this;
        }

        NewTask unit(String value) {
            unit = value;
            return this;
        }

        NewTask period(String value) {
            period = value;
            return this;
        }

        NewTask due(Instant value) {
            due = value;
            return this;
        }

        NewTask created(Instant value) {
            created = value;
            return this;
        }

        NewTask assignee(String value) {
            assignee = value;
            return this;
        }

        String make() {
            Task task = engine.newTask();
            task.setName(name);
            task.setDueDate(due == null ? null : Date.from(due));
            task.setAssignee(assignee);
            engine.saveTask(task);
            made.add(task.getId());
            List<String> groups = new ArrayList<>();
            for (String g : new String[] {group, alsoGroup}) {
                if (g != null) {
                    engine.addCandidateGroup(task.getId(), g);
                    groups.add(g);
                }
            }
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("cycleId", taskCycle);
            attributes.put("unitCode", unit);
            attributes.put("period", period);
            attributes.put("candidateGroups", String.join(",", groups));
            engine.setVariablesLocal(task.getId(), attributes);
            if (created != null) {
                db.sql("update act_ru_task set create_time_ = ? where id_ = ?")
                        .params(Timestamp.from(created), task.getId()).update();
            }
            return task.getId();
        }
    }
}
