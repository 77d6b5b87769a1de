package io.kaohe.contracts.events;

import java.time.Instant;

/**
 * A reminder: a task of the cycle is due soon and not done (e.g. a quarter's self-assessment a
 * week before the quarter's last day). For whoever notifies people (SMS, mail, the portal).
 *
 * @param taskType    the task's type in the inbox, e.g. {@code UserTask_SubmitSelfAssessment}
 * @param period      {@code Q1}…{@code Q4} or {@code YEAR} where the task belongs to one, else null
 * @param assignees   the candidate groups the task is offered to, e.g. {@code unit-reporter:bz-sjw}
 */
public record DeadlineApproaching(
        String cycleId,
        String unitCode,
        String taskType,
        String period,
        Instant dueAt,
        String assignees) {

    public static final EventType<DeadlineApproaching> TYPE =
            new EventType<>("DeadlineApproaching", DeadlineApproaching.class, Topics.WORKFLOW);
}
