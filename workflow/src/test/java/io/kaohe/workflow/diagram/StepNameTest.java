package io.kaohe.workflow.diagram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StepNameTest {

    @Test
    void aModelsNameSplitsIntoItsChineseAndEnglishHalves() {
        assertThat(StepName.of("提交自评（填报、主要领导签发）/ submit the self-assessment"))
                .isEqualTo(new StepName("提交自评（填报、主要领导签发）", "submit the self-assessment"));
        assertThat(StepName.of("各单位年度考核 / each unit's assessment").zh()).isEqualTo("各单位年度考核");
        assertThat(StepName.of("只有中文")).isEqualTo(new StepName("只有中文", "只有中文"));
        assertThat(StepName.of(null)).isEqualTo(new StepName(null, null));
    }

    @Test
    void aCandidateGroupIsARoleAndTheUnitOrDepartmentByNameNeverTheGroupId() {
        assertThat(CycleDiagram.party("dept-reviewer:sfpymj", Map.of(), Map.of("sfpymj", "市扶贫移民局")))
                .isEqualTo(new PositionView.Party("dept-reviewer", null, null, "sfpymj", "市扶贫移民局"));
        assertThat(CycleDiagram.party("office-admin", Map.of(), Map.of()))
                .isEqualTo(new PositionView.Party("office-admin", null, null, null, null));
        assertThat(CycleDiagram.party("unit-reporter:nowhere", Map.of(), Map.of()).unitCode()).isEqualTo("nowhere");
    }
}
