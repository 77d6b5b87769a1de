package io.kaohe.contracts.events;

import java.time.Instant;
import java.util.List;

/**
 * A task created because earlier work was sent back (退回), with the reason: a department returned
 * items of a self-assessment for more ({@code UserTask_ReviseSelfAssessment}), a leader returned
 * units' grades to the office ({@code UserTask_ReproposeGrades}), a rectification measure was not
 * verified as resolved ({@code UserTask_ReportRectificationProgress}). Published by workflow with the
 * task's creation instead of a {@link TaskCreated}; the fields are the same plus who returned it and why.
 *
 * @param returnedBy who sent the work back (a user name), null when not known
 * @param reason     the reason as its author wrote it (several lines when several things were returned)
 */
public record TaskReturned(
        String taskId,
        String taskType,
        String taskName,
        String cycleId,
        String unitCode,
        String period,
        String department,
        String rectificationId,
        List<String> candidateGroups,
        String assignee,
        Instant dueAt,
        Instant returnedAt,
        String returnedBy,
        String reason) {

    public static final EventType<TaskReturned> TYPE = new EventType<>("TaskReturned", TaskReturned.class, Topics.WORKFLOW);
}
