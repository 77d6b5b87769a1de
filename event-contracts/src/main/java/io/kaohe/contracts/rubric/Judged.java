package io.kaohe.contracts.rubric;

import java.math.BigDecimal;
import java.util.List;

/** "根据完成情况计分": the assessor gives a score in [0, points] and must say why. */
public record Judged(String wording) implements ScoringRule {

    /** Measured: the assessor's score, between 0 and the item's points. */
    public static final String SCORE = "score";
    /** Measured: the assessor's reason, never blank. */
    public static final String REASON = "reason";

    @Override
    public List<MeasureSpec> measures() {
        return List.of(
                new MeasureSpec(SCORE, MeasureKind.DECIMAL, "评定得分"),
                new MeasureSpec(REASON, MeasureKind.TEXT, "评分理由"));
    }

    @Override
    public List<String> problems(BigDecimal points) {
        return Problems.common(points, wording).list();
    }
}
