package io.kaohe.workflow.process;

import java.util.List;

/**
 * Every name the BPMN models under {@code resources/bpmn} and the Java code share: process keys,
 * element ids, message names and variable names. The models use exactly these strings
 * ({@code BpmnModelTest} checks it), so a rename happens here and in the model, nowhere else.
 */
public final class Bpmn {

    private Bpmn() {
    }

    /** Process definition keys. */
    public static final class Process {
        /** One per cycle, business key the cycle id. */
        public static final String ANNUAL_CYCLE = "annual-cycle";
        /** One per unit and cycle, business key {@code cycle:unit}. */
        public static final String UNIT_ASSESSMENT = "unit-assessment";
        /** One per unit, cycle and period (Q1…Q4, YEAR), business key {@code cycle:unit}. */
        public static final String PERIOD_ASSESSMENT = "period-assessment";
        /** One per rectification (整改), business key the rectification id. */
        public static final String RECTIFICATION = "rectification";
        /**
         * The office's chase of the units late with one thing in one period: one per cycle, period and
         * {@link ChaseKind}, business key {@code cycle:period:kind} ({@link #chaseKey}).
         */
        public static final String CHASE = "chase";

        /**
         * The models of a cycle's process tree (the cycle's diagram and progress show these); the office's chases
         * stand beside it, started by the units' processes, not called by them.
         */
        public static final List<String> ALL = List.of(ANNUAL_CYCLE, UNIT_ASSESSMENT, PERIOD_ASSESSMENT, RECTIFICATION);

        /** A chase's business key; a rectification's chases have no period ("-"). */
        public static String chaseKey(String cycleId, String period, String kind) {
            return cycleId + ":" + (period == null ? "-" : period) + ":" + kind;
        }

        private Process() {
        }
    }

    /** Message names: each is correlated by the listener of the event of the same name. */
    public static final class Message {
        public static final String SELF_ASSESSMENT_SUBMITTED = "SelfAssessmentSubmitted";
        public static final String SCORES_COMPUTED = "ScoresComputed";
        public static final String GRADES_PROPOSED = "GradesProposed";
        public static final String RECTIFICATION_OPENED = "RectificationOpened";
        /** A unit appeals an item's score during the publicity period (started by the appeals API, not an event). */
        public static final String APPEAL_FILED = "AppealFiled";
        /** The first unit late with one thing in one period starts the office's chase of it. */
        public static final String UNIT_LATE = "UnitLate";
        /** Another unit late while the chase waits for the office: listed on the same task. */
        public static final String ANOTHER_UNIT_LATE = "AnotherUnitLate";
        /** A listed unit did the late thing: it leaves the list. */
        public static final String UNIT_CAUGHT_UP = "UnitCaughtUp";
        /** The last listed unit did the late thing before the office acted: the chase ends by itself. */
        public static final String ALL_CAUGHT_UP = "AllCaughtUp";

        private Message() {
        }
    }

    /** User tasks; their ids are the task types of the inbox. */
    public static final class Task {
        // period-assessment
        public static final String SUBMIT_SELF_ASSESSMENT = "UserTask_SubmitSelfAssessment";
        public static final String REVIEW_SELF_ASSESSMENT = "UserTask_ReviewSelfAssessment";
        public static final String REVISE_SELF_ASSESSMENT = "UserTask_ReviseSelfAssessment";
        // unit-assessment
        public static final String RECORD_INSPECTION_FINDINGS = "UserTask_RecordInspectionFindings";
        // annual-cycle
        public static final String PROPOSE_GRADES = "UserTask_ProposeGrades";
        public static final String APPROVE_GRADES = "UserTask_ApproveGrades";
        public static final String REPROPOSE_GRADES = "UserTask_ReproposeGrades";
        public static final String PUBLISH_RESULTS = "UserTask_PublishResults";
        // annual-cycle, one appeal in the publicity period
        public static final String ANSWER_APPEAL = "UserTask_AnswerAppeal";
        public static final String DECIDE_APPEAL = "UserTask_DecideAppeal";
        public static final String REAPPROVE_UNIT = "UserTask_ReapproveUnit";
        // rectification
        public static final String HOLD_TALK = "UserTask_HoldTalk";
        public static final String SUBMIT_RECTIFICATION_REPORT = "UserTask_SubmitRectificationReport";
        public static final String SUBMIT_EXPLANATION = "UserTask_SubmitExplanation";
        public static final String SUBMIT_RECTIFICATION_PLAN = "UserTask_SubmitRectificationPlan";
        public static final String REPORT_RECTIFICATION_PROGRESS = "UserTask_ReportRectificationProgress";
        public static final String VERIFY_RECTIFICATION = "UserTask_VerifyRectification";
        // chase: the office's one task per cycle, period and kind, listing the late units
        public static final String CHASE_LATE_UNITS = "UserTask_ChaseLateUnits";

