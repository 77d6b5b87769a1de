package io.kaohe.workflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaohe.contracts.events.RectificationClosed;
import io.kaohe.contracts.events.RectificationOpened;
import io.kaohe.contracts.events.TaskOverdue;
import io.kaohe.workflow.tasks.ChaseForm;
import io.kaohe.workflow.tasks.Completion;
import io.kaohe.workflow.tasks.FormFault;
import io.kaohe.workflow.tasks.Measure;
import io.kaohe.workflow.tasks.ProgressForm;
import io.kaohe.workflow.tasks.RectificationPlanForm;
import io.kaohe.workflow.tasks.RectificationReportForm;
import io.kaohe.workflow.tasks.TalkForm;
import io.kaohe.workflow.tasks.VerificationForm;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/** Rectification (整改): each kind's first step, the ledger, verification and closure (销号), escalation. */
class RectificationTest extends ProcessTest {

    /** How the steps that open a rectification start it (their own tests are in AnnualCycleTest and UnitAssessmentTest). */
    private final RectificationStart start = new RectificationStart(RectificationStart.Defaults.SEED_003);

    @Test
    void aPoorGradeMeansATalkThenAReportWithinAWeekThenEveryMeasureIsVerifiedAndClosed() {
        at(LocalDateTime.of(2016, 2, 1, 9, 0));
        open(RectificationOpened.TALK_AND_REPORT, "较差", List.of());
        Task talk = onlyTask(Bpmn.Task.HOLD_TALK, TaskGroups.OFFICE);
        assertThat(tasks(Bpmn.Task.SUBMIT_RECTIFICATION_REPORT)).isEmpty();

        at(LocalDateTime.of(2016, 2, 3, 15, 0));
        complete(talk, "office", new TalkForm(LocalDate.of(2016, 2, 3), "市纪委主要负责同志", "指出问题，要求一周内书面报告整改措施和时限"));
        Task report = onlyTask(Bpmn.Task.SUBMIT_RECTIFICATION_REPORT, TaskGroups.unitHead(SJW));
        assertThat(report.getDueDate().toInstant()).isEqualTo(LocalDateTime.of(2016, 2, 10, 15, 0).atZone(CycleClock.ZONE).toInstant());

        at(LocalDateTime.of(2016, 2, 8, 10, 0));
        complete(report, "reporter.sjw", new RectificationReportForm("关于意识形态工作责任制考核较差的整改报告", List.of(
                new Measure("分析研判制度不健全", "制定《意识形态领域分析研判制度》", "党组副书记", "办公室", LocalDate.of(2016, 3, 31)),
                new Measure("舆情引导机制不健全", "制定《突发事件网络舆情引导工作方案》", "党组副书记", "宣传科", LocalDate.of(2016, 4, 30)))));

        List<Task> progress = tasks(Bpmn.Task.REPORT_RECTIFICATION_PROGRESS);
        assertThat(progress).hasSize(2).extracting(t -> t.getDueDate().toInstant()).containsExactlyInAnyOrder(
                LocalDate.of(2016, 4, 1).atStartOfDay(CycleClock.ZONE).toInstant(),
                LocalDate.of(2016, 5, 1).atStartOfDay(CycleClock.ZONE).toInstant());
        for (Task t : progress) {
            complete(t, "reporter.sjw", new ProgressForm("已制定并印发", true, List.of("制度文件")));
        }
        List<Task> verify = tasks(Bpmn.Task.VERIFY_RECTIFICATION, TaskGroups.OFFICE);
        assertThat(verify).hasSize(2);
        complete(verify.get(0), "office", new VerificationForm(VerificationForm.Verdict.CLOSED, "经核查，已整改到位"));
        assertThat(commands.of(RectificationClosed.TYPE)).isEmpty();
        complete(verify.get(1), "office", new VerificationForm(VerificationForm.Verdict.CLOSED, "经核查，已整改到位"));

        assertThat(commands.of(RectificationClosed.TYPE)).singleElement().satisfies(closed -> {
            assertThat(closed.rectificationId()).isEqualTo("2015:bz-sjw:grade");
            assertThat(closed.problemCount()).isEqualTo(2);
            assertThat(closed.lastVerifiedBy()).isEqualTo("office");
        });
        assertThat(commands.of(TaskOverdue.TYPE)).isEmpty();
    }

    @Test
    void aFairGradeMeansAWrittenExplanationWithMeasures() {
        at(LocalDateTime.of(2016, 2, 1, 9, 0));
        open(RectificationOpened.EXPLANATION, "一般", List.of());
        assertThat(tasks(Bpmn.Task.HOLD_TALK)).isEmpty();
        Task explanation = onlyTask(Bpmn.Task.SUBMIT_EXPLANATION, TaskGroups.unitReporter(SJW));
        assertThat(explanation.getDueDate().toInstant()).isEqualTo(LocalDateTime.of(2016, 2, 16, 9, 0).atZone(CycleClock.ZONE).toInstant());
        complete(explanation, "reporter.sjw", new RectificationReportForm("以党组名义作出说明", List.of(
                new Measure("理论学习不够", "每月开展中心组学习", "党组书记", "办公室", LocalDate.of(2016, 6, 30)))));
        assertThat(tasks(Bpmn.Task.REPORT_RECTIFICATION_PROGRESS)).hasSize(1);
    }

