package io.kaohe.scoring.results;

import io.kaohe.scoring.roster.RosterOrder;
import io.kaohe.contracts.rubric.DeductionPerIncident;
import io.kaohe.contracts.rubric.Judged;
import io.kaohe.contracts.rubric.QuantifiedRate;
import io.kaohe.contracts.rubric.RosterListing;
import io.kaohe.contracts.rubric.ScoringRule;
import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.contracts.rubric.UnitItems;
import io.kaohe.scoring.cycles.Cycle;
import io.kaohe.scoring.cycles.CycleUnit;
import io.kaohe.scoring.grades.Grades;
import io.kaohe.scoring.scores.DeductionLine;
import io.kaohe.scoring.scores.ItemResult;
import io.kaohe.scoring.scores.UnitTotals;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small cycle's stored scores, as the results table is built from them (two categories, a variant). */
public final class TableAssemblerFixtures {

    private TableAssemblerFixtures() {
    }

    public static final String REASON = "防范藏传佛教在非涉藏地区传播不到位，被省委巡视通报，扣0.1分";

    static UnitItem item(String code, String title, String top, String topTitle, String points, ScoringRule rule) {
        return new UnitItem(code, title, List.of(topTitle), top, topTitle, new BigDecimal(points), rule,
                List.of("swxcb"), "12月底", null);
    }

    static final UnitItem STUDY = item("a.1", "中心组学习", "pb", "党的建设", "0.50",
            new QuantifiedRate("得分=单位活动实际开展数÷单位需开展活动数×0.5"));
    static final UnitItem IDEOLOGY = item("a.2", "意识形态工作", "pb", "党的建设", "1.50",
            new DeductionPerIncident(new BigDecimal("0.1"), "每发生1起扣0.1分"));
    /** One indicator, a variant per category: 2 points for townships, 1 for departments. */
    static final UnitItem TOWN_VARIANT = item("v.town", "服务发展（乡镇）", "svc", "服务发展", "2",
            new Judged("根据完成情况计分"));
    static final UnitItem DEPT_VARIANT = item("v.dept", "服务发展（部门）", "svc", "服务发展", "1",
            new Judged("根据完成情况计分"));

    static final RosterOrder ROSTER = new RosterOrder(
            List.of(new RosterListing.Category("town", "乡镇（街道）"), new RosterListing.Category("dept", "县级部门")),
            List.of("t2", "t1", "d1"));

    /** The cycle lists the department first and t1 before t2; the roster says otherwise. */
    static final List<CycleUnit> UNITS = List.of(new CycleUnit("d1", "县委办公室", "dept", 0, false),
            new CycleUnit("t1", "城关镇", "town", 1, false), new CycleUnit("t2", "牛田镇", "town", 2, false));

    static Map<String, List<UnitItem>> items() {
        return Map.of("t1", List.of(STUDY, IDEOLOGY, TOWN_VARIANT), "t2", List.of(STUDY, IDEOLOGY, TOWN_VARIANT),
                "d1", List.of(STUDY, IDEOLOGY, DEPT_VARIANT));
    }

    static ItemResult scored(UnitItem item, String score, DeductionLine... lines) {
        return new ItemResult(item.itemCode(), item.topLevelCode(), item.points(), null,
                score == null ? null : new BigDecimal(score), null, null, List.of(lines));
    }

    static Map<String, Map<String, ItemResult>> rows() {
        Map<String, Map<String, ItemResult>> rows = new LinkedHashMap<>();
        // t1 keeps every point.
        rows.put("t1", byCode(scored(STUDY, "0.50"), scored(IDEOLOGY, "1.50"), scored(TOWN_VARIANT, "2.00")));
        // t2: a quantified shortfall, a deduction whose reason names its source and amount, one item unscored.
        rows.put("t2", byCode(
                scored(STUDY, "0.37", new DeductionLine("m1", "a.1", "全年开展中心组学习37次", null, null,
                        new BigDecimal("0.13"), "中心组学习：…得分=37÷50×0.5", "reviewer", "实际完成37，应完成50，得0.37分")),
                scored(IDEOLOGY, "1.40", new DeductionLine("d1", "a.2", REASON, "省委巡视通报", "2024-11-02",
                        new BigDecimal("0.10"), "意识形态工作：" + REASON + "（省委巡视通报），扣0.1分", "reviewer")),
                scored(TOWN_VARIANT, null)));
        rows.put("d1", byCode(scored(STUDY, "0.50"),
                scored(IDEOLOGY, "1.40", new DeductionLine("d2", "a.2", "2024年第四季度未开展中心组学习", "县委巡察通报",
                        null, new BigDecimal("0.10"), "…", "reviewer")),
                scored(DEPT_VARIANT, "1.00")));
        return rows;
    }

    static Map<String, ItemResult> byCode(ItemResult... results) {
        Map<String, ItemResult> map = new LinkedHashMap<>();
        for (ItemResult r : results) {
            map.put(r.itemCode(), r);
        }
        return map;
    }

    /** Totals as the store sums them: unreviewed items add nothing. */
    static Map<String, UnitTotals> totals(Map<String, List<UnitItem>> items, Map<String, Map<String, ItemResult>> rows) {
        Map<String, UnitTotals> totals = new LinkedHashMap<>();
        items.forEach((unit, list) -> {
            Map<String, UnitTotals.TopLevelTotals> tops = new LinkedHashMap<>();
            BigDecimal max = BigDecimal.ZERO;
            BigDecimal reviewed = BigDecimal.ZERO;
            int reviewedItems = 0;
            for (UnitItem item : list) {
                ItemResult r = rows.get(unit).get(item.itemCode());
                BigDecimal score = r.reviewedScore() == null ? BigDecimal.ZERO : r.reviewedScore();
                tops.merge(item.topLevelCode(), new UnitTotals.TopLevelTotals(item.topLevelCode(), item.topLevelTitle(),
                        item.points(), null, score, null), (a, b) -> new UnitTotals.TopLevelTotals(a.code(), a.title(),
                        a.maximum().add(b.maximum()), null, a.reviewedTotal().add(b.reviewedTotal()), null));
                max = max.add(item.points());
                reviewed = reviewed.add(score);
                reviewedItems += r.reviewedScore() == null ? 0 : 1;
            }
            totals.put(unit, new UnitTotals(unit, max, null, reviewed, null, list.size(), reviewedItems,
                    new ArrayList<>(tops.values())));
        });
        return totals;
    }

    public static ResultsTable table() {
        Map<String, List<UnitItem>> items = items();
        Map<String, Map<String, ItemResult>> rows = rows();
        return Results.assemble(new Cycle("2024", 2024, "2024年度乡镇和县直部门绩效考核", "v1"), UNITS, totals(items, rows),
                rows, unit -> new UnitItems("v1", unit, unit, null, null, items.get(unit)),
                Map.of("t2", new Grades.CurrentGrade("较好", "PROPOSED", 2, null),
                        "t1", new Grades.CurrentGrade("好", "APPROVED", 1, null)), ROSTER);
    }

    static ResultsTable.Row row(ResultsTable table, String unit) {
        return table.rows().stream().filter(r -> r.unitCode().equals(unit)).findFirst().orElseThrow();
    }
}