        /** Tasks that end when an event arrives, not when someone completes them in the inbox. */
        public static final List<String> COMPLETED_BY_EVENT = List.of(SUBMIT_SELF_ASSESSMENT, REVISE_SELF_ASSESSMENT,
                PROPOSE_GRADES, REPROPOSE_GRADES);

        public static final List<String> ALL = List.of(SUBMIT_SELF_ASSESSMENT,
                REVIEW_SELF_ASSESSMENT, REVISE_SELF_ASSESSMENT, RECORD_INSPECTION_FINDINGS,
                PROPOSE_GRADES, APPROVE_GRADES, REPROPOSE_GRADES, PUBLISH_RESULTS, ANSWER_APPEAL, DECIDE_APPEAL,
                REAPPROVE_UNIT, HOLD_TALK,
                SUBMIT_RECTIFICATION_REPORT, SUBMIT_EXPLANATION, SUBMIT_RECTIFICATION_PLAN,
                REPORT_RECTIFICATION_PROGRESS, VERIFY_RECTIFICATION, CHASE_LATE_UNITS);

        private Task() {
        }
    }

    /**
     * Task types of earlier versions of the models: one office chase per late unit. Instances started on
     * those versions still hold them; the inbox shows them and completes them with the chase form (ChaseForm), one unit each.
     */
    public static final class RetiredTask {
        public static final String CHASE_LATE_SUBMISSION = "UserTask_ChaseLateSubmission";
        public static final String CHASE_LATE_REVISION = "UserTask_ChaseLateRevision";
        public static final String CHASE_RECTIFICATION_REPORT = "UserTask_ChaseRectificationReport";
        public static final String CHASE_RECTIFICATION_PROGRESS = "UserTask_ChaseRectificationProgress";

        public static final List<String> ALL = List.of(CHASE_LATE_SUBMISSION, CHASE_LATE_REVISION,
                CHASE_RECTIFICATION_REPORT, CHASE_RECTIFICATION_PROGRESS);

        private RetiredTask() {
        }
    }

    /** What a chase is about: the four things a unit can be late with. */
    public static final class ChaseKind {
        /** The period's self-assessment (季度自评 / 年度自评). */
        public static final String LATE_SUBMISSION = "LATE_SUBMISSION";
        /** A correction a department asked for (退回补充). */
        public static final String LATE_REVISION = "LATE_REVISION";
        /** A rectification's written report, explanation or plan. */
        public static final String LATE_RECTIFICATION_REPORT = "LATE_RECTIFICATION_REPORT";
        /** A ledger entry's measure past its deadline. */
        public static final String OVERDUE_MEASURE = "OVERDUE_MEASURE";

        public static final List<String> ALL = List.of(LATE_SUBMISSION, LATE_REVISION, LATE_RECTIFICATION_REPORT,
                OVERDUE_MEASURE);

        private ChaseKind() {
        }
    }

