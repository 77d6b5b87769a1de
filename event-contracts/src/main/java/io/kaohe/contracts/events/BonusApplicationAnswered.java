package io.kaohe.contracts.events;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The assessing department answered a unit's bonus application: {@link #ACCEPTED} (recorded as a bonus
 * decision, {@code decisionId}) or {@link #REFUSED} with the department's reason, which goes back to the unit.
 *
 * @param outcome    {@link #ACCEPTED} or {@link #REFUSED}
 * @param points     the points the accepted application is worth, else null
 * @param reason     the department's reason (required when refused), in the words the unit reads
 * @param decisionId the bonus decision an acceptance recorded, else null
 * @param answeredBy the department's reviewer who answered
 * @param department the department that answered
 */
public record BonusApplicationAnswered(
        String applicationId,
        String cycleId,
        String unitCode,
        String itemCode,
        String itemTitle,
        String matter,
        String outcome,
        BigDecimal points,
        String reason,
        String decisionId,
        String answeredBy,
        String department,
        Instant answeredAt) {

    public static final String ACCEPTED = "ACCEPTED";
    public static final String REFUSED = "REFUSED";

    public static final EventType<BonusApplicationAnswered> TYPE =
            new EventType<>("BonusApplicationAnswered", BonusApplicationAnswered.class, Topics.SCORING);
}
