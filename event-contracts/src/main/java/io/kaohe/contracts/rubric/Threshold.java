package io.kaohe.contracts.rubric;

import java.math.BigDecimal;
import java.util.List;

/**
 * A target rate: "审限内结案率达95%…每少完成一个百分点扣0.1分".
 * Score = max(0, points − max(0, threshold − rate) × deductionPerPointBelow); rates are in
 * percent (95 means 95%) and a fraction of a point below deducts proportionally.
 */
public record Threshold(BigDecimal threshold, BigDecimal deductionPerPointBelow, String wording)
        implements ScoringRule {

    /** Measured: the rate reached, in percent (0..100). */
    public static final String RATE = "rate";

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    @Override
    public List<MeasureSpec> measures() {
        return List.of(new MeasureSpec(RATE, MeasureKind.PERCENT, "完成率（%）"));
    }

    @Override
    public List<String> problems(BigDecimal points) {
        Problems problems = Problems.common(points, wording);
        if (threshold == null) {
            problems.add("达标线 threshold 缺失 / threshold is missing");
        } else if (threshold.signum() <= 0 || threshold.compareTo(HUNDRED) > 0) {
            problems.add("达标线 threshold 必须在 (0,100] 之内 / threshold must be in (0, 100], was "
                    + threshold.toPlainString());
        }
        return problems.positive("deductionPerPointBelow", "每百分点扣分", deductionPerPointBelow).list();
    }
}
