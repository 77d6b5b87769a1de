package io.kaohe.contracts.events;

import java.time.Instant;

/**
 * A task of the cycle passed its due date undone; it is marked overdue and escalated to the
 * assessment office (an escalation task in the office's inbox).
 *
 * @param taskType    the overdue task's type in the inbox, e.g. {@code UserTask_SubmitSelfAssessment}
 * @param period      {@code Q1}…{@code Q4} or {@code YEAR} where the task belongs to one, else null
 * @param subject     what it is about beyond the unit: a rectification or ledger entry id, else null
 * @param escalatedTo the group the escalation went to ({@code office-admin})
 */
public record TaskOverdue(
        String cycleId,
        String unitCode,
        String taskType,
        String period,
        String subject,
        Instant dueAt,
        String escalatedTo) {

    public static final EventType<TaskOverdue> TYPE =
            new EventType<>("TaskOverdue", TaskOverdue.class, Topics.WORKFLOW);
}
