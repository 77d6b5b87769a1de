package io.kaohe.scoring.scores;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaohe.contracts.rubric.BasePlusAdjustments;
import io.kaohe.contracts.rubric.DeductionPerIncident;
import io.kaohe.contracts.rubric.Judged;
import io.kaohe.contracts.rubric.QuantifiedRate;
import io.kaohe.contracts.rubric.ScoringRule;
import io.kaohe.contracts.rubric.Shortfall;
import io.kaohe.contracts.rubric.ShortfallTerm;
import io.kaohe.contracts.rubric.Threshold;
import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.contracts.rubric.Veto;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How decisions combine into an item's reviewed score, with the seeds' wording. */
class ItemScorerTest {

    private final List<Decision> decisions = new ArrayList<>();

    private static UnitItem item(String title, String points, ScoringRule rule) {
        return new UnitItem("i", title, List.of(), "top", "职能职责", new BigDecimal(points), rule, List.of("swzzb"),
                "12月底", null);
    }

    private Decision decide(DecisionKind kind, String amount, String count, String measure, Map<String, Object> measured,
                            String score, String item, String reason, String source) {
        Decision d = new Decision(UUID.randomUUID(), decisions.size() + 1, "c", "u", "i", kind,
                amount == null ? null : new BigDecimal(amount), count == null ? null : new BigDecimal(count), measure,
                measured == null ? Map.of() : measured, score == null ? null : new BigDecimal(score), item, reason,
                source, LocalDate.of(2015, 7, 15), List.of(), "reviewer.swzzb", "department:swzzb", null, null);
        decisions.add(d);
        return d;
    }

    @Test
    void aDeductionRuleKeepsFullPointsUntilADeductionIsRecorded() {
        UnitItem item = item("按时完成市委安排各项工作和任务", "5",
                new DeductionPerIncident(new BigDecimal("0.01"), "未按时完成，1次扣0.01分（扣完为止）"));
        assertThat(ItemScorer.score(item, List.of(), null).reviewedScore()).isEqualByComparingTo("5.00");

        decide(DecisionKind.DEDUCTION, null, "2", null, null, null, null, "市委交办事项未按时完成2次", "督查通报");
        ItemResult result = ItemScorer.score(item, decisions, null);
        assertThat(result.reviewedScore()).isEqualByComparingTo("4.98");
        assertThat(result.deductions()).singleElement().satisfies(line -> {
            assertThat(line.points()).isEqualByComparingTo("0.02");
            assertThat(line.text()).isEqualTo("按时完成市委安排各项工作和任务：市委交办事项未按时完成2次（督查通报），发生2起，扣0.02分");
        });
    }

    @Test
    void shortfallCountsGoToTheNamedClauseAndFloorAtZero() {
        UnitItem item = item("反贪、反渎工作", "5", new Shortfall(List.of(
                new ShortfallTerm("人", new BigDecimal("0.1")), new ShortfallTerm("大要案比例百分点", new BigDecimal("0.01"))),
                "每少1人扣0.1分，大要案比例每下降1个百分点扣0.01分（扣完为止）"));
        decide(DecisionKind.DEDUCTION, null, "3", "人", null, null, null, "立案查办贪污贿赂犯罪少3人", "年度考核");
        decide(DecisionKind.DEDUCTION, null, "5", "大要案比例百分点", null, null, null, "大要案比例下降5个百分点", "年度考核");
        assertThat(ItemScorer.score(item, decisions, null).reviewedScore()).isEqualByComparingTo("4.65");

        decide(DecisionKind.DEDUCTION, null, "60", "人", null, null, null, "少60人", null);
        ItemResult floored = ItemScorer.score(item, decisions, null);
        assertThat(floored.reviewedScore()).isEqualByComparingTo("0.00");
        assertThat(floored.explanation()).contains("扣完为止");
    }

    @Test
    void aMeasuredLossIsKeptAsADeductionWithItsReason() {
        UnitItem item = item("审限内结案率", "2", new Threshold(new BigDecimal("95"), new BigDecimal("0.1"),
                "审限内结案率达95%…每少完成一个百分点扣0.1分（扣完为止）"));
        assertThat(ItemScorer.score(item, List.of(), null).reviewedScore()).isNull();
        decide(DecisionKind.MEASUREMENT, null, null, null, Map.of("rate", new BigDecimal("93.5")), null, null,
                "审限内结案率93.5%", "年度考核");
        ItemResult result = ItemScorer.score(item, decisions, null);
        assertThat(result.reviewedScore()).isEqualByComparingTo("1.85");
        assertThat(result.deductions()).singleElement().satisfies(line -> {
            assertThat(line.points()).isEqualByComparingTo("0.15");
            assertThat(line.text()).startsWith("审限内结案率：审限内结案率93.5%（年度考核），完成率93.5%");
            assertThat(line.finding()).isEqualTo("完成率93.5%，得1.85分");
        });
    }

