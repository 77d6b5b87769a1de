package io.kaohe.contracts.rubric;

import java.math.BigDecimal;
import java.util.List;

/**
 * 量化计分法: "得分=单位活动实际开展数÷单位需开展活动数×0.5" (also "按完成比例计分").
 * Score = points × min(1, actual / required): doing more than required earns no more than points.
 */
public record QuantifiedRate(String wording) implements ScoringRule {

    /** Measured: what was actually done (实际开展数). */
    public static final String ACTUAL = "actual";
    /** Measured: what had to be done (需开展数); must be greater than 0. */
    public static final String REQUIRED = "required";

    @Override
    public List<MeasureSpec> measures() {
        return List.of(
                new MeasureSpec(ACTUAL, MeasureKind.DECIMAL, "实际完成数"),
                new MeasureSpec(REQUIRED, MeasureKind.DECIMAL, "应完成数"));
    }

    @Override
    public List<String> problems(BigDecimal points) {
        return Problems.common(points, wording).list();
    }
}
