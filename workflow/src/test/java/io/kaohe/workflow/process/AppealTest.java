package io.kaohe.workflow.process;

import static io.kaohe.contracts.events.GradeConsequence.NONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kaohe.contracts.events.AppealClosed;
import io.kaohe.contracts.events.CyclePublished;
import io.kaohe.contracts.events.GradesApproved;
import io.kaohe.contracts.events.RecordDecision;
import io.kaohe.contracts.events.ScoresComputed;
import io.kaohe.support.problems.ProblemException;
import io.kaohe.workflow.tasks.AnswerAppealForm;
import io.kaohe.workflow.tasks.ApprovalForm;
import io.kaohe.workflow.tasks.DecideAppealForm;
import io.kaohe.workflow.tasks.PublishResultsForm;
import io.kaohe.workflow.tasks.ReapprovalForm;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * 公示 and 申诉复核: after the leaders approve, the results are shown for five working days; a unit
 * may appeal one of its items meanwhile; the department answers, the office decides; upheld → a
 * correcting decision and the leader approves that unit again; rejected → the reason goes back.
 * Publication waits for the end of the period and for every appeal to be closed.
 */
class AppealTest extends ProcessTest {

    static final String CONTESTED = "5b0c7f7e-9d43-4c38-a1a0-3f0e3c2c1d11";

    private final AppealFiling filing = new AppealFiling(ProcessTestEngine.get(), new FixedDepartments());

    @Test
    void withoutAppealTheResultsArePublishedOnceFiveWorkingDaysHavePassed() {
        ProcessInstance cycle = approvedOn(LocalDateTime.of(2016, 1, 20, 10, 0)); // a Wednesday
        // Thursday, Friday, (weekend), Monday, Tuesday, Wednesday: the period's last day is 27 January.
        assertThat(variable(cycle, Bpmn.Var.PUBLICITY_LAST_DAY)).isEqualTo("2016-01-27");
        assertThat(((Date) variable(cycle, Bpmn.Var.PUBLICITY_ENDS_AT)).toInstant())
                .isEqualTo(LocalDate.of(2016, 1, 28).atStartOfDay(CycleClock.ZONE).toInstant());
        at(LocalDateTime.of(2016, 1, 27, 23, 59));
        assertThat(tasks(Bpmn.Task.PUBLISH_RESULTS)).as("still in the publicity period").isEmpty();
        at(LocalDateTime.of(2016, 1, 28, 0, 0));
        complete(onlyTask(Bpmn.Task.PUBLISH_RESULTS, TaskGroups.OFFICE), "office", new PublishResultsForm("通报"));
        assertThat(commands.of(CyclePublished.TYPE)).hasSize(1);
        assertThat(commands.of(AppealClosed.TYPE)).isEmpty();
        assertThat(ended(cycle)).isTrue();
    }

    @Test
    void aCycleWhoseCalendarSetsItsOwnPeriodIsShownThatManyWorkingDays() {
        CycleCalendar d = CycleCalendar.defaults(2015);
        CycleCalendar twoDays = new CycleCalendar(d.year(), d.periods(), d.inspection(), d.reminderDays(),
                d.reviewDays(), d.resubmitDays(), d.escalationDays(), d.proposalDue(), d.approvalDue(),
                d.publicationDue(), d.talkReportDays(), d.explanationDays(), d.planDays(), 2);
        assertThat(twoDays.variables(clock)).containsEntry(Bpmn.Var.PUBLICITY_DAYS, 2);
        assertThat(d.variables(clock)).doesNotContainKey(Bpmn.Var.PUBLICITY_DAYS);

        ProcessInstance cycle = yearDoneAndProposed(AnnualCycleTest.proposal("p-1", SJW, "好", NONE, ZJFY, "较好", NONE));
        engine.getRuntimeService().setVariable(cycle.getId(), Bpmn.Var.PUBLICITY_DAYS, 2);
        at(LocalDateTime.of(2016, 1, 20, 10, 0)); // a Wednesday
        complete(approvalTask("party-dept"), "leader", new ApprovalForm(List.of(SJW), List.of()));
        complete(approvalTask("court"), "leader", new ApprovalForm(List.of(ZJFY), List.of()));
        // Thursday and Friday: not the platform's five days.
        assertThat(variable(cycle, Bpmn.Var.PUBLICITY_LAST_DAY)).isEqualTo("2016-01-22");
        at(LocalDateTime.of(2016, 1, 23, 0, 0));
        assertThat(tasks(Bpmn.Task.PUBLISH_RESULTS)).hasSize(1);
    }

