package io.kaohe.scoring.scores;

import java.math.BigDecimal;
import java.util.List;

/**
 * One item's computed layers. {@code reviewedScore} is null while nobody has reviewed an item
 * whose rule needs a measurement; {@code finalScore} is set only by approval.
 */
public record ItemResult(String itemCode, String topLevelCode, BigDecimal points, BigDecimal selfScore,
                         BigDecimal reviewedScore, BigDecimal finalScore, String explanation,
                         List<DeductionLine> deductions) {

    public ItemResult withFinal(BigDecimal finalScore) {
        return new ItemResult(itemCode, topLevelCode, points, selfScore, reviewedScore, finalScore, explanation,
                deductions);
    }
}
