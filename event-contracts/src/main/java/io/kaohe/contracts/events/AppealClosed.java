package io.kaohe.contracts.events;

import java.time.Instant;

/**
 * A unit's appeal (申诉) on an item's score during the publicity period (公示期) is closed by the
 * assessment office: {@link #UPHELD} (a correcting decision was recorded and the leaders approved the
 * unit again) or {@link #REJECTED}; either way with the office's reason, which goes back to the unit.
 *
 * @param appealId   the appeal's id (a UUID given when it was filed)
 * @param itemCode   the unit's item the appeal was on
 * @param outcome    {@link #UPHELD} or {@link #REJECTED}
 * @param reason     the office's reason, in the words the unit reads
 * @param answer     the assessing department's answer to the appeal
 * @param decidedBy  the office member who decided
 * @param closedAt   when the appeal was closed
 */
public record AppealClosed(
        String appealId,
        String cycleId,
        String unitCode,
        String itemCode,
        String outcome,
        String reason,
        String answer,
        String decidedBy,
        Instant closedAt) {

    public static final String UPHELD = "UPHELD";
    public static final String REJECTED = "REJECTED";

    public static final EventType<AppealClosed> TYPE =
            new EventType<>("AppealClosed", AppealClosed.class, Topics.WORKFLOW);
}
