package io.kaohe.workflow.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kaohe.contracts.events.ComputeScores;
import io.kaohe.contracts.events.RecordDecision;
import io.kaohe.contracts.events.RectificationOpened;
import io.kaohe.contracts.events.ScoresComputed;
import io.kaohe.workflow.tasks.FindingsForm;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/** A unit's year (unit-assessment): quarters, the mid-year inspection, the year-end evaluation and its scores. */
class UnitAssessmentTest extends ProcessTest {

    @Test
    void theQuartersOpenOnTheirCalendarDays() {
        startUnit(SJW);
        assertThat(tasks(Bpmn.Task.SUBMIT_SELF_ASSESSMENT)).hasSize(1);
        at(LocalDateTime.of(2015, 3, 31, 23, 0));
        assertThat(tasksIn(Bpmn.Task.SUBMIT_SELF_ASSESSMENT, "Q2")).isEmpty();
        at(LocalDateTime.of(2015, 4, 1, 0, 1));
        assertThat(tasksIn(Bpmn.Task.SUBMIT_SELF_ASSESSMENT, "Q2")).hasSize(1);
        assertThat(tasksIn(Bpmn.Task.SUBMIT_SELF_ASSESSMENT, "Q2").get(0).getDueDate().toInstant())
                .isEqualTo(LocalDate.of(2015, 7, 1).atStartOfDay(CycleClock.ZONE).toInstant());
    }

