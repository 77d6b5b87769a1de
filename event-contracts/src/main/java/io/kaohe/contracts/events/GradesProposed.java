package io.kaohe.contracts.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The office proposed grades (等次) for a cycle; leaders approve them in the workflow's leader
 * task, which answers with {@code GradesApproved} naming this {@code proposalId}.
 */
public record GradesProposed(
        String cycleId,
        String proposalId,
        List<UnitGrade> grades,
        String proposedBy,
        Instant proposedAt) {

    public static final EventType<GradesProposed> TYPE =
            new EventType<>("GradesProposed", GradesProposed.class, Topics.SCORING);

    /**
     * One unit's proposed grade.
     *
     * @param percent     total ÷ the unit's applicable maximum × 100, two decimals (HALF_UP)
     * @param rank        competition rank within the unit's category (equal totals share a rank)
     * @param bandGrade   the grade its score band gives, before veto caps and quotas
     * @param note        why the grade differs from the band's, if it does
     * @param consequence what {@code grade} obliges the unit to do: its band's consequence in the scheme
     */
    public record UnitGrade(String unitCode, String unitName, String category, BigDecimal total,
                            BigDecimal maximum, BigDecimal percent, int rank, String bandGrade, String grade,
                            String note, GradeConsequence consequence) {
    }
}
