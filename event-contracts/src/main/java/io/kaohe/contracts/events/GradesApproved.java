package io.kaohe.contracts.events;

import java.time.Instant;
import java.util.List;

/**
 * Leaders approved the proposed grades of these units (the workflow's leader task): their
 * scores become final and frozen. {@code proposalId} names the {@code GradesProposed} it approves.
 *
 * @param grades the approved units' grades as proposed, each with its consequence: one per unit of
 *               {@code unitCodes}
 */
public record GradesApproved(
        String cycleId,
        String proposalId,
        List<String> unitCodes,
        List<ApprovedGrade> grades,
        String approvedBy,
        Instant approvedAt) {

    public static final EventType<GradesApproved> TYPE =
            new EventType<>("GradesApproved", GradesApproved.class, Topics.WORKFLOW);

    /** One approved unit's grade and what it obliges the unit to do. */
    public record ApprovedGrade(String unitCode, String grade, GradeConsequence consequence) {
    }
}
