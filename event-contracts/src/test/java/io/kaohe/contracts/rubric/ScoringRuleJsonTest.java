package io.kaohe.contracts.rubric;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The wire shapes are shared with rubric data files written by others: they must not drift. */
class ScoringRuleJsonTest {

    private final ObjectMapper json = new ObjectMapper();

    static Stream<Arguments> everyRuleType() {
        return Stream.of(
                Arguments.of(
                        "{\"type\":\"deduction-per-incident\",\"deductionPerIncident\":0.1,\"wording\":\"每发生1起扣0.1分，扣完为止\"}",
                        new DeductionPerIncident(new BigDecimal("0.1"), "每发生1起扣0.1分，扣完为止")),
                Arguments.of(
                        "{\"type\":\"quantified-rate\",\"wording\":\"得分=单位活动实际开展数÷单位需开展活动数×0.5\"}",
                        new QuantifiedRate("得分=单位活动实际开展数÷单位需开展活动数×0.5")),
                Arguments.of(
                        "{\"type\":\"shortfall\",\"terms\":[{\"label\":\"人\",\"deductionPerUnit\":0.1},"
                                + "{\"label\":\"大要案比例百分点\",\"deductionPerUnit\":0.01}],"
                                + "\"wording\":\"每少1人扣0.1分，大要案比例每下降1个百分点扣0.01分（扣完为止）\"}",
                        new Shortfall(
                                List.of(new ShortfallTerm("人", new BigDecimal("0.1")),
                                        new ShortfallTerm("大要案比例百分点", new BigDecimal("0.01"))),
                                "每少1人扣0.1分，大要案比例每下降1个百分点扣0.01分（扣完为止）")),
                Arguments.of(
                        "{\"type\":\"threshold\",\"threshold\":95,\"deductionPerPointBelow\":0.1,"
                                + "\"wording\":\"审限内结案率达95%…每少完成一个百分点扣0.1分\"}",
                        new Threshold(new BigDecimal("95"), new BigDecimal("0.1"), "审限内结案率达95%…每少完成一个百分点扣0.1分")),
                Arguments.of(
                        "{\"type\":\"per-completed-item\",\"pointsPerItem\":2,\"wording\":\"每完成一项计2分\"}",
                        new PerCompletedItem(new BigDecimal("2"), "每完成一项计2分")),
                Arguments.of(
                        "{\"type\":\"all-or-nothing\",\"wording\":\"完成计满分，未完成不计分\"}",
                        new AllOrNothing("完成计满分，未完成不计分")),
                Arguments.of(
                        "{\"type\":\"veto\",\"wording\":\"零进京、零上访、零事件，否则不计分\"}",
                        new Veto("零进京、零上访、零事件，否则不计分")),
                Arguments.of(
                        "{\"type\":\"judged\",\"wording\":\"根据完成情况计分\"}",
                        new Judged("根据完成情况计分")),
                Arguments.of(
                        "{\"type\":\"converted\",\"scheme\":\"《2015年度工业和信息化目标考核实施细则》\",\"subMaximum\":100,"
                                + "\"wording\":\"按《2015年度工业和信息化目标考核实施细则》进行评分，折算计入总分\"}",
                        new Converted("《2015年度工业和信息化目标考核实施细则》", new BigDecimal("100"),
                                "按《2015年度工业和信息化目标考核实施细则》进行评分，折算计入总分")),
                Arguments.of(
                        "{\"type\":\"base-plus-adjustments\",\"base\":80,\"cap\":100,"
                                + "\"wording\":\"基础分为80分…最高得分为100分\"}",
                        new BasePlusAdjustments(new BigDecimal("80"), new BigDecimal("100"), "基础分为80分…最高得分为100分")));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("everyRuleType")
    void readsTheSharedJsonShapeIntoTheMatchingRecord(String shape, ScoringRule expected) throws Exception {
        assertThat(json.readValue(shape, ScoringRule.class)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("everyRuleType")
    void writesExactlyTheSharedJsonShape(String shape, ScoringRule rule) throws Exception {
        assertThat(json.writeValueAsString(rule)).isEqualTo(shape);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("everyRuleType")
    void roundTripsWithoutChange(String shape, ScoringRule ignored) throws Exception {
        ScoringRule read = json.readValue(shape, ScoringRule.class);
        assertThat(json.writeValueAsString(read)).isEqualTo(shape);
        assertThat(json.readValue(json.writeValueAsString(read), ScoringRule.class)).isEqualTo(read);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("everyRuleType")
    void theSharedExamplesAreValidRules(String shape, ScoringRule rule) {
        BigDecimal points = rule instanceof BasePlusAdjustments ? new BigDecimal("100") : new BigDecimal("5");
        assertThat(rule.problems(points)).isEmpty();
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("everyRuleType")
    void declaresTheValuesItNeedsMeasured(String shape, ScoringRule rule) {
        assertThat(rule.measures()).isNotEmpty().allSatisfy(measure -> {
            assertThat(measure.name()).isNotBlank();
            assertThat(measure.kind()).isNotNull();
            assertThat(measure.label()).isNotBlank();
        });
    }
}
