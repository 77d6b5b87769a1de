package io.kaohe.notification.notices;

/** What a notification says; its texts are {@code notice.<KIND>.title} and {@code .body} in the messages bundles. */
public enum Kind {
    /** A new task in the inbox (TaskCreated). */
    TASK_CREATED,
    /** Work sent back with a reason, as a new task (TaskReturned). */
    TASK_RETURNED,
    /** A task is due soon (DeadlineApproaching). */
    DEADLINE_APPROACHING,
    /** A task passed its due date and was escalated (TaskOverdue). */
    TASK_OVERDUE,
    /** An inspection team returned items of a self-assessment (SubmissionReturned by an inspector). */
    SUBMISSION_RETURNED,
    /** Leaders approved grades (GradesApproved). */
    GRADES_APPROVED,
    /** The office published the results (CyclePublished). */
    CYCLE_PUBLISHED,
    /** A rectification was opened for a unit (RectificationOpened). */
    RECTIFICATION_OPENED,
    /** Every problem of a rectification was closed (RectificationClosed). */
    RECTIFICATION_CLOSED,
    /** The office upheld a unit's appeal in the publicity period (AppealClosed, UPHELD). */
    APPEAL_UPHELD,
    /** The office rejected a unit's appeal, with its reason (AppealClosed, REJECTED). */
    APPEAL_REJECTED,
    /** A unit applied for bonus points on an item the department assesses (BonusApplicationFiled). */
    BONUS_APPLIED,
    /** The department accepted the unit's bonus application (BonusApplicationAnswered, ACCEPTED). */
    BONUS_ACCEPTED,
    /** The department refused the unit's bonus application, with its reason (BonusApplicationAnswered, REFUSED). */
    BONUS_REFUSED
}