    /** Other elements the code or the tests refer to. */
    public static final class Element {
        // annual-cycle
        public static final String CALL_UNIT_ASSESSMENT = "CallActivity_UnitAssessment";
        public static final String CATEGORY_APPROVAL = "SubProcess_CategoryApproval";
        public static final String PUBLISH_GRADES_APPROVED = "ServiceTask_PublishGradesApproved";
        public static final String CALL_REWORK_UNIT = "CallActivity_ReworkUnit";
        public static final String PUBLICITY = "SubProcess_Publicity";
        public static final String START_PUBLICITY = "ServiceTask_StartPublicity";
        public static final String PUBLICITY_ENDS = "TimerEvent_PublicityEnds";
        public static final String APPEAL = "SubProcess_Appeal";
        public static final String APPEAL_FILED = "MessageEvent_AppealFiled";
        public static final String RECORD_APPEAL_CORRECTION = "ServiceTask_RecordAppealCorrection";
        /** The appeal's correction re-scored the unit: scoring's ScoresComputed of a decision. */
        public static final String APPEAL_RESCORED = "MessageEvent_AppealRescored";
        public static final String PUBLISH_REAPPROVAL = "ServiceTask_PublishReapproval";
        public static final String CLOSE_APPEAL = "ServiceTask_CloseAppeal";
        public static final String APPEAL_CLOSED = "EndEvent_AppealClosed";
        public static final String PUBLISH_CYCLE_PUBLISHED = "ServiceTask_PublishCyclePublished";
        public static final String OPEN_TALK_RECTIFICATIONS = "ServiceTask_OpenTalkRectifications";
        public static final String OPEN_EXPLANATION_RECTIFICATIONS = "ServiceTask_OpenExplanationRectifications";
        public static final String CYCLE_PUBLISHED = "EndEvent_CyclePublished";
        // unit-assessment
        public static final String QUARTER_OPENS = "TimerEvent_QuarterOpens";
        public static final String CALL_QUARTER = "CallActivity_QuarterlySelfCheck";
        public static final String INSPECTION_STARTS = "TimerEvent_InspectionStarts";
        public static final String RECORD_FINDING_DECISIONS = "ServiceTask_RecordFindingDecisions";
        public static final String OPEN_RECTIFICATION_NOTICE = "ServiceTask_OpenRectificationNotice";
        public static final String YEAR_END_OPENS = "TimerEvent_YearEndOpens";
        public static final String CALL_YEAR_END = "CallActivity_YearEndEvaluation";
        public static final String SEND_COMPUTE_SCORES = "ServiceTask_SendComputeScores";
        public static final String SCORES_COMPUTED = "MessageEvent_ScoresComputed";
        public static final String UNIT_ASSESSED = "EndEvent_UnitAssessed";
        // period-assessment
        public static final String SELF_CHECK = "SubProcess_SelfCheck";
        public static final String SUBMISSION_REMINDER = "TimerEvent_SubmissionReminder";
        public static final String SEND_SUBMISSION_REMINDER = "ServiceTask_SendSubmissionReminder";
        public static final String SUBMISSION_OVERDUE = "TimerEvent_SubmissionOverdue";
        public static final String MARK_SUBMISSION_OVERDUE = "ServiceTask_MarkSubmissionOverdue";
        public static final String JOIN_SUBMISSION_CHASE = "ServiceTask_JoinSubmissionChase";
        public static final String SELF_ASSESSMENT_SUBMITTED = "MessageEvent_SelfAssessmentSubmitted";
        public static final String LOAD_ASSESSING_DEPARTMENTS = "ServiceTask_LoadAssessingDepartments";
        public static final String DEPARTMENT_REVIEW = "SubProcess_DepartmentReview";
        public static final String RESUBMISSION = "SubProcess_Resubmission";
        public static final String REVISION_REMINDER = "TimerEvent_RevisionReminder";
        public static final String SEND_REVISION_REMINDER = "ServiceTask_SendRevisionReminder";
        public static final String REVISION_OVERDUE = "TimerEvent_RevisionOverdue";
        public static final String MARK_REVISION_OVERDUE = "ServiceTask_MarkRevisionOverdue";
        public static final String JOIN_REVISION_CHASE = "ServiceTask_JoinRevisionChase";
        public static final String SELF_ASSESSMENT_RESUBMITTED = "MessageEvent_SelfAssessmentResubmitted";
        public static final String PERIOD_REVIEWED = "EndEvent_PeriodReviewed";
        // rectification
        public static final String UNIT_REPORT = "SubProcess_UnitReport";
        public static final String REPORT_OVERDUE = "TimerEvent_ReportOverdue";
        public static final String MARK_REPORT_OVERDUE = "ServiceTask_MarkReportOverdue";
        public static final String JOIN_REPORT_CHASE = "ServiceTask_JoinReportChase";
        public static final String LEDGER_ITEM = "SubProcess_LedgerItem";
        public static final String PROGRESS = "SubProcess_Progress";
        public static final String PROGRESS_OVERDUE = "TimerEvent_ProgressOverdue";
        public static final String MARK_PROGRESS_OVERDUE = "ServiceTask_MarkProgressOverdue";
        public static final String JOIN_PROGRESS_CHASE = "ServiceTask_JoinProgressChase";
        public static final String PROBLEM_CLOSED = "EndEvent_ProblemClosed";
        public static final String PUBLISH_RECTIFICATION_CLOSED = "ServiceTask_PublishRectificationClosed";
        public static final String RECTIFICATION_CLOSED = "EndEvent_RectificationClosed";
        // chase
        public static final String FIRST_UNIT_LATE = "StartEvent_FirstUnitLate";
        public static final String ANOTHER_UNIT_LATE = "MessageEvent_AnotherUnitLate";
        public static final String UNIT_CAUGHT_UP = "MessageEvent_UnitCaughtUp";
        public static final String ALL_CAUGHT_UP = "MessageEvent_AllCaughtUp";
        public static final String UNITS_CHASED = "EndEvent_UnitsChased";

