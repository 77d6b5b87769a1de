package io.kaohe.contracts.rubric;

import java.math.BigDecimal;
import java.util.List;

/**
 * Seed 003: "基础分为80分，根据工作完成等情况给予加分或扣分，加分、扣分均取最高分；单项不重复计分，最高得分为100分".
 * Score = base + Σ bonuses − Σ penalties, floored at 0 and capped at {@code cap}.
 *
 * <p>Bonuses and penalties are measured as lists of named {@link Adjustment}s. "单项不重复计分"
 * is read as: an item (by name) counts once in each list; if the same item is entered twice, the
 * highest amount counts ("均取最高分").
 *
 * @param base the score a unit starts from, e.g. 80
 * @param cap  the highest possible score, e.g. 100; must equal the item's points
 */
public record BasePlusAdjustments(BigDecimal base, BigDecimal cap, String wording) implements ScoringRule {

    /** Measured: the bonuses (加分项). */
    public static final String BONUSES = "bonuses";
    /** Measured: the penalties (扣分项); amounts are positive and deducted. */
    public static final String PENALTIES = "penalties";

    @Override
    public List<MeasureSpec> measures() {
        return List.of(
                new MeasureSpec(BONUSES, MeasureKind.ADJUSTMENTS, "加分项"),
                new MeasureSpec(PENALTIES, MeasureKind.ADJUSTMENTS, "扣分项"));
    }

    @Override
    public List<String> problems(BigDecimal points) {
        Problems problems = Problems.common(points, wording);
        if (base == null) {
            problems.add("基础分 base 缺失 / base is missing");
        } else if (base.signum() < 0) {
            problems.add("基础分 base 不能为负 / base must be >= 0, was " + base.toPlainString());
        }
        problems.positive("cap", "最高得分", cap);
        if (base != null && cap != null && base.compareTo(cap) > 0) {
            problems.add("基础分 base 不能高于最高得分 cap / base must be <= cap, was base "
                    + base.toPlainString() + " > cap " + cap.toPlainString());
        }
        if (cap != null && points != null && cap.compareTo(points) != 0) {
            // The cap is the item's full points; anything else would let the item exceed its points.
            problems.add("最高得分 cap 必须等于分值 points / cap must equal points, was cap "
                    + cap.toPlainString() + " ≠ points " + points.toPlainString());
        }
        return problems.list();
    }
}
