package io.kaohe.contracts.rubric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ScoringRuleProblemsTest {

    private static final BigDecimal FIVE = new BigDecimal("5");

    private static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }

    static Stream<ScoringRule> oneValidRuleOfEachType() {
        return Stream.of(
                new DeductionPerIncident(dec("0.1"), "每发生1起扣0.1分，扣完为止"),
                new QuantifiedRate("得分=单位活动实际开展数÷单位需开展活动数×0.5"),
                new Shortfall(List.of(new ShortfallTerm("人", dec("0.1"))), "每少1人扣0.1分"),
                new Threshold(dec("95"), dec("0.1"), "审限内结案率达95%"),
                new PerCompletedItem(dec("2"), "每完成一项计2分"),
                new AllOrNothing("完成计满分，未完成不计分"),
                new Veto("零进京、零上访、零事件，否则不计分"),
                new Judged("根据完成情况计分"),
                new Converted("《细则》", dec("100"), "按《细则》进行评分，折算计入总分"),
                new BasePlusAdjustments(dec("3"), FIVE, "基础分为3分，最高得分为5分"));
    }

    @ParameterizedTest
    @MethodSource("oneValidRuleOfEachType")
    void rejectsMissingPoints(ScoringRule rule) {
        assertThat(rule.problems(null)).anySatisfy(p -> assertThat(p).contains("points").contains("缺失"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "-0.01"})
    void rejectsPointsThatAreNotPositive(String points) {
        assertThat(new Judged("根据完成情况计分").problems(dec(points)))
                .singleElement().satisfies(p -> assertThat(p).contains("points").contains("> 0"));
    }

    @Test
    void rejectsPointsWithMoreThanTwoDecimalPlaces() {
        assertThat(new Judged("根据完成情况计分").problems(dec("2.875")))
                .singleElement().satisfies(p -> assertThat(p).contains("points").contains("2 decimal places"));
    }

    @Test
    void acceptsPointsWithTwoDecimalPlacesOrTrailingZeros() {
        assertThat(new Judged("根据完成情况计分").problems(dec("2.87"))).isEmpty();
        assertThat(new Judged("根据完成情况计分").problems(dec("2.8700"))).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void rejectsMissingWordingOnEveryRuleType(String wording) {
        List<ScoringRule> withoutWording = List.of(
                new DeductionPerIncident(dec("0.1"), wording),
                new QuantifiedRate(wording),
                new Shortfall(List.of(new ShortfallTerm("人", dec("0.1"))), wording),
                new Threshold(dec("95"), dec("0.1"), wording),
                new PerCompletedItem(dec("2"), wording),
                new AllOrNothing(wording),
                new Veto(wording),
                new Judged(wording),
                new Converted("《细则》", dec("100"), wording),
                new BasePlusAdjustments(dec("3"), FIVE, wording));
        assertThat(withoutWording).allSatisfy(rule -> assertThat(rule.problems(FIVE))
                .singleElement().satisfies(p -> assertThat(p).contains("wording").contains("缺失")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0.1"})
    void rejectsDeductionPerIncidentThatIsNotPositive(String deduction) {
        assertThat(new DeductionPerIncident(dec(deduction), "每发生1起扣分").problems(FIVE))
                .singleElement().satisfies(p -> assertThat(p).contains("deductionPerIncident").contains("> 0"));
    }

    @Test
    void rejectsMissingDeductionPerIncident() {
        assertThat(new DeductionPerIncident(null, "每发生1起扣分").problems(FIVE))
                .singleElement().satisfies(p -> assertThat(p).contains("deductionPerIncident").contains("missing"));
    }

    @Test
    void rejectsShortfallWithoutTerms() {
        assertThat(new Shortfall(null, "每少1人扣0.1分").problems(FIVE))
                .singleElement().satisfies(p -> assertThat(p).contains("terms").contains("empty"));
        assertThat(new Shortfall(List.of(), "每少1人扣0.1分").problems(FIVE))
                .singleElement().satisfies(p -> assertThat(p).contains("terms").contains("empty"));
    }

    @Test
    void reportsEveryBadShortfallTermByItsPosition() {
        List<ShortfallTerm> terms = new ArrayList<>(Arrays.asList(
                new ShortfallTerm("人", dec("0.1")),
                new ShortfallTerm(" ", dec("0.1")),
                new ShortfallTerm("人", dec("0")),
                null));
        assertThat(new Shortfall(terms, "每少1人扣0.1分").problems(FIVE)).satisfiesExactly(
                p -> assertThat(p).contains("terms[1].label").contains("missing"),
                p -> assertThat(p).contains("terms[2].label").contains("duplicate"),
                p -> assertThat(p).contains("terms[2].deductionPerUnit").contains("> 0"),
                p -> assertThat(p).contains("terms[3]").contains("missing"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "100.01", "120"})
    void rejectsThresholdOutsideZeroToHundred(String threshold) {
        assertThat(new Threshold(dec(threshold), dec("0.1"), "达95%").problems(FIVE))
                .singleElement().satisfies(p -> assertThat(p).contains("threshold").contains("(0, 100]"));
    }

    @Test
    void acceptsThresholdOfExactlyHundred() {
        assertThat(new Threshold(dec("100"), dec("1"), "年度办结率低于100%，每个百分点扣1分").problems(FIVE)).isEmpty();
    }

    @Test
    void rejectsThresholdWithoutDeductionPerPointBelow() {
        assertThat(new Threshold(dec("95"), dec("0"), "达95%").problems(FIVE))
                .singleElement().satisfies(p -> assertThat(p).contains("deductionPerPointBelow"));
        assertThat(new Threshold(null, null, "达95%").problems(FIVE)).satisfiesExactly(
                p -> assertThat(p).contains("threshold").contains("missing"),
                p -> assertThat(p).contains("deductionPerPointBelow").contains("missing"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-2"})
    void rejectsPointsPerItemThatIsNotPositive(String pointsPerItem) {
        assertThat(new PerCompletedItem(dec(pointsPerItem), "每完成一项计分").problems(FIVE))
                .singleElement().satisfies(p -> assertThat(p).contains("pointsPerItem").contains("> 0"));
    }

    @Test
    void allowsPointsPerItemAboveThePoints() {
        assertThat(new PerCompletedItem(dec("2"), "每完成一项计2分").problems(dec("1.5"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-100"})
    void rejectsSubMaximumThatIsNotPositive(String subMaximum) {
        assertThat(new Converted("《细则》", dec(subMaximum), "按《细则》折算").problems(FIVE))
                .singleElement().satisfies(p -> assertThat(p).contains("subMaximum").contains("> 0"));
    }

    @Test
    void rejectsConvertedWithoutScheme() {
        assertThat(new Converted(" ", dec("100"), "按《细则》折算").problems(FIVE))
                .singleElement().satisfies(p -> assertThat(p).contains("scheme").contains("missing"));
    }

    @Test
    void rejectsBaseAboveCap() {
        assertThat(new BasePlusAdjustments(dec("110"), dec("100"), "基础分为110分").problems(dec("100")))
                .singleElement().satisfies(p -> assertThat(p).contains("base").contains("cap").contains("<= cap"));
    }

    @Test
    void rejectsCapDifferentFromPoints() {
        assertThat(new BasePlusAdjustments(dec("80"), dec("100"), "基础分为80分").problems(dec("20")))
                .singleElement().satisfies(p -> assertThat(p).contains("cap").contains("points").contains("equal"));
    }

    @Test
    void acceptsCapEqualToPointsWhateverTheScale() {
        assertThat(new BasePlusAdjustments(dec("80"), dec("100"), "基础分为80分").problems(dec("100.00"))).isEmpty();
    }

    @Test
    void rejectsNegativeOrMissingBase() {
        assertThat(new BasePlusAdjustments(dec("-1"), dec("100"), "基础分").problems(dec("100")))
                .singleElement().satisfies(p -> assertThat(p).contains("base").contains(">= 0"));
        assertThat(new BasePlusAdjustments(null, null, "基础分").problems(dec("100"))).satisfiesExactly(
                p -> assertThat(p).contains("base").contains("missing"),
                p -> assertThat(p).contains("cap").contains("missing"));
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThat(new BasePlusAdjustments(dec("120"), dec("100"), null).problems(dec("0.001"))).satisfiesExactly(
                p -> assertThat(p).contains("points"),
                p -> assertThat(p).contains("wording"),
                p -> assertThat(p).contains("base must be <= cap"),
                p -> assertThat(p).contains("cap must equal points"));
    }

    @Test
    void namesEachProblemInChineseAndEnglish() {
        assertThat(new DeductionPerIncident(dec("-1"), "每发生1起扣分").problems(FIVE))
                .singleElement().isEqualTo("每起扣分 deductionPerIncident 必须大于0 / deductionPerIncident must be > 0, was -1");
    }

    @Test
    void shortfallMeasuresOneValuePerTermLabel() {
        Shortfall rule = new Shortfall(
                List.of(new ShortfallTerm("人", dec("0.1")), new ShortfallTerm("大要案比例百分点", dec("0.01"))),
                "每少1人扣0.1分，大要案比例每下降1个百分点扣0.01分（扣完为止）");
        assertThat(rule.measures()).extracting(MeasureSpec::name, MeasureSpec::kind).containsExactly(
                tuple("人", MeasureKind.DECIMAL),
                tuple("大要案比例百分点", MeasureKind.DECIMAL));
    }
}