        private Element() {
        }
    }

    /** Where a unit's assessment starts again when the leader returns its result (a named earlier step). */
    public static final class Step {
        /** The normal start: the whole year. */
        public static final String START = "START";
        /** The unit submits its year-end self-assessment again, then the final review and scoring follow. */
        public static final String YEAR_SELF_ASSESSMENT = "YEAR_SELF_ASSESSMENT";
        /** The assessing departments review the year-end submission again, then scoring follows. */
        public static final String YEAR_END_REVIEW = "YEAR_END_REVIEW";
        /** Only the scores are computed again (e.g. after a corrected decision). */
        public static final String SCORING = "SCORING";

        public static final List<String> RETURN_TARGETS = List.of(YEAR_SELF_ASSESSMENT, YEAR_END_REVIEW, SCORING);

        private Step() {
        }
    }

    /** Variable names. Names ending in an underscore are completed with a period, department, unit or problem id. */
    public static final class Var {
        public static final String CYCLE_ID = "cycleId";
        public static final String YEAR = "year";
        public static final String TITLE = "title";
        public static final String UNIT_CODE = "unitCode";
        public static final String UNIT_CODES = "unitCodes";
        public static final String RUBRIC_VERSION_ID = "rubricVersionId";
        public static final String OPENED_BY = "openedBy";
        // the cycle's clock
        public static final String YEAR_START = "yearStart";
        public static final String CLOCK_START = "clockStart";
        public static final String SECONDS_PER_DAY = "secondsPerDay";
        // calendar
        public static final String QUARTERS = "quarters";
        public static final String OPENS_AT_ = "opensAt_";
        public static final String DUE_AT_ = "dueAt_";
        public static final String REMIND_AT_ = "remindAt_";
        public static final String INSPECTION_AT = "inspectionAt";
        public static final String INSPECTION_DUE_AT = "inspectionDueAt";
        public static final String PROPOSAL_DUE_AT = "proposalDueAt";
        public static final String APPROVAL_DUE_AT = "approvalDueAt";
        public static final String PUBLICATION_DUE_AT = "publicationDueAt";
        public static final String REVIEW_DAYS = "reviewDays";
        public static final String RESUBMIT_DAYS = "resubmitDays";
        public static final String REMINDER_DAYS = "reminderDays";
        public static final String ESCALATION_DAYS = "escalationDays";
        public static final String TALK_REPORT_DAYS = "talkReportDays";
        public static final String EXPLANATION_DAYS = "explanationDays";
        public static final String PLAN_DAYS = "planDays";
        public static final String RESUME_AT = "resumeAt";
        // one period
        public static final String PERIOD = "period";
        public static final String DUE_AT = "dueAt";
        public static final String REMIND_AT = "remindAt";
        public static final String SUBMITTED_VERSION = "submittedVersion";
        public static final String SUBMISSION_ID = "submissionId";
        public static final String LATE = "late";
        public static final String REVIEW_DEPARTMENTS = "reviewDepartments";
        public static final String DEPARTMENT_ITEMS_ = "departmentItems_";
        public static final String DEPARTMENT = "department";
        public static final String REVIEW_DUE_AT = "reviewDueAt";
        public static final String REVIEW_OUTCOME = "reviewOutcome";
        public static final String REVIEW_COMMENT = "reviewComment";
        public static final String REVIEWED_BY = "reviewedBy";
        public static final String ACCEPTED_ITEMS = "acceptedItems";
        public static final String RESUBMIT_DUE_AT = "resubmitDueAt";
        public static final String RESUBMIT_REMIND_AT = "resubmitRemindAt";
        // inspection
        public static final String FINDINGS = "findings";
        public static final String FINDING_COUNT = "findingCount";
        public static final String INSPECTED_BY = "inspectedBy";
        // grades
        public static final String PROPOSAL_ID = "proposalId";
        public static final String PROPOSED_BY = "proposedBy";
        public static final String APPROVAL_CATEGORIES = "approvalCategories";
        public static final String CATEGORY = "category";
        public static final String APPROVED_UNITS = "approvedUnits";
        public static final String RETURNED_UNITS = "returnedUnits";
        public static final String APPROVED_BY = "approvedBy";
        public static final String RETURN_TO_ = "returnTo_";
        public static final String RETURN_REASON_ = "returnReason_";
        /** The units whose grade's consequence is TALK_AND_REPORT (the model's name for them, kept). */
        public static final String TALK_AND_REPORT_UNITS = "poorUnits";
        /** The units whose grade's consequence is WRITTEN_EXPLANATION (the model's name for them, kept). */
        public static final String EXPLANATION_UNITS = "fairUnits";
        public static final String GRADE_ = "grade_";
        public static final String CONSEQUENCE_ = "consequence_";
        public static final String NOTICE_TITLE = "noticeTitle";
        public static final String NOTICE_ISSUING_BODY = "noticeIssuingBody";
        public static final String NOTICE_NUMBER = "noticeNumber";
        public static final String NOTICE_ISSUED_ON = "noticeIssuedOn";
        public static final String NOTICE_BODY = "noticeBody";
        public static final String PUBLISHED_BY = "publishedBy";
        public static final String UNIT_COUNT = "unitCount";
        // publicity (公示) and appeals (申诉); the appeal's own variables are local to its event sub-process
        /** The cycle's own publicity period in working days, when its calendar sets one. */
        public static final String PUBLICITY_DAYS = "publicityDays";
        public static final String PUBLICITY_STARTS_AT = "publicityStartsAt";
        public static final String PUBLICITY_ENDS_AT = "publicityEndsAt";
        public static final String PUBLICITY_LAST_DAY = "publicityLastDay";
        public static final String APPEAL_ANSWER_DAYS = "appealAnswerDays";
        public static final String APPEAL_ID = "appealId";
        /** cycle:unit:item, one open appeal per key. */
        public static final String APPEAL_KEY = "appealKey";
        public static final String ITEM_CODE = "itemCode";
        public static final String APPEAL_REASON = "appealReason";
        public static final String APPEAL_EVIDENCE = "appealEvidence";
        public static final String FILED_BY = "filedBy";
        public static final String APPEAL_ANSWER = "appealAnswer";
        public static final String ANSWERED_BY = "answeredBy";
        /** UPHELD or REJECTED. */
        public static final String APPEAL_OUTCOME = "appealOutcome";
        public static final String APPEAL_DECISION = "appealDecision";
        public static final String DECIDED_BY = "decidedBy";
        public static final String CORRECTION_KIND = "correctionKind";
        public static final String CORRECTION_AMOUNT = "correctionAmount";
        public static final String SUPERSEDES = "supersedes";
        // rectification
        public static final String RECTIFICATION_ID = "rectificationId";
        public static final String KIND = "kind";
        public static final String GRADE = "grade";
        public static final String VERIFIER_GROUP = "verifierGroup";
        public static final String NOTICE_PROBLEMS = "noticeProblems";
        public static final String REPORT_DAYS = "reportDays";
        public static final String REPORT_DUE_AT = "reportDueAt";
        public static final String TALK_DUE_AT = "talkDueAt";
        public static final String LEDGER_ITEMS = "ledgerItems";
        public static final String LEDGER_ = "ledger_";
        public static final String DEADLINE_AT_ = "deadlineAt_";
        public static final String PROBLEM_ID = "problemId";
        public static final String PROGRESS = "progress";
        public static final String VERDICT = "verdict";
        public static final String VERIFIED_BY = "verifiedBy";
        public static final String LAST_VERIFIED_BY = "lastVerifiedBy";
        /** The verifier's comment, also as a flow variable: a measure not resolved goes back to the unit with it. */
        public static final String VERIFICATION_NOTE = "verificationNote";
        // used by the sending steps
        public static final String NOTICE_OF = "noticeOf";
        public static final String NOTICE_GROUPS = "noticeGroups";
        public static final String NOTICE_DUE_AT = "noticeDueAt";
        public static final String NOTICE_SUBJECT = "noticeSubject";
        public static final String RECTIFICATION_KIND = "rectificationKind";
        // chase
        /** The chase's kind ({@link ChaseKind}), a task-local attribute of its task. */
        public static final String CHASE_KIND = "chaseKind";
        /** Input of the join steps: what the unit is late with ({@link ChaseKind}). */
        public static final String CHASE_OF = "chaseOf";
        /** One variable per listed late unit (and what it is late with) on the chase: a map of strings. */
        public static final String LATE_UNIT_ = "lateUnit_";
        /** Kept on the completed chase task: every unit listed when the office recorded its chase. */
        public static final String CHASED_UNITS = "chasedUnits";
        // task-local attributes the inbox filters and shows
        public static final String CANDIDATE_GROUPS = "candidateGroups";

        private Var() {
        }
    }
}
