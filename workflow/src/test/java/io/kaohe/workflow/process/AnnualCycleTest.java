package io.kaohe.workflow.process;

import static io.kaohe.contracts.events.GradeConsequence.NONE;
import static io.kaohe.contracts.events.GradeConsequence.TALK_AND_REPORT;
import static io.kaohe.contracts.events.GradeConsequence.WRITTEN_EXPLANATION;
import static org.assertj.core.api.Assertions.assertThat;

import io.kaohe.contracts.events.ComputeScores;
import io.kaohe.contracts.events.CyclePublished;
import io.kaohe.contracts.events.GradeConsequence;
import io.kaohe.contracts.events.GradesApproved;
import io.kaohe.contracts.events.GradesProposed;
import io.kaohe.contracts.events.RectificationOpened;
import io.kaohe.contracts.events.ScoresComputed;
import io.kaohe.workflow.tasks.ApprovalForm;
import io.kaohe.workflow.tasks.PublishResultsForm;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/** The annual cycle: unit assessments, grade proposal, leader approval per category, publication, rectification. */
class AnnualCycleTest extends ProcessTest {

    @Test
    void openingACycleStartsOneUnitAssessmentPerUnitEachWaitingForItsFirstSelfCheck() {
        ProcessInstance cycle = startCycle(SJW, ZJFY);
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(Bpmn.Process.UNIT_ASSESSMENT)
                .list()).extracting(ProcessInstance::getBusinessKey).containsExactlyInAnyOrder("2015:bz-sjw", "2015:bz-zjfy");
        assertThat(onlyTask(Bpmn.Task.SUBMIT_SELF_ASSESSMENT, TaskGroups.unitReporter(SJW))).isNotNull();
        assertThat(onlyTask(Bpmn.Task.SUBMIT_SELF_ASSESSMENT, TaskGroups.unitReporter(ZJFY))).isNotNull();
        assertThat(ended(cycle)).isFalse();
    }

    @Test
    void approvedGradesArePublishedAndRectificationOpensForThePoorAndTheFair() {
        ProcessInstance cycle = yearDoneAndProposed(proposal("p-1", SJW, "较差", TALK_AND_REPORT, ZJFY, "一般", WRITTEN_EXPLANATION));
        Task sjw = approvalTask("party-dept");
        Task zjfy = approvalTask("court");
        at(LocalDateTime.of(2016, 1, 20, 10, 0));
        complete(sjw, "leader", new ApprovalForm(List.of(SJW), List.of()));
        complete(zjfy, "leader", new ApprovalForm(List.of(ZJFY), List.of()));

        assertThat(commands.of(GradesApproved.TYPE)).extracting(GradesApproved::proposalId, GradesApproved::unitCodes,
                        GradesApproved::approvedBy)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("p-1", List.of(SJW), "leader"),
                        org.assertj.core.groups.Tuple.tuple("p-1", List.of(ZJFY), "leader"));
        assertThat(tasks(Bpmn.Task.PUBLISH_RESULTS)).as("the results are in their publicity period").isEmpty();
        publicityOver(cycle);
        Task publish = onlyTask(Bpmn.Task.PUBLISH_RESULTS, TaskGroups.OFFICE);
        // A notice longer than the engine's 4,000-character text variables reaches scoring whole.
        String body = "各被考核单位：\n" + "根据考核细则，现将考核结果通报如下。".repeat(300);
        complete(publish, "office", new PublishResultsForm("关于2015年度市党群部门目标绩效考核结果的通报",
                " 中共巴中市委目标绩效管理办公室 ", "巴目绩办〔2016〕3号", java.time.LocalDate.of(2016, 1, 28), body));

        assertThat(commands.of(CyclePublished.TYPE)).singleElement().satisfies(p -> {
            assertThat(p.proposalId()).isEqualTo("p-1");
            assertThat(p.unitCount()).isEqualTo(2);
            assertThat(p.publishedBy()).isEqualTo("office");
            assertThat(p.noticeTitle()).isEqualTo("关于2015年度市党群部门目标绩效考核结果的通报");
            assertThat(p.issuingBody()).isEqualTo("中共巴中市委目标绩效管理办公室");
            assertThat(p.documentNumber()).isEqualTo("巴目绩办〔2016〕3号");
            assertThat(p.issuedOn()).isEqualTo(java.time.LocalDate.of(2016, 1, 28));
            assertThat(p.body()).isEqualTo(body).hasSizeGreaterThan(4000);
        });
        assertThat(commands.of(RectificationOpened.TYPE)).extracting(RectificationOpened::rectificationId,
                        RectificationOpened::kind, RectificationOpened::grade)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("2015:bz-sjw:grade", RectificationOpened.TALK_AND_REPORT, "较差"),
                        org.assertj.core.groups.Tuple.tuple("2015:bz-zjfy:grade", RectificationOpened.EXPLANATION, "一般"));
        // Both rectifications run here, started by the step that opened them: a talk for 较差, an explanation for 一般.
        assertThat(rectification("2015:bz-sjw:grade")).isNotNull();
        assertThat(rectification("2015:bz-zjfy:grade")).isNotNull();
        assertThat(onlyTask(Bpmn.Task.HOLD_TALK, TaskGroups.OFFICE)).isNotNull();
        assertThat(onlyTask(Bpmn.Task.SUBMIT_EXPLANATION, TaskGroups.unitReporter(ZJFY))).isNotNull();
        assertThat(ended(cycle)).isTrue();
    }

    @Test
    void aUnitReturnedByTheLeaderIsAssessedAgainFromTheNamedStepThenProposedAndApprovedAgain() {
        ProcessInstance cycle = yearDoneAndProposed(proposal("p-1", SJW, "好", NONE, ZJFY, "较好", NONE));
        complete(approvalTask("party-dept"), "leader", new ApprovalForm(List.of(SJW), List.of()));
        complete(approvalTask("court"), "leader", new ApprovalForm(List.of(), List.of(new ApprovalForm.Return(ZJFY,
                "第四季度审核分与佐证材料不符，请重新终审", ApprovalForm.ReturnStep.YEAR_END_REVIEW))));
        assertThat(commands.of(GradesApproved.TYPE)).extracting(GradesApproved::unitCodes).containsExactly(List.of(SJW));

        // The returned unit runs again from the final review: no new self-assessment, departments review, scores again.
        ProcessInstance rework = engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(Bpmn.Process.UNIT_ASSESSMENT).processInstanceBusinessKey("2015:bz-zjfy").singleResult();
        assertThat(variable(rework, Bpmn.Var.RESUME_AT)).isEqualTo(Bpmn.Step.YEAR_END_REVIEW);
        assertThat(tasks(Bpmn.Task.SUBMIT_SELF_ASSESSMENT)).isEmpty();
        assertThat(tasks(Bpmn.Task.REVIEW_SELF_ASSESSMENT)).hasSize(2)
                .allSatisfy(t -> assertThat(engine.getTaskService().getVariableLocal(t.getId(), Bpmn.Var.PERIOD)).isEqualTo("YEAR"));
        acceptAll(ZJFY, "YEAR", 1);
        assertThat(commands.of(ComputeScores.TYPE)).hasSize(3).last().satisfies(c ->
                assertThat(c.reason()).contains(Bpmn.Step.YEAR_END_REVIEW));
        scoresComputed(ZJFY, ScoresComputed.Trigger.FULL_RECOMPUTE);

        Task repropose = onlyTask(Bpmn.Task.REPROPOSE_GRADES, TaskGroups.OFFICE);
        assertThat(commands.of(io.kaohe.contracts.events.TaskReturned.TYPE))
                .filteredOn(r -> r.taskId().equals(repropose.getId())).singleElement().satisfies(r -> {
                    assertThat(r.reason()).isEqualTo("bz-zjfy：第四季度审核分与佐证材料不符，请重新终审");
                    assertThat(r.returnedBy()).isEqualTo("leader");
                    assertThat(r.candidateGroups()).containsExactly(TaskGroups.OFFICE);
                });
        assertThat(correlation.gradesProposed(proposal("p-2", SJW, "好", NONE, ZJFY, "好", NONE))).isEqualTo(EventCorrelation.Outcome.CORRELATED);
        runDueJobs();
        assertThat(engine.getTaskService().createTaskQuery().taskId(repropose.getId()).count()).isZero();
        complete(approvalTask("court"), "leader", new ApprovalForm(List.of(ZJFY), List.of()));
        assertThat(commands.of(GradesApproved.TYPE)).extracting(GradesApproved::proposalId, GradesApproved::unitCodes)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("p-1", List.of(SJW)),
                        org.assertj.core.groups.Tuple.tuple("p-2", List.of(ZJFY)));
        publicityOver(cycle);
        complete(onlyTask(Bpmn.Task.PUBLISH_RESULTS, TaskGroups.OFFICE), "office", new PublishResultsForm("通报"));
        assertThat(commands.of(RectificationOpened.TYPE)).isEmpty();
        assertThat(ended(cycle)).isTrue();
    }

    @Test
    void aProposalDeliveredTwiceReachesTheLeaderOnce() {
        yearDoneAndProposed(proposal("p-1", SJW, "好", NONE, ZJFY, "好", NONE));
        assertThat(correlation.gradesProposed(proposal("p-1", SJW, "好", NONE, ZJFY, "好", NONE)))
                .isEqualTo(EventCorrelation.Outcome.DUPLICATE);
        assertThat(tasks(Bpmn.Task.APPROVE_GRADES)).hasSize(2);
    }

    @Test
    void renamedGradesOpenTheRectificationsTheirConsequencesCallForWhateverTheyAreCalled() {
        // The office renamed every band (优秀/良好/合格/不合格): 不合格 obliges a talk and a report, 合格 a written explanation.
        ProcessInstance cycle = yearDoneAndProposed(proposal("p-1", SJW, "不合格", TALK_AND_REPORT, ZJFY, "合格",
                WRITTEN_EXPLANATION));
        at(LocalDateTime.of(2016, 1, 20, 10, 0));
        complete(approvalTask("party-dept"), "leader", new ApprovalForm(List.of(SJW), List.of()));
        complete(approvalTask("court"), "leader", new ApprovalForm(List.of(ZJFY), List.of()));
        assertThat(commands.of(GradesApproved.TYPE)).flatExtracting(GradesApproved::grades).containsExactlyInAnyOrder(
                new GradesApproved.ApprovedGrade(SJW, "不合格", TALK_AND_REPORT),
                new GradesApproved.ApprovedGrade(ZJFY, "合格", WRITTEN_EXPLANATION));
        publicityOver(cycle);
        complete(onlyTask(Bpmn.Task.PUBLISH_RESULTS, TaskGroups.OFFICE), "office", new PublishResultsForm("通报"));

        assertThat(commands.of(RectificationOpened.TYPE)).extracting(RectificationOpened::rectificationId,
                        RectificationOpened::kind, RectificationOpened::grade)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("2015:bz-sjw:grade", RectificationOpened.TALK_AND_REPORT, "不合格"),
                        org.assertj.core.groups.Tuple.tuple("2015:bz-zjfy:grade", RectificationOpened.EXPLANATION, "合格"));
        // Each started here as its kind: a talk with 不合格's unit, a written explanation from 合格's.
        runDueJobs();
        assertThat(engine.getTaskService().createTaskQuery().taskDefinitionKey(Bpmn.Task.HOLD_TALK)
                .processInstanceBusinessKey("2015:bz-sjw:grade").count()).isOne();
        assertThat(engine.getTaskService().createTaskQuery().taskDefinitionKey(Bpmn.Task.SUBMIT_EXPLANATION)
                .processInstanceBusinessKey("2015:bz-zjfy:grade").count()).isOne();
        assertThat(tasks(Bpmn.Task.HOLD_TALK)).hasSize(1);
        assertThat(ended(cycle)).isTrue();
    }

    @Test
    void aGradeCalledAsSeed003sPoorGradeOpensNothingWhenItsBandObligesNothing() {
        ProcessInstance cycle = yearDoneAndProposed(proposal("p-1", SJW, "较差", NONE, ZJFY, "一般", NONE));
        complete(approvalTask("party-dept"), "leader", new ApprovalForm(List.of(SJW), List.of()));
        complete(approvalTask("court"), "leader", new ApprovalForm(List.of(ZJFY), List.of()));
        publicityOver(cycle);
        complete(onlyTask(Bpmn.Task.PUBLISH_RESULTS, TaskGroups.OFFICE), "office", new PublishResultsForm("通报"));
        assertThat(commands.of(RectificationOpened.TYPE)).isEmpty();
        assertThat(ended(cycle)).isTrue();
    }

    static GradesProposed proposal(String id, String sjw, String sjwGrade, GradeConsequence sjwConsequence,
                                   String zjfy, String zjfyGrade, GradeConsequence zjfyConsequence) {
        return new GradesProposed(CYCLE, id, List.of(
                new GradesProposed.UnitGrade(sjw, "市纪委（监察局）", "party-dept", new BigDecimal("41.00"),
                        new BigDecimal("50.00"), new BigDecimal("82.00"), 1, sjwGrade, sjwGrade, null, sjwConsequence),
                new GradesProposed.UnitGrade(zjfy, "市中级法院", "court", new BigDecimal("39.00"),
                        new BigDecimal("50.00"), new BigDecimal("78.00"), 1, zjfyGrade, zjfyGrade, null, zjfyConsequence)),
                "office", Instant.now());
    }
}