    @Test
    void anInspectionNoticeNeedsAMeasureForEveryProblemAndTheInspectorsVerify() {
        at(LocalDateTime.of(2015, 8, 3, 9, 0));
        open(RectificationOpened.INSPECTION_NOTICE, null, List.of(
                new RectificationOpened.Problem("F1", "T.bz-sjw.2", "中心组学习次数不足", "查阅资料", new BigDecimal("0.50")),
                new RectificationOpened.Problem("F2", "T.bz-sjw.3", "台账不规范", "实地考察", null)));
        Task plan = onlyTask(Bpmn.Task.SUBMIT_RECTIFICATION_PLAN, TaskGroups.unitReporter(SJW));
        assertThat(plan.getDueDate().toInstant()).isEqualTo(LocalDateTime.of(2015, 8, 18, 9, 0).atZone(CycleClock.ZONE).toInstant());

        Map<String, Object> taskVariables = engine.getTaskService().getVariables(plan.getId());
        Completion completion = new Completion("reporter.sjw", CycleClock.from(taskVariables), taskVariables);
        RectificationPlanForm incomplete = new RectificationPlanForm(List.of(
                new RectificationPlanForm.PlannedMeasure("F1", "补齐学习", "书记", "办公室", LocalDate.of(2015, 9, 30)),
                new RectificationPlanForm.PlannedMeasure("F9", "?", "书记", "办公室", LocalDate.of(2015, 9, 30))));
        assertThat(incomplete.faults(completion)).extracting(FormFault::location, FormFault::code).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("measures[1].problemId", "workflow.form.plan-unknown-problem"),
                org.assertj.core.groups.Tuple.tuple("measures", "workflow.form.plan-problem-missing"));