    @Test
    void theInspectionsFindingsBecomeScoringDecisionsAndARectificationNoticeWithTheProblemList() {
        startUnit(SJW);
        at(LocalDateTime.of(2015, 6, 30, 9, 0));
        assertThat(tasks(Bpmn.Task.RECORD_INSPECTION_FINDINGS)).isEmpty();
        at(LocalDateTime.of(2015, 7, 1, 9, 0));
        Task inspection = onlyTask(Bpmn.Task.RECORD_INSPECTION_FINDINGS, TaskGroups.inspector(SJW));
        assertThat(inspection.getDueDate().toInstant()).isEqualTo(LocalDate.of(2015, 8, 1).atStartOfDay(CycleClock.ZONE).toInstant());
        assertThat(tasks(Bpmn.Task.RECORD_INSPECTION_FINDINGS, TaskGroups.inspector(ZJFY))).isEmpty();

        at(LocalDateTime.of(2015, 7, 15, 16, 0));
        complete(inspection, "inspector.1", new FindingsForm(LocalDate.of(2015, 7, 15), "听取汇报、座谈、实地考察、查阅资料",
                List.of(new FindingsForm.Finding("T.bz-sjw.2", "中心组集中学习仅5次，扩大学习仅2次", "查阅资料",
                                new BigDecimal("0.50"), List.of("学习记录本")),
                        new FindingsForm.Finding("T.bz-sjw.3", "宣传阵地管理台账不规范", "实地考察", null, List.of()))));

        assertThat(commands.of(RecordDecision.TYPE)).singleElement().satisfies(decision -> {
            assertThat(decision.decisionId()).isEqualTo(RecordDecision.decisionIdFor("2015:bz-sjw:inspection:F1"));
            assertThat(decision.amount()).isEqualByComparingTo("0.5");
            assertThat(decision.kind()).isEqualTo(RecordDecision.DEDUCTION);
            assertThat(decision.itemCode()).isEqualTo("T.bz-sjw.2");
            assertThat(decision.reason()).isEqualTo("中心组集中学习仅5次，扩大学习仅2次");
            assertThat(decision.source()).isEqualTo("查阅资料（阶段性考核，inspector.1）");
            assertThat(decision.date()).isEqualTo(LocalDate.of(2015, 7, 15));
            assertThat(decision.evidenceRefs()).containsExactly("学习记录本");
            assertThat(decision.onBehalfOf()).isEqualTo("inspector.1");
            assertThat(decision.requestedBy()).isEqualTo("workflow");
        });
        assertThat(commands.of(RectificationOpened.TYPE)).singleElement().satisfies(notice -> {
            assertThat(notice.rectificationId()).isEqualTo("2015:bz-sjw:inspection");
            assertThat(notice.kind()).isEqualTo(RectificationOpened.INSPECTION_NOTICE);
            assertThat(notice.openedBy()).isEqualTo("inspector.1");
            assertThat(notice.problems()).extracting(RectificationOpened.Problem::problemId, RectificationOpened.Problem::itemCode)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("F1", "T.bz-sjw.2"),
                            org.assertj.core.groups.Tuple.tuple("F2", "T.bz-sjw.3"));
        });
        // The notice's rectification runs here, started by the step itself: the unit plans a measure per problem.
        assertThat(rectification("2015:bz-sjw:inspection")).isNotNull();
        assertThat(onlyTask(Bpmn.Task.SUBMIT_RECTIFICATION_PLAN, TaskGroups.unitReporter(SJW))).isNotNull();
    }

    @Test
    void aFindingsJobThatRunsAgainSendsTheSameDecisionIdsAndOpensTheNoticeOnce() {
        startUnit(SJW);
        at(LocalDateTime.of(2015, 7, 15, 16, 0));
        Task inspection = onlyTask(Bpmn.Task.RECORD_INSPECTION_FINDINGS, TaskGroups.inspector(SJW));
        // The job fails after its first command, before its second: the engine runs it again.
        commands.failOnce(RecordDecision.TYPE, 1);
        assertThatThrownBy(() -> complete(inspection, "inspector.1", new FindingsForm(LocalDate.of(2015, 7, 15), "实地考察",
                List.of(new FindingsForm.Finding("T.bz-sjw.2", "中心组学习次数不足", "查阅资料", new BigDecimal("0.50"), List.of()),
                        new FindingsForm.Finding("T.bz-sjw.3", "台账不规范", "实地考察", new BigDecimal("0.20"), List.of())))))
                .hasStackTraceContaining("the job fails while sending RecordDecision");
        runDueJobs();

        String f1 = RecordDecision.decisionIdFor("2015:bz-sjw:inspection:F1");
        String f2 = RecordDecision.decisionIdFor("2015:bz-sjw:inspection:F2");
        assertThat(commands.of(RecordDecision.TYPE)).extracting(RecordDecision::decisionId).containsExactly(f1, f1, f2);
        assertThat(commands.of(RecordDecision.TYPE)).extracting(RecordDecision::itemCode)
                .containsExactly("T.bz-sjw.2", "T.bz-sjw.2", "T.bz-sjw.3");
        assertThat(commands.of(RectificationOpened.TYPE)).singleElement()
                .satisfies(notice -> assertThat(notice.problems()).hasSize(2));
        assertThat(rectification("2015:bz-sjw:inspection")).isNotNull();
    }

    @Test
    void anInspectionWithoutFindingsOpensNothing() {
        startUnit(SJW);
        at(LocalDateTime.of(2015, 7, 2, 9, 0));
        complete(onlyTask(Bpmn.Task.RECORD_INSPECTION_FINDINGS, TaskGroups.inspector(SJW)), "inspector.1",
                new FindingsForm(LocalDate.of(2015, 7, 2), "未发现问题", List.of()));
        assertThat(commands.of(RecordDecision.TYPE)).isEmpty();
        assertThat(commands.of(RectificationOpened.TYPE)).isEmpty();
        assertThat(rectification("2015:bz-sjw:inspection")).isNull();
    }

    @Test
    void theYearEndEvaluationSendsComputeScoresAndWaitsForTheFullRecomputeNotAnyScoreEvent() {
        ProcessInstance unit = startUnit(SJW);
        wholeYear(SJW);
        assertThat(commands.of(ComputeScores.TYPE)).singleElement().satisfies(c -> {
            assertThat(c.cycleId()).isEqualTo(CYCLE);
            assertThat(c.unitCodes()).containsExactly(SJW);
        });
        assertThat(engine.getRuntimeService().createEventSubscriptionQuery().processInstanceId(unit.getId())
                .eventName(Bpmn.Message.SCORES_COMPUTED).count()).isEqualTo(1);

        // A decision's incremental recomputation is not the answer to the command.
        assertThat(scoresComputed(SJW, ScoresComputed.Trigger.DECISION)).isEqualTo(EventCorrelation.Outcome.NOT_WAITING);
        assertThat(ended(unit)).isFalse();
        assertThat(scoresComputed(SJW, ScoresComputed.Trigger.FULL_RECOMPUTE)).isEqualTo(EventCorrelation.Outcome.CORRELATED);
        assertThat(ended(unit)).isTrue();
        assertThat(scoresComputed(SJW, ScoresComputed.Trigger.FULL_RECOMPUTE)).isEqualTo(EventCorrelation.Outcome.NOT_WAITING);
    }
}
