package io.kaohe.contracts.events;

import java.util.List;

/**
 * Command from workflow to scoring-service: recompute a cycle's scores in full (e.g. at the
 * year-end evaluation step). {@code unitCodes} empty means every unit of the cycle.
 */
public record ComputeScores(
        String cycleId,
        List<String> unitCodes,
        String requestedBy,
        String reason) {

    public static final EventType<ComputeScores> TYPE =
            new EventType<>("ComputeScores", ComputeScores.class, Topics.SCORING_COMMANDS);
}
