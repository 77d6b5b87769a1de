package io.kaohe.scoring.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kaohe.contracts.rubric.Adjustment;
import io.kaohe.contracts.rubric.AllOrNothing;
import io.kaohe.contracts.rubric.BasePlusAdjustments;
import io.kaohe.contracts.rubric.Converted;
import io.kaohe.contracts.rubric.DeductionPerIncident;
import io.kaohe.contracts.rubric.InvalidMeasurementException;
import io.kaohe.contracts.rubric.Judged;
import io.kaohe.contracts.rubric.MeasureKind;
import io.kaohe.contracts.rubric.Measurements;
import io.kaohe.contracts.rubric.PerCompletedItem;
import io.kaohe.contracts.rubric.QuantifiedRate;
import io.kaohe.contracts.rubric.ScoringRule;
import io.kaohe.contracts.rubric.Shortfall;
import io.kaohe.contracts.rubric.ShortfallTerm;
import io.kaohe.contracts.rubric.Threshold;
import io.kaohe.contracts.rubric.Veto;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cases use the seeds' own wording (seed 001 target sheet, seed 003 supervision rules). */
class RuleEvaluatorTest {

    private final RuleEvaluator evaluator = new RuleEvaluator();

    private static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }

    private RuleOutcome evaluate(ScoringRule rule, String points, Map<String, ?> measured) {
        return evaluator.evaluate(rule, dec(points), Measurements.of(measured));
    }

    @Nested
    class DeductionPerIncidentRule {

        private final DeductionPerIncident rule = new DeductionPerIncident(dec("0.1"), "每发生1起扣0.1分，扣完为止");

        @Test
        void deductsPerIncidentAndExplainsIt() {
            RuleOutcome outcome = evaluate(rule, "5", Map.of("incidents", 3));
            assertThat(outcome.score()).isEqualByComparingTo("4.70");
            assertThat(outcome.explanation()).isEqualTo("发生3起，每起扣0.1分，扣0.3分，得4.70分");
        }

        @Test
        void keepsFullPointsWhenNothingHappened() {
            assertThat(evaluate(rule, "5", Map.of("incidents", 0)))
                    .isEqualTo(new RuleOutcome(dec("5.00"), "未发生，不扣分，得5.00分"));
        }

        @ParameterizedTest
        @CsvSource({"50", "60", "1000"})
        void floorsDeductionAtZeroWhenIncidentsExceedPoints(long incidents) {
            RuleOutcome outcome = evaluate(rule, "5", Map.of("incidents", incidents));
            assertThat(outcome.score()).isEqualByComparingTo("0").hasScaleOf(2);
            assertThat(outcome.explanation()).contains("扣完为止").endsWith("得0.00分");
        }

        @Test
        void acceptsAWholeCountWrittenWithDecimals() {
            assertThat(evaluate(rule, "5", Map.of("incidents", dec("3.0"))).score()).isEqualByComparingTo("4.70");
        }

        @Test
        void rejectsNegativeCount() {
            assertThatThrownBy(() -> evaluate(rule, "5", Map.of("incidents", -1)))
                    .isInstanceOfSatisfying(InvalidMeasurementException.class, e -> {
                        assertThat(e.measure()).isEqualTo("incidents");
                        assertThat(e.expected()).isEqualTo(MeasureKind.COUNT);
                    })
                    .hasMessageContaining("incidents").hasMessageContaining("非负整数").hasMessageContaining("negative");
        }

        @Test
        void rejectsNonIntegerCount() {
            assertThatThrownBy(() -> evaluate(rule, "5", Map.of("incidents", dec("2.5"))))
                    .isInstanceOf(InvalidMeasurementException.class)
                    .hasMessageContaining("incidents").hasMessageContaining("whole number").hasMessageContaining("2.5");
        }

        @Test
        void rejectsMissingMeasuredValueByName() {
            assertThatThrownBy(() -> evaluate(rule, "5", Map.of("incident", 3)))
                    .isInstanceOfSatisfying(InvalidMeasurementException.class,
                            e -> assertThat(e.measure()).isEqualTo("incidents"))
                    .hasMessageContaining("「incidents」（发生起数）").hasMessageContaining("missing");
        }

        @Test
        void rejectsBinaryFloatingPoint() {
            assertThatThrownBy(() -> evaluate(rule, "5", Map.of("incidents", 3.0d)))
                    .isInstanceOf(InvalidMeasurementException.class)
                    .hasMessageContaining("incidents").hasMessageContaining("BigDecimal");
        }
    }

    @Nested
    class QuantifiedRateRule {

        private final QuantifiedRate rule = new QuantifiedRate("得分=单位活动实际开展数÷单位需开展活动数×0.5");

        @ParameterizedTest(name = "{0} of {1} × 0.5 = {2}")
        @CsvSource({
            "0, 3, 0.00",
            "1, 3, 0.17",  // 0.1666… rounds half up to 0.17
            "2, 3, 0.33",  // 0.3333… rounds to 0.33
            "3, 3, 0.50",
            "1, 8, 0.06",  // 0.0625 → 0.06
            "3, 8, 0.19",  // 0.1875 → 0.19
            "5, 8, 0.31"   // 0.3125 → 0.31
        })
        void scoresActualOverRequiredTimesPointsRoundedHalfUpToTwoPlaces(int actual, int required, String expected) {
            RuleOutcome outcome = evaluate(rule, "0.5", Map.of("actual", actual, "required", required));
            assertThat(outcome.score()).isEqualTo(dec(expected));
        }

        @Test
        void roundsAnExactHalfUp() {
            // 1 ÷ 8 × 0.2 = 0.025 exactly: HALF_UP gives 0.03 (HALF_EVEN would give 0.02).
            assertThat(evaluate(rule, "0.2", Map.of("actual", 1, "required", 8)).score()).isEqualTo(dec("0.03"));
        }

        @Test
        void explainsTheFormula() {
            assertThat(evaluate(rule, "0.5", Map.of("actual", 1, "required", 3)).explanation())
                    .isEqualTo("实际完成1，应完成3，得分=1÷3×0.5，得0.17分");
        }

        @Test
        void neverScoresAbovePointsWhenMoreThanRequiredIsDone() {
            RuleOutcome outcome = evaluate(rule, "0.5", Map.of("actual", 4, "required", 3));
            assertThat(outcome.score()).isEqualTo(dec("0.50"));
            assertThat(outcome.explanation()).contains("超额完成按满分计");
        }

        @Test
        void rejectsZeroRequired() {
            assertThatThrownBy(() -> evaluate(rule, "0.5", Map.of("actual", 1, "required", 0)))
                    .isInstanceOfSatisfying(InvalidMeasurementException.class,
                            e -> assertThat(e.measure()).isEqualTo("required"))
                    .hasMessageContaining("> 0");
        }
    }

    @Nested
    class ShortfallRule {

        // Seed 001, 市检察院 反贪、反渎工作 (5分).
        private final Shortfall rule = new Shortfall(
                List.of(new ShortfallTerm("人", dec("0.1")), new ShortfallTerm("大要案比例百分点", dec("0.01"))),
                "每少1人扣0.1分，大要案比例每下降1个百分点扣0.01分（扣完为止）");

        @Test
        void deductsEachTermAndAddsThemUp() {
            RuleOutcome outcome = evaluate(rule, "5", Map.of("人", 3, "大要案比例百分点", 5));
            assertThat(outcome.score()).isEqualTo(dec("4.65"));
            assertThat(outcome.explanation()).isEqualTo(
                    "少3人，每人扣0.1分，扣0.3分；少5大要案比例百分点，每大要案比例百分点扣0.01分，扣0.05分；共扣0.35分，得4.65分");
        }

        @Test
        void keepsFullPointsWithoutShortfall() {
            assertThat(evaluate(rule, "5", Map.of("人", 0, "大要案比例百分点", 0)).score()).isEqualTo(dec("5.00"));
        }

        @Test
        void roundsAFractionalPercentagePointShortfallHalfUp() {
            // 2.5 points × 0.01 = 0.025 → 5 − 0.025 = 4.975 → 4.98
            assertThat(evaluate(rule, "5", Map.of("人", 0, "大要案比例百分点", dec("2.5"))).score())
                    .isEqualTo(dec("4.98"));
        }

        @Test
        void floorsDeductionAtZeroWhenShortfallExceedsPoints() {
            RuleOutcome outcome = evaluate(rule, "5", Map.of("人", 45, "大要案比例百分点", 70));
            assertThat(outcome.score()).isEqualTo(dec("0.00"));
            assertThat(outcome.explanation()).contains("扣完为止");
        }

        @Test
        void rejectsMissingTermValueByItsLabel() {
            assertThatThrownBy(() -> evaluate(rule, "5", Map.of("人", 3)))
                    .isInstanceOfSatisfying(InvalidMeasurementException.class,
                            e -> assertThat(e.measure()).isEqualTo("大要案比例百分点"));
        }
    }

    @Nested
    class ThresholdRule {

        // Seed 001, 市中院: 审限内结案率达95% (2分), 每少完成一个百分点扣0.1分（扣完为止）.
        private final Threshold rule = new Threshold(dec("95"), dec("0.1"), "审限内结案率达95%…每少完成一个百分点扣0.1分（扣完为止）");

        @ParameterizedTest(name = "rate {0}% → {1}")
        @CsvSource({
            "100,  2.00",
            "97,   2.00",  // above
            "95,   2.00",  // at
            "94.5, 1.95",  // half a point below deducts half
            "93,   1.80",  // below
            "80,   0.50",
            "75,   0.00",  // exactly used up
            "0,    0.00"   // floored
        })
        void deductsPerPointBelowTheThresholdOnly(String rate, String expected) {
            assertThat(evaluate(rule, "2", Map.of("rate", dec(rate))).score()).isEqualTo(dec(expected));
        }

        @Test
        void explainsHowFarBelow() {
            assertThat(evaluate(rule, "2", Map.of("rate", 93)).explanation())
                    .isEqualTo("完成率93%，低于95%共2个百分点，每个百分点扣0.1分，扣0.2分，得1.80分");
            assertThat(evaluate(rule, "2", Map.of("rate", 95)).explanation())
                    .isEqualTo("完成率95%，达到95%，不扣分，得2.00分");
        }

        @Test
        void rejectsRateAboveHundred() {
            assertThatThrownBy(() -> evaluate(rule, "2", Map.of("rate", dec("100.5"))))
                    .isInstanceOfSatisfying(InvalidMeasurementException.class,
                            e -> assertThat(e.expected()).isEqualTo(MeasureKind.PERCENT))
                    .hasMessageContaining("rate").hasMessageContaining("100");
        }
    }

    @Nested
    class PerCompletedItemRule {

        // Seed 001, 市中院 "司法公信提升年" (10分): five named tasks, 2 points each.
        private final PerCompletedItem rule = new PerCompletedItem(dec("2"),
                "开展超审（执）限专项治理、司法作风专项治理、抓好司法公开、提升队伍素质能力以及接受社会监督，每完成一项计2分");

        @ParameterizedTest(name = "{0} items → {1}")
        @CsvSource({"0, 0.00", "1, 2.00", "4, 8.00", "5, 10.00"})
        void countsPointsPerCompletedItem(int items, String expected) {
            assertThat(evaluate(rule, "10", Map.of("itemsCompleted", items)).score()).isEqualTo(dec(expected));
        }

        @Test
        void capsAtPointsWhenMoreItemsAreCompleted() {
            RuleOutcome outcome = evaluate(rule, "10", Map.of("itemsCompleted", 7));
            assertThat(outcome.score()).isEqualTo(dec("10.00"));
            assertThat(outcome.explanation()).isEqualTo("完成7项，每项计2分，计14分，以分值10分为上限，得10.00分");
        }
    }

    @Nested
    class AllOrNothingRule {

        // Seed 001, 市委政法委 item 8 (5分).
        private final AllOrNothing rule = new AllOrNothing("完成计满分，未完成不计分");

        @Test
        void scoresFullPointsWhenCompleted() {
            assertThat(evaluate(rule, "5", Map.of("completed", true)))
                    .isEqualTo(new RuleOutcome(dec("5.00"), "已完成，计满分，得5.00分"));
        }

        @Test
        void scoresNothingWhenNotCompleted() {
            assertThat(evaluate(rule, "5", Map.of("completed", false)))
                    .isEqualTo(new RuleOutcome(dec("0.00"), "未完成，不计分，得0.00分"));
        }

        @Test
        void rejectsAnAnswerThatIsNotYesOrNo() {
            assertThatThrownBy(() -> evaluate(rule, "5", Map.of("completed", "是")))
                    .isInstanceOfSatisfying(InvalidMeasurementException.class,
                            e -> assertThat(e.expected()).isEqualTo(MeasureKind.BOOLEAN))
                    .hasMessageContaining("completed").hasMessageContaining("是或否");
        }
    }

    @Nested
    class VetoRule {

        // Seed 001, 市委政法委 全年实现"三零"目标 (3分).
        private final Veto rule = new Veto("邪教人员零进京、零上访、零事件，否则不计分");

        @Test
        void scoresFullPointsWithZeroIncidents() {
            assertThat(evaluate(rule, "3", Map.of("incidents", 0)).score()).isEqualTo(dec("3.00"));
        }

        @ParameterizedTest
        @CsvSource({"1", "2", "10"})
        void scoresNothingAfterAnyIncident(int incidents) {
            RuleOutcome outcome = evaluate(rule, "3", Map.of("incidents", incidents));
            assertThat(outcome.score()).isEqualTo(dec("0.00"));
            assertThat(outcome.explanation()).isEqualTo("发生" + incidents + "起，不计分，得0.00分");
        }
    }

    @Nested
    class JudgedRule {

        private final Judged rule = new Judged("根据完成情况计分");

        @Test
        void takesTheAssessorsScoreWithTheReason() {
            RuleOutcome outcome = evaluate(rule, "4", Map.of("score", dec("3.5"), "reason", "一案双查开展不足"));
            assertThat(outcome).isEqualTo(new RuleOutcome(dec("3.50"), "评定3.5分，理由：一案双查开展不足，得3.50分"));
        }

        @Test
        void roundsTheAssessorsScoreHalfUp() {
            assertThat(evaluate(rule, "4", Map.of("score", dec("2.875"), "reason", "基本完成")).score())
                    .isEqualTo(dec("2.88"));
        }

        @Test
        void acceptsTheBoundsZeroAndPoints() {
            assertThat(evaluate(rule, "4", Map.of("score", 0, "reason", "未开展")).score()).isEqualTo(dec("0.00"));
            assertThat(evaluate(rule, "4", Map.of("score", 4, "reason", "全部完成")).score()).isEqualTo(dec("4.00"));
        }

        @ParameterizedTest
        @CsvSource({"4.01", "5", "-0.5"})
        void rejectsJudgedScoreOutsideZeroToPoints(String score) {
            assertThatThrownBy(() -> evaluate(rule, "4", Map.of("score", dec(score), "reason", "理由")))
                    .isInstanceOfSatisfying(InvalidMeasurementException.class,
                            e -> assertThat(e.measure()).isEqualTo("score"));
        }

        @Test
        void requiresAReason() {
            assertThatThrownBy(() -> evaluate(rule, "4", Map.of("score", 3)))
                    .isInstanceOfSatisfying(InvalidMeasurementException.class,
                            e -> assertThat(e.measure()).isEqualTo("reason"))
                    .hasMessageContaining("评分理由");
            assertThatThrownBy(() -> evaluate(rule, "4", Map.of("score", 3, "reason", "  ")))
                    .isInstanceOf(InvalidMeasurementException.class).hasMessageContaining("reason");
        }
    }

    @Nested
    class ConvertedRule {

        // Seed 001, 市纪委 item 7 (1分).
        private final Converted rule = new Converted("《2015年度工业和信息化目标考核实施细则》", dec("100"),
                "按《2015年度工业和信息化目标考核实施细则》进行评分，折算计入总分");

        @ParameterizedTest(name = "{0}/100 → {1}")
        @CsvSource({"0, 0.00", "85, 0.85", "87.5, 0.88", "66.6, 0.67", "100, 1.00"})
        void scalesTheSubScoreToThePoints(String subScore, String expected) {
            assertThat(evaluate(rule, "1", Map.of("subScore", dec(subScore))).score()).isEqualTo(dec(expected));
        }

        @Test
        void explainsTheConversion() {
            assertThat(evaluate(rule, "1", Map.of("subScore", 85)).explanation())
                    .isEqualTo("按《2015年度工业和信息化目标考核实施细则》得85分（满分100分），折算85÷100×1，得0.85分");
        }

        @Test
        void dividesByANonRoundSubMaximum() {
            Converted outOf30 = new Converted("《细则》", dec("30"), "按《细则》进行评分，折算计入总分");
            // 20 ÷ 30 × 5 = 3.333… → 3.33; 25 ÷ 30 × 5 = 4.1666… → 4.17
            assertThat(evaluate(outOf30, "5", Map.of("subScore", 20)).score()).isEqualTo(dec("3.33"));
            assertThat(evaluate(outOf30, "5", Map.of("subScore", 25)).score()).isEqualTo(dec("4.17"));
        }

        @Test
        void rejectsSubScoreAboveSubMaximum() {
            assertThatThrownBy(() -> evaluate(rule, "1", Map.of("subScore", 101)))
                    .isInstanceOfSatisfying(InvalidMeasurementException.class,
                            e -> assertThat(e.measure()).isEqualTo("subScore"))
                    .hasMessageContaining("100");
        }
    }

    @Nested
    class BasePlusAdjustmentsRule {

        // Seed 003, 第四篇 督查工作考核办法, 四、考核标准.
        private final BasePlusAdjustments rule = new BasePlusAdjustments(dec("80"), dec("100"),
                "列入考核的单位，基础分为80分，根据工作完成等情况给予加分或扣分，加分、扣分均取最高分；单项不重复计分，最高得分为100分");

        private RuleOutcome evaluate(List<Adjustment> bonuses, List<Adjustment> penalties) {
            return RuleEvaluatorTest.this.evaluate(rule, "100", Map.of("bonuses", bonuses, "penalties", penalties));
        }

        @Test
        void addsBonusesAndSubtractsPenaltiesFromTheBase() {
            RuleOutcome outcome = evaluate(
                    List.of(new Adjustment("承办招商引资事项按要求完成", dec("2")),
                            new Adjustment("被《督查通报》表扬", dec("1"))),
                    List.of(new Adjustment("督查台账不规范", dec("0.5"))));
            assertThat(outcome.score()).isEqualTo(dec("82.50"));
            assertThat(outcome.explanation()).isEqualTo(
                    "基础分80分；加分：承办招商引资事项按要求完成+2、被《督查通报》表扬+1；扣分：督查台账不规范−0.5；合计82.5分，得82.50分");
        }

        @Test
        void scoresTheBaseWithoutAdjustments() {
            assertThat(evaluate(List.of(), List.of()))
                    .isEqualTo(new RuleOutcome(dec("80.00"), "基础分80分；无加分；无扣分；合计80分，得80.00分"));
        }

        @Test
        void capsAtTheHighestScore() {
            RuleOutcome outcome = evaluate(
                    List.of(new Adjustment("在县委工作会议上受书面通报表扬", dec("5")),
                            new Adjustment("为集体挽回重大经济损失", dec("5")),
                            new Adjustment("督查信息被市级以上办刊采用（6篇）", dec("12"))),
                    List.of(new Adjustment("月度工作计划不符合要求", dec("0.2"))));
            assertThat(outcome.score()).isEqualTo(dec("100.00"));
            assertThat(outcome.explanation()).contains("合计101.8分，最高得分为100分");
        }

        @Test
        void floorsAtZero() {
            RuleOutcome outcome = evaluate(List.of(),
                    List.of(new Adjustment("因督查工作出现重大问题被诫勉谈话（9次）", dec("90"))));
            assertThat(outcome.score()).isEqualTo(dec("0.00"));
            assertThat(outcome.explanation()).contains("合计-10分，最低为0分");
        }

        @Test
        void countsTheSameItemOnceAtItsHighestAmount() {
            // "提前或超额完成的…酌情加0.5-1分" entered twice: counted once, at 1 ("单项不重复计分", "均取最高分").
            RuleOutcome outcome = evaluate(
                    List.of(new Adjustment("提前完成为民办实事项目", dec("0.5")),
                            new Adjustment("提前完成为民办实事项目", dec("1"))),
                    List.of(new Adjustment("未按时完成交办事项", dec("2")),
                            new Adjustment(" 未按时完成交办事项 ", dec("2"))));
            assertThat(outcome.score()).isEqualTo(dec("79.00"));
            assertThat(outcome.explanation()).contains("提前完成为民办实事项目单项不重复计分");
        }

        @Test
        void rejectsNegativeAdjustmentAmount() {
            assertThatThrownBy(() -> evaluate(List.of(), List.of(new Adjustment("台账未建立", dec("-2")))))
                    .isInstanceOfSatisfying(InvalidMeasurementException.class,
                            e -> assertThat(e.measure()).isEqualTo("penalties"))
                    .hasMessageContaining("台账未建立");
        }

        @Test
        void rejectsMissingPenaltiesList() {
            assertThatThrownBy(() -> RuleEvaluatorTest.this.evaluate(rule, "100", Map.of("bonuses", List.of())))
                    .isInstanceOfSatisfying(InvalidMeasurementException.class,
                            e -> assertThat(e.measure()).isEqualTo("penalties"));
        }
    }

    @Nested
    class InvalidRules {

        @Test
        void refusesToEvaluateARuleWithParameterProblems() {
            assertThatThrownBy(() -> evaluate(new DeductionPerIncident(dec("0"), "每发生1起扣分"), "5", Map.of("incidents", 1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("deductionPerIncident");
        }

        @Test
        void refusesPointsWithMoreThanTwoDecimalPlaces() {
            assertThatThrownBy(() -> evaluate(new AllOrNothing("完成计满分，未完成不计分"), "0.125", Map.of("completed", true)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("points");
        }

        @Test
        void refusesBasePlusAdjustmentsWhoseCapIsNotThePoints() {
            BasePlusAdjustments rule = new BasePlusAdjustments(dec("80"), dec("100"), "基础分为80分，最高得分为100分");
            assertThatThrownBy(() -> evaluate(rule, "20", Map.of("bonuses", List.of(), "penalties", List.of())))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cap must equal points");
        }
    }
}