    @Test
    void anUpheldAppealRecordsACorrectingDecisionAndTheLeaderApprovesThatUnitOnlyAgain() {
        ProcessInstance cycle = approvedOn(LocalDateTime.of(2016, 1, 20, 10, 0));
        at(LocalDateTime.of(2016, 1, 21, 9, 0));
        AppealFiling.Filed filed = filing.file(appeal("a-1", SJW, "T.bz-sjw.2"), SJW);
        assertThat(filed.department()).isEqualTo(FixedDepartments.FPYMJ);

        Task answer = onlyTask(Bpmn.Task.ANSWER_APPEAL, TaskGroups.departmentReviewer(FixedDepartments.FPYMJ));
        assertThat(engine.getTaskService().getVariablesLocal(answer.getId())).containsEntry(Bpmn.Var.APPEAL_ID, "a-1")
                .containsEntry(Bpmn.Var.UNIT_CODE, SJW).containsEntry(Bpmn.Var.ITEM_CODE, "T.bz-sjw.2")
                .containsEntry(Bpmn.Var.CYCLE_ID, CYCLE);
        assertThat(answer.getDueDate().toInstant()).isEqualTo(
                LocalDateTime.of(2016, 1, 24, 9, 0).atZone(CycleClock.ZONE).toInstant());
        complete(answer, "reviewer.sfpymj", new AnswerAppealForm("第四季度学习记录已于12月28日补录，扣分可撤销"));
        complete(onlyTask(Bpmn.Task.DECIDE_APPEAL, TaskGroups.OFFICE), "office", new DecideAppealForm(
                DecideAppealForm.Outcome.UPHELD, "经复核，学习记录齐全，撤销该项扣分",
                new DecideAppealForm.Correction(CONTESTED, DecideAppealForm.Kind.WITHDRAWAL, null)));

        assertThat(commands.of(RecordDecision.TYPE)).singleElement().satisfies(d -> {
            assertThat(d.supersedes()).isEqualTo(CONTESTED);
            assertThat(d.kind()).isEqualTo(RecordDecision.WITHDRAWAL);
            assertThat(d.amount()).isNull();
            assertThat(d.unitCode()).isEqualTo(SJW);
            assertThat(d.itemCode()).isEqualTo("T.bz-sjw.2");
            assertThat(d.reason()).isEqualTo("经复核，学习记录齐全，撤销该项扣分");
            assertThat(d.onBehalfOf()).isEqualTo("office");
            assertThat(d.decisionId()).isEqualTo(RecordDecision.decisionIdFor(
                    RecordAppealCorrection.correctionKey(CYCLE, SJW, "a-1")));
        });
        // The leader approves again once scoring has recorded the correction and re-scored the unit, not before.
        assertThat(tasks(Bpmn.Task.REAPPROVE_UNIT)).isEmpty();
        assertThat(scoresComputed(ZJFY, ScoresComputed.Trigger.DECISION)).as("another unit's re-scoring")
                .isEqualTo(EventCorrelation.Outcome.NOT_WAITING);
        assertThat(tasks(Bpmn.Task.REAPPROVE_UNIT)).isEmpty();
        assertThat(scoresComputed(SJW, ScoresComputed.Trigger.DECISION)).isEqualTo(EventCorrelation.Outcome.CORRELATED);
        int approvalsBefore = commands.of(GradesApproved.TYPE).size();
        complete(onlyTask(Bpmn.Task.REAPPROVE_UNIT, TaskGroups.LEADER), "leader", new ReapprovalForm("同意更正后的得分"));
        assertThat(commands.of(GradesApproved.TYPE)).hasSize(approvalsBefore + 1).last().satisfies(g -> {
            assertThat(g.unitCodes()).containsExactly(SJW);
            assertThat(g.approvedBy()).isEqualTo("leader");
            assertThat(g.grades()).extracting(GradesApproved.ApprovedGrade::unitCode).containsExactly(SJW);
        });
        assertThat(commands.of(AppealClosed.TYPE)).singleElement().satisfies(c -> {
            assertThat(c.outcome()).isEqualTo(AppealClosed.UPHELD);
            assertThat(c.appealId()).isEqualTo("a-1");
            assertThat(c.answer()).isEqualTo("第四季度学习记录已于12月28日补录，扣分可撤销");
        });
        // The cycle's own approval variables are untouched by the appeal's (local to it).
        assertThat(variable(cycle, Bpmn.Var.APPROVED_BY)).isNull();
        assertThat(tasks(Bpmn.Task.PUBLISH_RESULTS)).isEmpty();
        publicityOver(cycle);
        assertThat(onlyTask(Bpmn.Task.PUBLISH_RESULTS, TaskGroups.OFFICE)).isNotNull();
    }

