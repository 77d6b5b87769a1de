package io.kaohe.contracts.events;

import java.time.Instant;
import java.util.List;

/**
 * A new task in the inbox (待办): who it is offered to, what it concerns and when it is due. Published
 * by workflow with the task's creation, for whoever tells people (the notification centre). A task
 * that exists because earlier work was sent back comes as a {@link TaskReturned} instead.
 *
 * @param taskType        the task's type in the inbox (the model's element id), e.g. {@code UserTask_SubmitSelfAssessment}
 * @param taskName        the model's name of the task ("提交自评（填报、主要领导签发）/ submit the self-assessment")
 * @param period          {@code Q1}…{@code Q4} or {@code YEAR} where the task belongs to one, else null
 * @param department      the assessing department a review task belongs to, else null
 * @param rectificationId the rectification a rectification task belongs to, else null
 * @param candidateGroups the groups it is offered to, e.g. {@code unit-reporter:bz-sjw}, {@code office-admin}
 * @param assignee        the person it is assigned to, if any (usually none: a group claims it)
 * @param dueAt           when it is due, null when it has no due date
 */
public record TaskCreated(
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
        Instant createdAt) {

    public static final EventType<TaskCreated> TYPE = new EventType<>("TaskCreated", TaskCreated.class, Topics.WORKFLOW);
}
