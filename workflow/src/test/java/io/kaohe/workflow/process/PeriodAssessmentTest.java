package io.kaohe.workflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaohe.contracts.events.DeadlineApproaching;
import io.kaohe.contracts.events.SubmissionAccepted;
import io.kaohe.contracts.events.SubmissionReturned;
import io.kaohe.contracts.events.TaskCreated;
import io.kaohe.contracts.events.TaskOverdue;
import io.kaohe.contracts.events.TaskReturned;
import io.kaohe.workflow.tasks.ChaseForm;
import io.kaohe.workflow.tasks.ReviewForm;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/** A quarter's self-check and review (period-assessment), on the 2015 calendar. */
class PeriodAssessmentTest extends ProcessTest {

    @Test
    void aSubmissionOnTimeIsReviewedByEveryDepartmentOwningItemsAndEndsTheQuarter() {
        startUnit(SJW);
        Task submit = onlyTask(Bpmn.Task.SUBMIT_SELF_ASSESSMENT, TaskGroups.unitReporter(SJW));
        assertThat(tasks(Bpmn.Task.SUBMIT_SELF_ASSESSMENT, TaskGroups.unitHead(SJW))).hasSize(1);
        assertThat(submit.getDueDate().toInstant()).isEqualTo(LocalDate.of(2015, 4, 1).atStartOfDay(CycleClock.ZONE).toInstant());
        assertThat(engine.getTaskService().getVariableLocal(submit.getId(), Bpmn.Var.PERIOD)).isEqualTo("Q1");

        at(LocalDateTime.of(2015, 3, 10, 9, 0));
        assertThat(submit(SJW, "Q1", 1)).isEqualTo(EventCorrelation.Outcome.CORRELATED);

        assertThat(tasks(Bpmn.Task.SUBMIT_SELF_ASSESSMENT)).isEmpty();
        Task fpymj = onlyTask(Bpmn.Task.REVIEW_SELF_ASSESSMENT, TaskGroups.departmentReviewer(FixedDepartments.FPYMJ));
        Task swzzb = onlyTask(Bpmn.Task.REVIEW_SELF_ASSESSMENT, TaskGroups.departmentReviewer(FixedDepartments.SWZZB));
        assertThat(fpymj.getDueDate().toInstant()).isEqualTo(LocalDateTime.of(2015, 3, 25, 9, 0).atZone(CycleClock.ZONE).toInstant());

        // 市扶贫移民局 accepts its two items in evidence-service, one at a time: its review ends with the second.
        assertThat(accepted(FixedDepartments.FPYMJ, 1, "T.bz-sjw.1")).isEqualTo(EventCorrelation.Outcome.CORRELATED);
        assertThat(tasks(Bpmn.Task.REVIEW_SELF_ASSESSMENT, TaskGroups.departmentReviewer(FixedDepartments.FPYMJ))).hasSize(1);
        accepted(FixedDepartments.FPYMJ, 1, "T.bz-sjw.2");
        assertThat(tasks(Bpmn.Task.REVIEW_SELF_ASSESSMENT, TaskGroups.departmentReviewer(FixedDepartments.FPYMJ))).isEmpty();

        // 市委组织部 completes its review in the inbox.
        complete(swzzb, "reviewer.swzzb", new ReviewForm(ReviewOutcome.ACCEPTED, null));
        assertThat(period(SJW, "Q1")).isNull();
        assertThat(commands.of(TaskOverdue.TYPE)).isEmpty();
        assertThat(commands.of(DeadlineApproaching.TYPE)).isEmpty();
        assertThat(fpymj.getId()).isNotEqualTo(swzzb.getId());
    }