    @Test
    void aRejectedAppealReturnsTheReasonAndPublicationWaitsForItPastThePeriod() {
        ProcessInstance cycle = approvedOn(LocalDateTime.of(2016, 1, 20, 10, 0));
        at(LocalDateTime.of(2016, 1, 27, 16, 0));
        filing.file(appeal("a-2", ZJFY, "T.bz-zjfy.3"), ZJFY);
        publicityOver(cycle);
        assertThat(tasks(Bpmn.Task.PUBLISH_RESULTS)).as("an appeal is still open").isEmpty();

        complete(onlyTask(Bpmn.Task.ANSWER_APPEAL, TaskGroups.departmentReviewer(FixedDepartments.SWZZB)), "reviewer.swzzb",
                new AnswerAppealForm("会议记录缺失属实"));
        complete(onlyTask(Bpmn.Task.DECIDE_APPEAL, TaskGroups.OFFICE), "office", new DecideAppealForm(
                DecideAppealForm.Outcome.REJECTED, "扣分依据充分，维持原扣分", null));
        assertThat(commands.of(RecordDecision.TYPE)).isEmpty();
        assertThat(tasks(Bpmn.Task.REAPPROVE_UNIT)).isEmpty();
        assertThat(commands.of(AppealClosed.TYPE)).singleElement().satisfies(c -> {
            assertThat(c.outcome()).isEqualTo(AppealClosed.REJECTED);
            assertThat(c.reason()).isEqualTo("扣分依据充分，维持原扣分");
            assertThat(c.unitCode()).isEqualTo(ZJFY);
            assertThat(c.decidedBy()).isEqualTo("office");
        });
        complete(onlyTask(Bpmn.Task.PUBLISH_RESULTS, TaskGroups.OFFICE), "office", new PublishResultsForm("通报"));
        assertThat(ended(cycle)).isTrue();
    }