        complete(plan, "reporter.sjw", new RectificationPlanForm(List.of(
                new RectificationPlanForm.PlannedMeasure("F1", "补齐学习", "书记", "办公室", LocalDate.of(2015, 9, 30)),
                new RectificationPlanForm.PlannedMeasure("F2", "规范台账", "副书记", "宣传科", LocalDate.of(2015, 9, 30)))));
        for (Task t : tasks(Bpmn.Task.REPORT_RECTIFICATION_PROGRESS)) {
            complete(t, "reporter.sjw", new ProgressForm("已整改", true, List.of()));
        }
        assertThat(tasks(Bpmn.Task.VERIFY_RECTIFICATION, TaskGroups.inspector(SJW))).hasSize(2);
        assertThat(tasks(Bpmn.Task.VERIFY_RECTIFICATION, TaskGroups.OFFICE)).isEmpty();
        for (Task t : tasks(Bpmn.Task.VERIFY_RECTIFICATION)) {
            complete(t, "inspector.1", new VerificationForm(VerificationForm.Verdict.CLOSED, "已销号"));
        }
        assertThat(commands.of(RectificationClosed.TYPE)).singleElement()
                .satisfies(c -> assertThat(c.kind()).isEqualTo(RectificationOpened.INSPECTION_NOTICE));
    }

    @Test
    void aMeasurePastItsDeadlineIsEscalatedAndAnUnresolvedOneGoesBackToTheUnit() {
        at(LocalDateTime.of(2016, 2, 1, 9, 0));
        ProcessInstance rectification = open(RectificationOpened.EXPLANATION, "一般", List.of());
        complete(onlyTask(Bpmn.Task.SUBMIT_EXPLANATION, TaskGroups.unitReporter(SJW)), "reporter.sjw",
                new RectificationReportForm("说明", List.of(
                        new Measure("理论学习不够", "每月开展中心组学习", "党组书记", "办公室", LocalDate.of(2016, 3, 31)))));

        at(LocalDateTime.of(2016, 4, 1, 9, 0));
        assertThat(commands.of(TaskOverdue.TYPE)).singleElement().satisfies(o -> {
            assertThat(o.taskType()).isEqualTo(Bpmn.Task.REPORT_RECTIFICATION_PROGRESS);
            assertThat(o.subject()).isEqualTo("2015:bz-sjw:grade/P1");
        });
        Task chase = onlyTask(Bpmn.Task.CHASE_LATE_UNITS, TaskGroups.OFFICE);
        assertThat(engine.getTaskService().getVariableLocal(chase.getId(), Bpmn.Var.CHASE_KIND))
                .isEqualTo(Bpmn.ChaseKind.OVERDUE_MEASURE);
        assertThat(listed(chase).get(SJW)).containsEntry("missed", Bpmn.Task.REPORT_RECTIFICATION_PROGRESS)
                .containsEntry("subject", "2015:bz-sjw:grade/P1");
        complete(chase, "office", new ChaseForm("已约见责任领导", "党组书记"));

        complete(onlyTask(Bpmn.Task.REPORT_RECTIFICATION_PROGRESS, TaskGroups.unitReporter(SJW)), "reporter.sjw",
                new ProgressForm("已开展两次学习", false, List.of()));
        complete(onlyTask(Bpmn.Task.VERIFY_RECTIFICATION, TaskGroups.OFFICE), "office",
                new VerificationForm(VerificationForm.Verdict.NOT_RESOLVED, "学习未形成制度"));
        // Back to the unit, still past its deadline: escalated again.
        assertThat(tasks(Bpmn.Task.REPORT_RECTIFICATION_PROGRESS)).hasSize(1);
        assertThat(commands.of(io.kaohe.contracts.events.TaskReturned.TYPE)).singleElement().satisfies(r -> {
            assertThat(r.taskType()).isEqualTo(Bpmn.Task.REPORT_RECTIFICATION_PROGRESS);
            assertThat(r.reason()).isEqualTo("学习未形成制度");
            assertThat(r.returnedBy()).isEqualTo("office");
        });
        assertThat(commands.of(TaskOverdue.TYPE)).hasSize(2);
        Task again = onlyTask(Bpmn.Task.CHASE_LATE_UNITS, TaskGroups.OFFICE);
        assertThat(again.getId()).as("a new chase: the first was recorded").isNotEqualTo(chase.getId());
        complete(onlyTask(Bpmn.Task.REPORT_RECTIFICATION_PROGRESS, TaskGroups.unitReporter(SJW)), "reporter.sjw",
                new ProgressForm("已印发学习制度", true, List.of()));
        assertThat(tasks(Bpmn.Task.CHASE_LATE_UNITS)).as("the unit's report ends the escalation").isEmpty();
        complete(onlyTask(Bpmn.Task.VERIFY_RECTIFICATION, TaskGroups.OFFICE), "office",
                new VerificationForm(VerificationForm.Verdict.CLOSED, "已销号"));
        assertThat(ended(rectification)).isTrue();
    }

    @Test
    void aLateReportIsEscalatedToTheOffice() {
        at(LocalDateTime.of(2016, 2, 1, 9, 0));
        open(RectificationOpened.EXPLANATION, "一般", List.of());
        at(LocalDateTime.of(2016, 2, 17, 9, 0));
        assertThat(commands.of(TaskOverdue.TYPE)).singleElement()
                .satisfies(o -> assertThat(o.taskType()).isEqualTo(Bpmn.Task.SUBMIT_EXPLANATION));
        Task chase = onlyTask(Bpmn.Task.CHASE_LATE_UNITS, TaskGroups.OFFICE);
        assertThat(engine.getTaskService().getVariableLocal(chase.getId(), Bpmn.Var.CHASE_KIND))
                .isEqualTo(Bpmn.ChaseKind.LATE_RECTIFICATION_REPORT);
        assertThat(listed(chase).get(SJW)).containsEntry("missed", Bpmn.Task.SUBMIT_EXPLANATION);
        complete(onlyTask(Bpmn.Task.SUBMIT_EXPLANATION, TaskGroups.unitReporter(SJW)), "reporter.sjw",
                new RectificationReportForm("说明", List.of(
                        new Measure("理论学习不够", "每月开展中心组学习", "党组书记", "办公室", LocalDate.of(2016, 6, 30)))));
        assertThat(tasks(Bpmn.Task.CHASE_LATE_UNITS)).as("the report ended the escalation").isEmpty();
    }

    @Test
    void aRectificationIsOpenedOnceHoweverOftenItIsStarted() {
        at(LocalDateTime.of(2016, 2, 1, 9, 0));
        open(RectificationOpened.TALK_AND_REPORT, "较差", List.of());
        assertThat(start.start(engine, event(RectificationOpened.TALK_AND_REPORT, "较差", List.of()))).isFalse();
        assertThat(tasks(Bpmn.Task.HOLD_TALK)).hasSize(1);
    }

    private ProcessInstance open(String kind, String grade, List<RectificationOpened.Problem> problems) {
        RectificationOpened event = event(kind, grade, problems);
        assertThat(start.start(engine, event)).isTrue();
        runDueJobs();
        return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(Bpmn.Process.RECTIFICATION)
                .processInstanceBusinessKey(event.rectificationId()).singleResult();
    }

    private static RectificationOpened event(String kind, String grade, List<RectificationOpened.Problem> problems) {
        String id = RectificationOpened.INSPECTION_NOTICE.equals(kind) ? RectificationIds.inspection(CYCLE, SJW)
                : RectificationIds.grade(CYCLE, SJW);
        return new RectificationOpened(id, CYCLE, SJW, kind, grade, problems, "office", Instant.now());
    }
}