    @Test
    void aLateSubmissionIsRemindedThenMarkedOverdueAndEscalatedToTheOfficeUntilItArrives() {
        startUnit(SJW);
        at(LocalDateTime.of(2015, 3, 25, 9, 0));
        assertThat(commands.of(DeadlineApproaching.TYPE)).singleElement().satisfies(r -> {
            assertThat(r.taskType()).isEqualTo(Bpmn.Task.SUBMIT_SELF_ASSESSMENT);
            assertThat(r.period()).isEqualTo("Q1");
            assertThat(r.assignees()).isEqualTo("unit-reporter:bz-sjw,unit-head:bz-sjw");
        });
        assertThat(commands.of(TaskOverdue.TYPE)).isEmpty();

        at(LocalDateTime.of(2015, 4, 1, 9, 0));
        assertThat(commands.of(TaskOverdue.TYPE)).singleElement().satisfies(o -> {
            assertThat(o.unitCode()).isEqualTo(SJW);
            assertThat(o.escalatedTo()).isEqualTo("office-admin");
            assertThat(o.dueAt()).isEqualTo(LocalDate.of(2015, 4, 1).atStartOfDay(CycleClock.ZONE).toInstant());
        });
        ProcessInstance q1 = period(SJW, "Q1");
        assertThat(variable(q1, Bpmn.Var.LATE)).isEqualTo(true);
        Task chase = onlyTask(Bpmn.Task.CHASE_LATE_UNITS, TaskGroups.OFFICE);
        assertThat(listed(chase)).containsOnlyKeys(SJW);
        assertThat(listed(chase).get(SJW)).containsEntry("missed", Bpmn.Task.SUBMIT_SELF_ASSESSMENT)
                .containsEntry("period", "Q1")
                .containsEntry("dueAt", LocalDate.of(2015, 4, 1).atStartOfDay(CycleClock.ZONE).toInstant().toString());
        assertThat(engine.getTaskService().getVariableLocal(chase.getId(), Bpmn.Var.CHASE_KIND))
                .isEqualTo(Bpmn.ChaseKind.LATE_SUBMISSION);
        assertThat(engine.getTaskService().getVariableLocal(chase.getId(), Bpmn.Var.PERIOD)).isEqualTo("Q1");
        assertThat(tasksIn(Bpmn.Task.SUBMIT_SELF_ASSESSMENT, "Q1")).hasSize(1);

        // The late submission arrives: the unit's task is done with, and the chase of its only unit ends by itself.
        submit(SJW, "Q1", 1);
        assertThat(tasks(Bpmn.Task.CHASE_LATE_UNITS)).isEmpty();
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
                .activityId(Bpmn.Element.ALL_CAUGHT_UP).finished().count()).isEqualTo(1);
        assertThat(tasksIn(Bpmn.Task.SUBMIT_SELF_ASSESSMENT, "Q1")).isEmpty();
        assertThat(tasks(Bpmn.Task.REVIEW_SELF_ASSESSMENT)).hasSize(2);
    }

    @Test
    void anEscalationTheOfficeHandledLeavesTheUnitsTaskOpen() {
        startUnit(SJW);
        at(LocalDateTime.of(2015, 4, 2, 9, 0));
        complete(onlyTask(Bpmn.Task.CHASE_LATE_UNITS, TaskGroups.OFFICE), "office",
                new ChaseForm("已电话督促，单位承诺3日内签发", "办公室主任"));
        assertThat(tasksIn(Bpmn.Task.SUBMIT_SELF_ASSESSMENT, "Q1")).hasSize(1);
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().variableName("chaseNote")
                .singleResult().getValue()).isEqualTo("已电话督促，单位承诺3日内签发");
        // The late submission after the chase: nothing left to chase, the period goes on to the review.
        submit(SJW, "Q1", 1);
        assertThat(tasks(Bpmn.Task.REVIEW_SELF_ASSESSMENT)).hasSize(2);
    }

    @Test
    void theUnitsLateInOnePeriodAreChasedOnceAndOneCatchingUpLeavesTheList() {
        startUnit(SJW);
        startUnit(ZJFY);
        at(LocalDateTime.of(2015, 4, 1, 9, 0));
        assertThat(commands.of(TaskOverdue.TYPE)).extracting(TaskOverdue::unitCode).containsExactlyInAnyOrder(SJW, ZJFY);
        Task chase = onlyTask(Bpmn.Task.CHASE_LATE_UNITS, TaskGroups.OFFICE);
        assertThat(listed(chase)).containsOnlyKeys(SJW, ZJFY);
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(Bpmn.Process.CHASE)
                .processInstanceBusinessKey(Bpmn.Process.chaseKey(CYCLE, "Q1", Bpmn.ChaseKind.LATE_SUBMISSION)).count())
                .isEqualTo(1);
        assertThat(commands.of(TaskCreated.TYPE)).filteredOn(c -> c.taskType().equals(Bpmn.Task.CHASE_LATE_UNITS))
                .singleElement().satisfies(c -> {
                    assertThat(c.cycleId()).isEqualTo(CYCLE);
                    assertThat(c.period()).isEqualTo("Q1");
                    assertThat(c.candidateGroups()).containsExactly(TaskGroups.OFFICE);
                });

        // 市纪委 submits: off the list, the same task still chases 市中级法院.
        submit(SJW, "Q1", 1);
        assertThat(onlyTask(Bpmn.Task.CHASE_LATE_UNITS, TaskGroups.OFFICE).getId()).isEqualTo(chase.getId());
        assertThat(listed(chase)).containsOnlyKeys(ZJFY);

        // The office records its chase once: for every unit still listed.
        at(LocalDateTime.of(2015, 4, 2, 10, 0));
        complete(chase, "office", new ChaseForm("已电话督促，单位承诺3日内签发", "办公室主任"));
        assertThat(tasks(Bpmn.Task.CHASE_LATE_UNITS)).isEmpty();
        @SuppressWarnings("unchecked")
        List<java.util.Map<String, String>> chased = (List<java.util.Map<String, String>>) engine.getHistoryService()
                .createHistoricVariableInstanceQuery().taskIdIn(chase.getId()).variableName(Bpmn.Var.CHASED_UNITS)
                .singleResult().getValue();
        assertThat(chased).singleElement().satisfies(u -> {
            assertThat(u.get("unitCode")).isEqualTo(ZJFY);
            assertThat(u.get("missed")).isEqualTo(Bpmn.Task.SUBMIT_SELF_ASSESSMENT);
        });
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().taskIdIn(chase.getId())
                .variableName("chasedBy").singleResult().getValue()).isEqualTo("office");
        assertThat(tasksIn(Bpmn.Task.SUBMIT_SELF_ASSESSMENT, "Q1")).as("市中级法院 still owes its Q1").hasSize(1);

        // A unit going late after the chase was recorded starts a new chase of that period.
        at(LocalDateTime.of(2015, 4, 3, 9, 0));
        String swb = "bz-swb";
        startUnit(swb);
        Task again = onlyTask(Bpmn.Task.CHASE_LATE_UNITS, TaskGroups.OFFICE);
        assertThat(again.getId()).isNotEqualTo(chase.getId());
        assertThat(listed(again)).containsOnlyKeys(swb);
    }

    @Test
    void aPeriodRunningOnTheModelsEarlierVersionKeepsItsOneChasePerUnitAndCompletesItWithTheChaseForm() {
        for (String type : Bpmn.RetiredTask.ALL) {
            assertThat(io.kaohe.workflow.tasks.TaskForms.formOf(type)).as(type).contains(ChaseForm.class);
        }
        assertThat(Bpmn.Task.ALL).doesNotContainAnyElementsOf(Bpmn.RetiredTask.ALL);
        // The period-assessment of before the chases aggregate (one office task per late unit), deployed last:
        // the unit's year calls it, as a year started before the upgrade does.
        String previous = engine.getRepositoryService().createDeployment().name("before the chases aggregate")
                .addClasspathResource("bpmn-previous/period-assessment-one-chase-per-unit.bpmn").deploy().getId();
        try {
            startUnit(SJW);
            at(LocalDateTime.of(2015, 4, 1, 9, 0));
            Task chase = onlyTask(Bpmn.RetiredTask.CHASE_LATE_SUBMISSION, TaskGroups.OFFICE);
            assertThat(engine.getTaskService().getVariableLocal(chase.getId(), Bpmn.Var.UNIT_CODE)).isEqualTo(SJW);
            assertThat(tasks(Bpmn.Task.CHASE_LATE_UNITS)).isEmpty();
            complete(chase, "office", new ChaseForm("已电话督促", "办公室主任"));
            assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().taskIdIn(chase.getId())
                    .variableName("chaseNote").singleResult().getValue()).isEqualTo("已电话督促");
            assertThat(tasksIn(Bpmn.Task.SUBMIT_SELF_ASSESSMENT, "Q1")).hasSize(1);
        } finally {
            engine.getRepositoryService().deleteDeployment(previous, true);
        }
    }

    @Test
    void aReturnLoopsBackToTheUnitWithFreshDeadlinesAndTheDepartmentReviewsTheCorrection() {
        startUnit(SJW);
        at(LocalDateTime.of(2015, 3, 20, 9, 0));
        submit(SJW, "Q1", 1);
        at(LocalDateTime.of(2015, 4, 3, 9, 0));
        assertThat(returned(FixedDepartments.FPYMJ, 1, "T.bz-sjw.2", "请补充“一案双查”的处理决定文件。"))
                .isEqualTo(EventCorrelation.Outcome.CORRELATED);

        Task revise = onlyTask(Bpmn.Task.REVISE_SELF_ASSESSMENT, TaskGroups.unitReporter(SJW));
        assertThat(revise.getDueDate().toInstant()).isEqualTo(LocalDateTime.of(2015, 4, 10, 9, 0).atZone(CycleClock.ZONE).toInstant());
        assertThat(engine.getTaskService().getVariable(revise.getId(), Bpmn.Var.REVIEW_COMMENT))
                .isEqualTo("T.bz-sjw.2：请补充“一案双查”的处理决定文件。");
        assertThat(tasks(Bpmn.Task.REVIEW_SELF_ASSESSMENT)).hasSize(1); // 市委组织部 still reviewing

        // The correction is late: reminder a day before, overdue and escalated after.
        at(LocalDateTime.of(2015, 4, 9, 10, 0));
        assertThat(commands.of(DeadlineApproaching.TYPE)).extracting(DeadlineApproaching::taskType)
                .containsExactly(Bpmn.Task.REVISE_SELF_ASSESSMENT);
        at(LocalDateTime.of(2015, 4, 11, 9, 0));
        assertThat(commands.of(TaskOverdue.TYPE)).extracting(TaskOverdue::taskType)
                .containsExactly(Bpmn.Task.REVISE_SELF_ASSESSMENT);
        Task chase = onlyTask(Bpmn.Task.CHASE_LATE_UNITS, TaskGroups.OFFICE);
        assertThat(engine.getTaskService().getVariableLocal(chase.getId(), Bpmn.Var.CHASE_KIND))
                .isEqualTo(Bpmn.ChaseKind.LATE_REVISION);
        assertThat(listed(chase).get(SJW)).containsEntry("missed", Bpmn.Task.REVISE_SELF_ASSESSMENT)
                .containsEntry("subject", FixedDepartments.FPYMJ);

        assertThat(submit(SJW, "Q1", 2)).isEqualTo(EventCorrelation.Outcome.CORRELATED);
        assertThat(tasks(Bpmn.Task.CHASE_LATE_UNITS)).isEmpty();
        Task again = onlyTask(Bpmn.Task.REVIEW_SELF_ASSESSMENT, TaskGroups.departmentReviewer(FixedDepartments.FPYMJ));
        assertThat(again.getDueDate().toInstant()).isEqualTo(LocalDateTime.of(2015, 4, 26, 9, 0).atZone(CycleClock.ZONE).toInstant());

        // Returned a second time: the deadline starts again from the new return.
        at(LocalDateTime.of(2015, 4, 20, 9, 0));
        complete(again, "reviewer.fpymj", new ReviewForm(ReviewOutcome.RETURNED, "处理决定文件缺少签章页"));
        assertThat(onlyTask(Bpmn.Task.REVISE_SELF_ASSESSMENT, TaskGroups.unitHead(SJW)).getDueDate().toInstant())
                .isEqualTo(LocalDateTime.of(2015, 4, 27, 9, 0).atZone(CycleClock.ZONE).toInstant());
        submit(SJW, "Q1", 3);
        accepted(FixedDepartments.FPYMJ, 3, "T.bz-sjw.1", "T.bz-sjw.2");
        accepted(FixedDepartments.SWZZB, 3, "T.bz-sjw.3");
        assertThat(period(SJW, "Q1")).isNull();
    }

    @Test
    void everyNewTaskIsToldWithItsGroupsAndDueDateAndAReturnWithItsReason() {
        startUnit(SJW);
        Task submit = onlyTask(Bpmn.Task.SUBMIT_SELF_ASSESSMENT, TaskGroups.unitReporter(SJW));
        assertThat(commands.of(TaskCreated.TYPE)).filteredOn(c -> c.taskId().equals(submit.getId())).singleElement()
                .satisfies(created -> {
                    assertThat(created.taskType()).isEqualTo(Bpmn.Task.SUBMIT_SELF_ASSESSMENT);
                    assertThat(created.cycleId()).isEqualTo(CYCLE);
                    assertThat(created.unitCode()).isEqualTo(SJW);
                    assertThat(created.period()).isEqualTo("Q1");
                    assertThat(created.candidateGroups()).containsExactly("unit-head:bz-sjw", "unit-reporter:bz-sjw");
                    assertThat(created.dueAt()).isEqualTo(submit.getDueDate().toInstant());
                });

        at(LocalDateTime.of(2015, 3, 20, 9, 0));
        submit(SJW, "Q1", 1);
        // A review task's due date is set by the model's own listener (DueIn): it is told as well.
        Task review = onlyTask(Bpmn.Task.REVIEW_SELF_ASSESSMENT, TaskGroups.departmentReviewer(FixedDepartments.FPYMJ));
        assertThat(commands.of(TaskCreated.TYPE)).filteredOn(c -> c.taskId().equals(review.getId())).singleElement()
                .satisfies(created -> {
                    assertThat(created.department()).isEqualTo(FixedDepartments.FPYMJ);
                    assertThat(created.candidateGroups()).containsExactly("dept-reviewer:" + FixedDepartments.FPYMJ);
                    assertThat(created.dueAt()).isEqualTo(review.getDueDate().toInstant());
                });

        at(LocalDateTime.of(2015, 4, 3, 9, 0));
        returned(FixedDepartments.FPYMJ, 1, "T.bz-sjw.2", "请补充“一案双查”的处理决定文件。");
        Task revise = onlyTask(Bpmn.Task.REVISE_SELF_ASSESSMENT, TaskGroups.unitReporter(SJW));
        assertThat(commands.of(TaskCreated.TYPE)).noneMatch(c -> c.taskId().equals(revise.getId()));
        assertThat(commands.of(TaskReturned.TYPE)).singleElement().satisfies(r -> {
            assertThat(r.taskId()).isEqualTo(revise.getId());
            assertThat(r.taskType()).isEqualTo(Bpmn.Task.REVISE_SELF_ASSESSMENT);
            assertThat(r.department()).isEqualTo(FixedDepartments.FPYMJ);
            assertThat(r.reason()).isEqualTo("T.bz-sjw.2：请补充“一案双查”的处理决定文件。");
            assertThat(r.returnedBy()).isEqualTo("reviewer." + FixedDepartments.FPYMJ);
            assertThat(r.candidateGroups()).containsExactly("unit-head:bz-sjw", "unit-reporter:bz-sjw");
            assertThat(r.dueAt()).isEqualTo(revise.getDueDate().toInstant());
        });
    }

    @Test
    void anEventDeliveredTwiceOrOvertakenMovesTheProcessOnce() {
        startUnit(SJW);
        assertThat(submit(SJW, "Q1", 1)).isEqualTo(EventCorrelation.Outcome.CORRELATED);
        assertThat(submit(SJW, "Q1", 1)).isEqualTo(EventCorrelation.Outcome.DUPLICATE);
        assertThat(tasks(Bpmn.Task.REVIEW_SELF_ASSESSMENT)).hasSize(2);

        returned(FixedDepartments.FPYMJ, 1, "T.bz-sjw.1", "缺少会议记录");
        submit(SJW, "Q1", 2);
        // A decision on version 1 arriving after version 2 was submitted changes nothing.
        assertThat(returned(FixedDepartments.FPYMJ, 1, "T.bz-sjw.1", "缺少会议记录"))
                .isEqualTo(EventCorrelation.Outcome.DUPLICATE);
        assertThat(tasks(Bpmn.Task.REVISE_SELF_ASSESSMENT)).isEmpty();
        assertThat(tasks(Bpmn.Task.REVIEW_SELF_ASSESSMENT)).hasSize(2);
    }

    @Test
    void aSubmissionBeforeItsPeriodOpensIsKeptForLater() {
        startUnit(SJW);
        assertThat(submit(SJW, "Q2", 1)).isEqualTo(EventCorrelation.Outcome.NOT_READY);
        at(LocalDateTime.of(2015, 4, 1, 8, 0));
        assertThat(submit(SJW, "Q2", 1)).isEqualTo(EventCorrelation.Outcome.CORRELATED);
        assertThat(tasks(Bpmn.Task.SUBMIT_SELF_ASSESSMENT)).extracting(t ->
                engine.getTaskService().getVariableLocal(t.getId(), Bpmn.Var.PERIOD)).containsExactly("Q1");
    }

    private EventCorrelation.Outcome accepted(String department, int version, String... items) {
        EventCorrelation.Outcome outcome = correlation.submissionAccepted(new SubmissionAccepted("submission-" + SJW + "-Q1",
                version, CYCLE, SJW, "Q1", "reviewer." + department, "dept-reviewer", department, Instant.now(),
                List.of(items).stream().map(i -> new SubmissionAccepted.Item(i, null)).toList()));
        runDueJobs();
        return outcome;
    }

    private EventCorrelation.Outcome returned(String department, int version, String item, String comment) {
        EventCorrelation.Outcome outcome = correlation.submissionReturned(new SubmissionReturned("submission-" + SJW + "-Q1",
                version, CYCLE, SJW, "Q1", "reviewer." + department, "dept-reviewer", department, Instant.now(),
                List.of(new SubmissionReturned.Item(item, comment))));
        runDueJobs();
        return outcome;
    }
}
