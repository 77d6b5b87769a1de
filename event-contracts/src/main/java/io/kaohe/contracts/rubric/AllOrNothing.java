package io.kaohe.contracts.rubric;

import java.math.BigDecimal;
import java.util.List;

/** "完成计满分，未完成不计分": points if completed, else 0. */
public record AllOrNothing(String wording) implements ScoringRule {

    /** Measured: whether the task was completed. */
    public static final String COMPLETED = "completed";

    @Override
    public List<MeasureSpec> measures() {
        return List.of(new MeasureSpec(COMPLETED, MeasureKind.BOOLEAN, "是否完成"));
    }

    @Override
    public List<String> problems(BigDecimal points) {
        return Problems.common(points, wording).list();
    }
}
