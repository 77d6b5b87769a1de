package io.kaohe.workflow.cycles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;

class CycleStageTest {

    @Test
    void aCycleInItsUnitsYearIsAssessing() {
        assertThat(CycleStage.of(List.of("CallActivity_UnitAssessment"))).isEqualTo(CycleStage.ASSESSING);
        assertThat(CycleStage.of(List.of("CallActivity_UnitAssessment#multiInstanceBody"))).isEqualTo(CycleStage.ASSESSING);
        assertThat(CycleStage.of(List.of("UserTask_ProposeGrades"))).isEqualTo(CycleStage.PROPOSING);
        assertThat(CycleStage.of(List.of("UserTask_PublishResults"))).isEqualTo(CycleStage.PUBLISHING);
    }

    @Test
    void approvedResultsInTheirPublicityPeriodOrUnderAppealArePublicityNotYetPublishing() {
        assertThat(CycleStage.of(List.of("TimerEvent_PublicityEnds"))).isEqualTo(CycleStage.PUBLICITY);
        assertThat(CycleStage.of(List.of("SubProcess_Publicity", "UserTask_DecideAppeal"))).isEqualTo(CycleStage.PUBLICITY);
        // A unit approved again after its appeal is still in the publicity stage, not the category approval.
        assertThat(CycleStage.of(List.of("UserTask_ReapproveUnit"))).isEqualTo(CycleStage.PUBLICITY);
    }

    @Test
    void categoriesApprovedSideBySideShowTheLeastAdvancedStage() {
        assertThat(CycleStage.of(List.of("SubProcess_CategoryApproval", "UserTask_ApproveGrades", "CallActivity_ReworkUnit")))
                .isEqualTo(CycleStage.REWORKING);
        assertThat(CycleStage.of(List.of("SubProcess_CategoryApproval", "UserTask_ApproveGrades")))
                .isEqualTo(CycleStage.APPROVING);
    }

    @Test
    void anActivityNobodyNamedGivesNoStage() {
        assertThat(CycleStage.of(List.of("Gateway_Somewhere"))).isNull();
        assertThat(CycleStage.of(List.of())).isNull();
    }

    @Test
    void everyStepTheAnnualCycleWaitsInHasAStage() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/bpmn/annual-cycle.bpmn")) {
            BpmnModelInstance model = Bpmn.readModelFromStream(in);
            List<String> waits = Stream.of(UserTask.class, CallActivity.class, SubProcess.class)
                    .flatMap(type -> model.getModelElementsByType(type).stream()).map(FlowNode::getId).toList();
            assertThat(waits).hasSizeGreaterThanOrEqualTo(6);
            for (String id : waits) {
                assertThat(CycleStage.of(List.of(id))).as(id + " has a stage a person can read").isNotNull();
            }
        }
    }
}