    @Test
    void aQuantifiedLossStatesWhatWasMeasuredAndThePointsItGaveNotTheArithmetic() {
        UnitItem item = item("中心组学习", "0.5", new QuantifiedRate("得分=单位活动实际开展数÷单位需开展活动数×0.5"));
        decide(DecisionKind.MEASUREMENT, null, null, null, Map.of("actual", new BigDecimal("32"),
                "required", new BigDecimal("40")), null, null, "全年开展中心组学习32次", null);
        ItemResult result = ItemScorer.score(item, decisions, null);
        assertThat(result.reviewedScore()).isEqualByComparingTo("0.40");
        assertThat(result.deductions()).singleElement().satisfies(line -> {
            assertThat(line.finding()).isEqualTo("实际完成32，应完成40，得0.4分");
            assertThat(line.reason()).isEqualTo("全年开展中心组学习32次");
        });
        // A deduction or bonus has no finding: its amount is what it did.
        decisions.clear();
        UnitItem incidents = item("按时完成市委安排各项工作和任务", "5",
                new DeductionPerIncident(new BigDecimal("0.01"), "未按时完成，1次扣0.01分（扣完为止）"));
        decide(DecisionKind.DEDUCTION, null, "1", null, null, null, null, "市委交办事项未按时完成1次", "督查通报");
        assertThat(ItemScorer.score(incidents, decisions, null).deductions()).singleElement()
                .satisfies(line -> assertThat(line.finding()).isNull());
    }

    @Test
    void anAmountIsDeductedFromAJudgedScoreWithItsSource() {
        UnitItem item = item("意识形态工作责任制", "5", new Judged("根据完成情况计分"));
        decide(DecisionKind.JUDGED, null, null, null, null, "4.5", null, "责任制落实较好", null);
        decide(DecisionKind.DEDUCTION, "0.1", null, null, null, null, null,
                "防范藏传佛教在非涉藏地区传播不到位", "省委巡视通报");
        ItemResult result = ItemScorer.score(item, decisions, null);
        assertThat(result.reviewedScore()).isEqualByComparingTo("4.40");
        assertThat(result.deductions()).extracting(DeductionLine::text)
                .containsExactly("意识形态工作责任制：防范藏传佛教在非涉藏地区传播不到位（省委巡视通报），扣0.1分",
                        "意识形态工作责任制：责任制落实较好，评定4.5分，理由：责任制落实较好，得4.50分");
        assertThat(result.deductions().get(1).finding()).isEqualTo("评定4.5分");
    }

    @Test
    void deductionsWithoutAJudgedScoreCountFromFullPoints() {
        UnitItem item = item("意识形态工作责任制", "5", new Judged("根据完成情况计分"));
        decide(DecisionKind.DEDUCTION, "0.1", null, null, null, null, null, "2024年第四季度未开展中心组学习", "督查通报");
        assertThat(ItemScorer.score(item, decisions, null).reviewedScore()).isEqualByComparingTo("4.90");
    }

    @Test
    void seed003BasePlusAdjustmentsCountsEachItemOnceAndCapsAt100() {
        UnitItem item = item("督查工作", "100", new BasePlusAdjustments(new BigDecimal("80"), new BigDecimal("100"),
                "基础分为80分，根据工作完成等情况给予加分或扣分，加分、扣分均取最高分；单项不重复计分，最高得分为100分"));
        decide(DecisionKind.BONUS, "2", null, null, null, null, "承办事项按要求完成", "招商引资事项按要求完成", null);
        decide(DecisionKind.BONUS, "1", null, null, null, null, "承办事项按要求完成", "为民办实事按要求完成", null);
        decide(DecisionKind.BONUS, "5", null, null, null, null, null, "在县三级干部大会上受书面通报表扬", null);
        decide(DecisionKind.DEDUCTION, "2", null, null, null, null, null, "县主要领导交办事项未按时完成", "督查通报");
        ItemResult result = ItemScorer.score(item, decisions, null);
        assertThat(result.reviewedScore()).isEqualByComparingTo("85.00");
        assertThat(result.explanation()).contains("单项不重复计分，取最高分");

        decide(DecisionKind.BONUS, "20", null, null, null, null, null, "挽回重大经济损失", null);
        assertThat(ItemScorer.score(item, decisions, null).reviewedScore()).isEqualByComparingTo("100.00");
    }

    @Test
    void aVetoIncidentLosesTheItem() {
        UnitItem item = item("信访稳定", "5", new Veto("零进京、零上访、零事件，否则不计分"));
        decide(DecisionKind.DEDUCTION, null, "1", null, null, null, null, "发生进京上访1起", "县委巡察通报");
        ItemResult result = ItemScorer.score(item, decisions, null);
        assertThat(result.reviewedScore()).isEqualByComparingTo("0.00");
        assertThat(result.deductions()).singleElement()
                .satisfies(line -> assertThat(line.text()).endsWith("发生1起，该项不计分"));
    }

    @Test
    void theSelfScoreIsTheUnitsOwnOrItsMeasuredValuesUnderTheRule() {
        UnitItem item = item("按时完成", "5", new DeductionPerIncident(new BigDecimal("0.1"), "每发生1起扣0.1分，扣完为止"));
        assertThat(ItemScorer.score(item, List.of(), new SelfItem("i", new BigDecimal("4.9"), Map.of())).selfScore())
                .isEqualByComparingTo("4.90");
        assertThat(ItemScorer.score(item, List.of(), new SelfItem("i", null, Map.of("incidents", BigDecimal.ONE)))
                .selfScore()).isEqualByComparingTo("4.90");
        assertThat(ItemScorer.score(item, List.of(), new SelfItem("i", new BigDecimal("7"), Map.of())).selfScore())
                .isEqualByComparingTo("5.00");
    }
}
