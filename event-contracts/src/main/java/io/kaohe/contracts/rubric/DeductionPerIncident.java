package io.kaohe.contracts.rubric;

import java.math.BigDecimal;
import java.util.List;

/**
 * 具体扣分法: "每发生1起扣0.1分，扣完为止". Score = max(0, points − incidents × deductionPerIncident).
 */
public record DeductionPerIncident(BigDecimal deductionPerIncident, String wording) implements ScoringRule {

    /** Measured: how many incidents happened. */
    public static final String INCIDENTS = "incidents";

    @Override
    public List<MeasureSpec> measures() {
        return List.of(new MeasureSpec(INCIDENTS, MeasureKind.COUNT, "发生起数"));
    }

    @Override
    public List<String> problems(BigDecimal points) {
        return Problems.common(points, wording)
                .positive("deductionPerIncident", "每起扣分", deductionPerIncident)
                .list();
    }
}
