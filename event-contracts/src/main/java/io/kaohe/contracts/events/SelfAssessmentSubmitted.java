package io.kaohe.contracts.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A unit's self-assessment for a period was signed off by the unit head (经部门主要领导签发)
 * and so counts as submitted. Carries every item's self-score and measured values. A
 * resubmission after a return is a new event with a higher {@code version}.
 *
 * @param measured per item, the values its rule needs, by measure name: JSON numbers (counts,
 *                 decimals, percents), booleans, or for adjustments a list of
 *                 {@code {"item": …, "amount": …}} objects
 */
public record SelfAssessmentSubmitted(
        String submissionId,
        int version,
        String cycleId,
        String unitCode,
        String period,
        String rubricVersionId,
        String preparedBy,
        String signedOffBy,
        Instant submittedAt,
        boolean late,
        List<Item> items) {

    public static final EventType<SelfAssessmentSubmitted> TYPE =
            new EventType<>("SelfAssessmentSubmitted", SelfAssessmentSubmitted.class, Topics.EVIDENCE);

    public record Item(String itemCode, BigDecimal selfScore, Map<String, Object> measured, String statement,
                       List<String> evidenceIds) {
    }
}
