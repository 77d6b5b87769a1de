package io.kaohe.contracts.rubric;

import java.math.BigDecimal;
import java.util.List;

/**
 * "每完成一项计2分" / "每项1分". Score = min(points, pointsPerItem × itemsCompleted).
 * pointsPerItem may exceed points (then one item earns full points), but must be positive.
 */
public record PerCompletedItem(BigDecimal pointsPerItem, String wording) implements ScoringRule {

    /** Measured: how many items were completed. */
    public static final String ITEMS_COMPLETED = "itemsCompleted";

    @Override
    public List<MeasureSpec> measures() {
        return List.of(new MeasureSpec(ITEMS_COMPLETED, MeasureKind.COUNT, "完成项数"));
    }

    @Override
    public List<String> problems(BigDecimal points) {
        return Problems.common(points, wording)
                .positive("pointsPerItem", "每项分值", pointsPerItem)
                .list();
    }
}
