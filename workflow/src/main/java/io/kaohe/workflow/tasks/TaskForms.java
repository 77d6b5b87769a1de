package io.kaohe.workflow.tasks;

import io.kaohe.workflow.process.Bpmn;
import java.util.Map;
import java.util.Optional;

/** Which form completes which task type; task types not listed are completed by events only. */
public final class TaskForms {

    private static final Map<String, Class<? extends TaskForm>> FORMS = Map.ofEntries(
            Map.entry(Bpmn.Task.CHASE_LATE_UNITS, ChaseForm.class),
            // one chase per late unit: still held by instances of the models' earlier versions
            Map.entry(Bpmn.RetiredTask.CHASE_LATE_SUBMISSION, ChaseForm.class),
            Map.entry(Bpmn.RetiredTask.CHASE_LATE_REVISION, ChaseForm.class),
            Map.entry(Bpmn.RetiredTask.CHASE_RECTIFICATION_REPORT, ChaseForm.class),
            Map.entry(Bpmn.RetiredTask.CHASE_RECTIFICATION_PROGRESS, ChaseForm.class),
            Map.entry(Bpmn.Task.REVIEW_SELF_ASSESSMENT, ReviewForm.class),
            Map.entry(Bpmn.Task.RECORD_INSPECTION_FINDINGS, FindingsForm.class),
            Map.entry(Bpmn.Task.APPROVE_GRADES, ApprovalForm.class),
            Map.entry(Bpmn.Task.PUBLISH_RESULTS, PublishResultsForm.class),
            Map.entry(Bpmn.Task.ANSWER_APPEAL, AnswerAppealForm.class),
            Map.entry(Bpmn.Task.DECIDE_APPEAL, DecideAppealForm.class),
            Map.entry(Bpmn.Task.REAPPROVE_UNIT, ReapprovalForm.class),
            Map.entry(Bpmn.Task.HOLD_TALK, TalkForm.class),
            Map.entry(Bpmn.Task.SUBMIT_RECTIFICATION_REPORT, RectificationReportForm.class),
            Map.entry(Bpmn.Task.SUBMIT_EXPLANATION, RectificationReportForm.class),
            Map.entry(Bpmn.Task.SUBMIT_RECTIFICATION_PLAN, RectificationPlanForm.class),
            Map.entry(Bpmn.Task.REPORT_RECTIFICATION_PROGRESS, ProgressForm.class),
            Map.entry(Bpmn.Task.VERIFY_RECTIFICATION, VerificationForm.class));

    private TaskForms() {
    }

    public static Optional<Class<? extends TaskForm>> formOf(String taskType) {
        return Optional.ofNullable(FORMS.get(taskType));
    }

    public static Map<String, Class<? extends TaskForm>> all() {
        return FORMS;
    }
}
