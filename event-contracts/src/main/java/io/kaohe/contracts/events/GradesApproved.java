package io.kaohe.contracts.events;

import java.time.Instant;
import java.util.List;

/**
 * Leaders approved the proposed grades of these units (the workflow's leader task): their
 * scores become final and frozen. {@code proposalId} names the {@code GradesProposed} it approves.
 */
public record GradesApproved(
        String cycleId,
        String proposalId,
        List<String> unitCodes,
        String approvedBy,
        Instant approvedAt) {

    public static final EventType<GradesApproved> TYPE =
            new EventType<>("GradesApproved", GradesApproved.class, Topics.WORKFLOW);
}
