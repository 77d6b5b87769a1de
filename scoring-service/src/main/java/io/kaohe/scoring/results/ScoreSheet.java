package io.kaohe.scoring.results;

import io.kaohe.scoring.scores.DeductionLine;
import java.math.BigDecimal;
import java.util.List;

/**
 * One unit's detailed result (得分表): every applicable item with its three layers, the gap
 * between self-score and reviewed score, and why. {@code partial} when the caller (an assessing
 * department) sees only its own items; totals are then over those items.
 */
public record ScoreSheet(String cycleId, String cycleTitle, String unitCode, String unitName, String category,
                         BigDecimal maximum, BigDecimal selfTotal, BigDecimal reviewedTotal, BigDecimal finalTotal,
                         String grade, String gradeStatus, boolean partial, List<Section> sections) {

    public record Section(String code, String title, BigDecimal maximum, BigDecimal selfTotal,
                          BigDecimal reviewedTotal, BigDecimal finalTotal, List<Item> items) {
    }

    /** @param gap self-score − reviewed score, when both exist */
    public record Item(String itemCode, String title, List<String> path, BigDecimal points, String rule,
                       List<String> assessingDepartments, BigDecimal selfScore, BigDecimal reviewedScore,
                       BigDecimal finalScore, BigDecimal gap, String explanation, List<DeductionLine> deductions) {
    }
}