    @Test
    void twoAppealsAtOnceKeepTheirOwnAnswersAndDecisions() {
        ProcessInstance cycle = approvedOn(LocalDateTime.of(2016, 1, 20, 10, 0));
        filing.file(appeal("a-3", SJW, "T.bz-sjw.1"), SJW);
        filing.file(appeal("a-4", ZJFY, "T.bz-zjfy.1"), ZJFY);
        List<Task> answers = tasks(Bpmn.Task.ANSWER_APPEAL, TaskGroups.departmentReviewer(FixedDepartments.FPYMJ));
        assertThat(answers).hasSize(2);
        for (Task t : answers) {
            String appealId = (String) engine.getTaskService().getVariableLocal(t.getId(), Bpmn.Var.APPEAL_ID);
            complete(t, "reviewer.sfpymj", new AnswerAppealForm("答复" + appealId));
        }
        for (Task t : tasks(Bpmn.Task.DECIDE_APPEAL, TaskGroups.OFFICE)) {
            String appealId = (String) engine.getTaskService().getVariableLocal(t.getId(), Bpmn.Var.APPEAL_ID);
            complete(t, "office", "a-3".equals(appealId)
                    ? new DecideAppealForm(DecideAppealForm.Outcome.UPHELD, "减为扣0.05分",
                    new DecideAppealForm.Correction(CONTESTED, DecideAppealForm.Kind.DEDUCTION, new BigDecimal("0.05")))
                    : new DecideAppealForm(DecideAppealForm.Outcome.REJECTED, "不成立" + appealId, null));
        }
        assertThat(commands.of(RecordDecision.TYPE)).singleElement().satisfies(d -> {
            assertThat(d.unitCode()).isEqualTo(SJW);
            assertThat(d.kind()).isEqualTo(RecordDecision.DEDUCTION);
            assertThat(d.amount()).isEqualByComparingTo("0.05");
        });
        scoresComputed(SJW, ScoresComputed.Trigger.DECISION);
        complete(onlyTask(Bpmn.Task.REAPPROVE_UNIT, TaskGroups.LEADER), "leader", new ReapprovalForm(null));
        assertThat(commands.of(AppealClosed.TYPE)).extracting(AppealClosed::appealId, AppealClosed::outcome,
                AppealClosed::answer, AppealClosed::reason).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("a-3", AppealClosed.UPHELD, "答复a-3", "减为扣0.05分"),
                org.assertj.core.groups.Tuple.tuple("a-4", AppealClosed.REJECTED, "答复a-4", "不成立a-4"));
        publicityOver(cycle);
        assertThat(onlyTask(Bpmn.Task.PUBLISH_RESULTS, TaskGroups.OFFICE)).isNotNull();
    }

    @Test
    void anAppealAfterThePeriodIsRefusedInWords() {
        ProcessInstance cycle = approvedOn(LocalDateTime.of(2016, 1, 20, 10, 0));
        at(LocalDateTime.of(2016, 1, 28, 0, 1));
        assertThatThrownBy(() -> filing.file(appeal("a-5", SJW, "T.bz-sjw.2"), SJW))
                .isInstanceOfSatisfying(ProblemException.class, p -> {
                    assertThat(p.status()).isEqualTo(HttpStatus.CONFLICT);
                    assertThat(p.code()).isEqualTo("workflow.appeal.late");
                    assertThat(p.args()).containsExactly(CYCLE, "2016-01-27");
                });
        assertThat(tasks(Bpmn.Task.ANSWER_APPEAL)).isEmpty();
        assertThat(onlyTask(Bpmn.Task.PUBLISH_RESULTS, TaskGroups.OFFICE)).isNotNull();
        assertThat(ended(cycle)).isFalse();
    }

    @Test
    void anAppealBeforeThePeriodIsRefused() {
        yearDoneAndProposed(AnnualCycleTest.proposal("p-1", SJW, "好", NONE, ZJFY, "好", NONE));
        assertThatThrownBy(() -> filing.file(appeal("a-6", SJW, "T.bz-sjw.2"), SJW))
                .isInstanceOfSatisfying(ProblemException.class, p -> {
                    assertThat(p.status()).isEqualTo(HttpStatus.CONFLICT);
                    assertThat(p.code()).isEqualTo("workflow.appeal.not-in-publicity");
                });
    }

    @Test
    void anAppealOnAnotherUnitsItemIsRefusedAndStartsNothing() {
        approvedOn(LocalDateTime.of(2016, 1, 20, 10, 0));
        assertThatThrownBy(() -> filing.file(appeal("a-7", SJW, "T.bz-sjw.2"), ZJFY))
                .isInstanceOfSatisfying(ProblemException.class, p -> {
                    assertThat(p.status()).isEqualTo(HttpStatus.FORBIDDEN);
                    assertThat(p.code()).isEqualTo("workflow.appeal.other-unit");
                });
        // Naming its own unit with the other unit's item is no way round: the item is not the unit's.
        assertThatThrownBy(() -> filing.file(appeal("a-8", ZJFY, "T.bz-sjw.2"), ZJFY))
                .isInstanceOfSatisfying(ProblemException.class, p ->
                        assertThat(p.status()).isEqualTo(HttpStatus.BAD_REQUEST));
        assertThat(tasks(Bpmn.Task.ANSWER_APPEAL)).isEmpty();
    }

    @Test
    void aSecondAppealOnAnItemWhoseAppealIsOpenIsRefused() {
        approvedOn(LocalDateTime.of(2016, 1, 20, 10, 0));
        filing.file(appeal("a-9", SJW, "T.bz-sjw.2"), SJW);
        assertThatThrownBy(() -> filing.file(appeal("a-10", SJW, "T.bz-sjw.2"), SJW))
                .isInstanceOfSatisfying(ProblemException.class, p ->
                        assertThat(p.code()).isEqualTo("workflow.appeal.open-already"));
        assertThat(tasks(Bpmn.Task.ANSWER_APPEAL)).hasSize(1);
    }

    @Test
    void holidaysDoNotCountAndAWorkedWeekendDayDoes() {
        // Approved on Friday 5 February 2016 with Saturday 6th worked (调休): Sat, Mon … Thu.
        PublicityCalendar worked = new PublicityCalendar(5, java.util.Set.of(), java.util.Set.of(LocalDate.of(2016, 2, 6)), 3);
        assertThat(worked.lastDay(LocalDate.of(2016, 2, 5))).isEqualTo(LocalDate.of(2016, 2, 11));
        assertThat(PublicityCalendar.defaults().lastDay(LocalDate.of(2016, 2, 5))).isEqualTo(LocalDate.of(2016, 2, 12));
        // Approved on 31 December 2015: 1 January 2016 is a holiday.
        assertThat(ProcessTestEngine.PUBLICITY.lastDay(LocalDate.of(2015, 12, 31))).isEqualTo(LocalDate.of(2016, 1, 8));
        assertThat(PublicityCalendar.defaults().lastDay(LocalDate.of(2015, 12, 31))).isEqualTo(LocalDate.of(2016, 1, 7));
    }

    private ProcessInstance approvedOn(LocalDateTime when) {
        ProcessInstance cycle = yearDoneAndProposed(AnnualCycleTest.proposal("p-1", SJW, "好", NONE, ZJFY, "较好", NONE));
        at(when);
        complete(approvalTask("party-dept"), "leader", new ApprovalForm(List.of(SJW), List.of()));
        complete(approvalTask("court"), "leader", new ApprovalForm(List.of(ZJFY), List.of()));
        assertThat(commands.of(GradesApproved.TYPE)).hasSize(2);
        return cycle;
    }

    private static AppealFiling.Appeal appeal(String id, String unit, String item) {
        return new AppealFiling.Appeal(id, CYCLE, unit, item, "第四季度中心组学习已开展，记录见附件，扣分有误",
                List.of("evidence-17", "2015年第四季度中心组学习记录"), "reporter." + unit);
    }
}
