package io.kaohe.contracts.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A unit's scores in a cycle were (re)computed: after a decision, a self-assessment, or a full
 * recompute. One event per unit, keyed by the unit. Totals are sums of two-decimal item scores
 * over the items that apply to the unit; {@code maximum} is their points.
 *
 * @param trigger       what caused the computation
 * @param reviewedTotal sum of reviewed scores; items not yet reviewed count 0 and are counted in
 *                      {@code itemCount − reviewedItems}
 * @param finalTotal    sum of final (approved) scores, or null before approval
 */
public record ScoresComputed(
        String cycleId,
        String unitCode,
        String category,
        Trigger trigger,
        BigDecimal maximum,
        BigDecimal selfTotal,
        BigDecimal reviewedTotal,
        BigDecimal finalTotal,
        int itemCount,
        int reviewedItems,
        List<TopLevel> topLevels,
        Instant computedAt) {

    public static final EventType<ScoresComputed> TYPE =
            new EventType<>("ScoresComputed", ScoresComputed.class, Topics.SCORING);

    /** What caused a computation. */
    public enum Trigger {
        /** A decision on one of the unit's items (a deduction, a bonus, a measurement, a judgement). */
        DECISION,
        /** The unit's self-assessment was submitted. */
        SELF_ASSESSMENT,
        /** The cycle was opened: the unit's first computation. */
        CYCLE_OPENED,
        /** A full recompute of the cycle (workflow's ComputeScores, or the office); a unit's wait for scores ends on it. */
        FULL_RECOMPUTE,
        /** Leaders approved the unit's grade: its final scores were set. */
        GRADES_APPROVED
    }

    /** Totals under one top-level indicator (一级指标 or section). */
    public record TopLevel(String code, String title, BigDecimal maximum, BigDecimal selfTotal,
                           BigDecimal reviewedTotal) {
    }
}
