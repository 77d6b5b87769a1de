package io.kaohe.contracts.events;

import java.time.Instant;

/**
 * Every problem of a rectification was verified and closed (销号) by the assessing body.
 *
 * @param problemCount how many ledger entries (整改台账) were closed
 * @param lastVerifiedBy who closed the last one
 */
public record RectificationClosed(
        String rectificationId,
        String cycleId,
        String unitCode,
        String kind,
        int problemCount,
        String lastVerifiedBy,
        Instant closedAt) {

    public static final EventType<RectificationClosed> TYPE =
            new EventType<>("RectificationClosed", RectificationClosed.class, Topics.WORKFLOW);
}
