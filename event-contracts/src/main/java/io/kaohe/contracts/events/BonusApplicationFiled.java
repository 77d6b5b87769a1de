package io.kaohe.contracts.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A unit applied for bonus points (加分申报) that its rubric allows on a bonus item, with evidence; the
 * item's assessing departments are to accept or refuse it.
 *
 * @param applicationId        the application's id (a UUID)
 * @param matter               what the bonus is for, the name "单项不重复计分" counts once (e.g. 县委工作会议书面通报表扬)
 * @param amount               the points applied for, when the rule takes an amount, else null
 * @param count                the items completed applied for, when the rule counts them, else null
 * @param points               the points the application is worth under the item's rule
 * @param assessingDepartments the departments owning the item, who answer
 * @param evidenceIds          the unit's evidence files the application rests on
 * @param filedBy              the unit's reporter who filed it
 */
public record BonusApplicationFiled(
        String applicationId,
        String cycleId,
        String unitCode,
        String itemCode,
        String itemTitle,
        String matter,
        BigDecimal amount,
        BigDecimal count,
        BigDecimal points,
        String reason,
        List<String> assessingDepartments,
        List<String> evidenceIds,
        String filedBy,
        Instant filedAt) {

    public static final EventType<BonusApplicationFiled> TYPE =
            new EventType<>("BonusApplicationFiled", BonusApplicationFiled.class, Topics.SCORING);
}
