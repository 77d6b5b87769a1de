package io.kaohe.scoring.bonus;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A unit's application for bonus points (加分申报) on one bonus item of a cycle, with the evidence it rests on.
 *
 * @param matter   what the bonus is for; "单项不重复计分" counts a matter once per item
 * @param amount   the points applied for when the item's rule takes an amount (base plus adjustments), else null
 * @param quantity the items completed applied for when the rule counts them (每完成一项计N分), else null
 * @param points   what the application is worth under the rule
 */
public record BonusApplication(UUID id, String cycleId, String unitCode, String itemCode, String itemTitle,
                               List<String> assessingDepartments, String matter, BigDecimal amount,
                               BigDecimal quantity, BigDecimal points, String reason, List<String> evidenceIds,
                               State state, String filedBy, Instant filedAt, String answeredBy,
                               String answeredDepartment, String answerReason, Instant answeredAt, UUID decisionId) {

    /** SUBMITTED → ACCEPTED | REFUSED (the department), WITHDRAWN (the unit, before an answer); nothing after. */
    public enum State {
        SUBMITTED, ACCEPTED, REFUSED, WITHDRAWN;

        public boolean canBecome(State next) {
            return this == SUBMITTED && Set.of(ACCEPTED, REFUSED, WITHDRAWN).contains(next);
        }
    }
}
