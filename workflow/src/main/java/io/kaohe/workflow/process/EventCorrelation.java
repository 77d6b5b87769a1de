package io.kaohe.workflow.process;

import io.kaohe.contracts.events.GradeConsequence;
import io.kaohe.contracts.events.GradesProposed;
import io.kaohe.contracts.events.ScoresComputed;
import io.kaohe.contracts.events.SelfAssessmentSubmitted;
import io.kaohe.contracts.events.SubmissionAccepted;
import io.kaohe.contracts.events.SubmissionReturned;
import io.kaohe.support.security.Roles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/**
 * What the other services' events mean to the processes, by business key: a submission moves the
 * period's self-check (or a correction) on, a department's review decisions complete its review
 * task, the unit's full recompute ends its wait for scores, and a proposal reaches the leader
 * (a rectification is started by the step that opens it: {@link RectificationStart}). Plain engine
 * code: the Kafka listeners call it in the transaction that records the event as processed, and
 * process tests call it directly.
 * Every method is idempotent: a redelivered or stale event answers {@link Outcome#DUPLICATE}.
 */
public class EventCorrelation {

    /** What became of an event. */
    public enum Outcome {
        /** A process moved on. */
        CORRELATED,
        /** Already applied, or older than what was applied. */
        DUPLICATE,
        /** No process waits for it and none will: nothing to do. */
        NOT_WAITING,
        /** No process waits for it yet, but one will (e.g. the period has not opened yet): keep it and try again. */
        NOT_READY
    }

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final HistoryService history;

    public EventCorrelation(ProcessEngine engine) {
        this.runtime = engine.getRuntimeService();
        this.tasks = engine.getTaskService();
        this.history = engine.getHistoryService();
    }

    public static String businessKey(String cycleId, String unitCode) {
        return cycleId + ":" + unitCode;
    }

    public Outcome selfAssessmentSubmitted(SelfAssessmentSubmitted event) {
        String key = businessKey(event.cycleId(), event.unitCode());
        List<ProcessInstance> open = runtime.createProcessInstanceQuery()
                .processDefinitionKey(Bpmn.Process.PERIOD_ASSESSMENT).processInstanceBusinessKey(key)
                .variableValueEquals(Bpmn.Var.PERIOD, event.period()).active().list();
        if (open.isEmpty()) {
            return finishedPeriodHasVersion(key, event.period(), event.version()) ? Outcome.DUPLICATE : Outcome.NOT_READY;
        }
        boolean moved = false;
        for (ProcessInstance period : open) {
            Object seen = runtime.getVariable(period.getId(), Bpmn.Var.SUBMITTED_VERSION);
            if (seen instanceof Integer version && event.version() <= version) {
                continue;
            }
            if (!runtime.createMessageCorrelation(Bpmn.Message.SELF_ASSESSMENT_SUBMITTED)
                    .processInstanceId(period.getId()).correlateAllWithResult().isEmpty()) {
                runtime.setVariable(period.getId(), Bpmn.Var.SUBMITTED_VERSION, event.version());
                runtime.setVariable(period.getId(), Bpmn.Var.SUBMISSION_ID, event.submissionId());
                moved = true;
            } else {
                // Open but not waiting: e.g. a return's completion has not reached the correction step yet.
                return Outcome.NOT_READY;
            }
        }
        return moved ? Outcome.CORRELATED : Outcome.DUPLICATE;
    }

    private boolean finishedPeriodHasVersion(String key, String period, int version) {
        for (HistoricProcessInstance done : history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(Bpmn.Process.PERIOD_ASSESSMENT).processInstanceBusinessKey(key)
                .variableValueEquals(Bpmn.Var.PERIOD, period).finished().list()) {
            HistoricVariableInstance seen = history.createHistoricVariableInstanceQuery()
                    .processInstanceId(done.getId()).variableName(Bpmn.Var.SUBMITTED_VERSION).singleResult();
            if (seen != null && seen.getValue() instanceof Integer v && version <= v) {
                return true;
            }
        }
        return false;
    }

    public Outcome submissionReturned(SubmissionReturned event) {
        Awaiting awaiting = reviewAwaiting(event.reviewerRole(), event.reviewerDepartment(), event.cycleId(),
                event.unitCode(), event.period(), event.version());
        if (awaiting.review() == null) {
            return awaiting.otherwise();
        }
        Task review = awaiting.review();
        String comments = event.items().stream().map(i -> i.itemCode() + "：" + i.comment())
                .collect(Collectors.joining("\n"));
        Map<String, Object> outcome = new HashMap<>();
        outcome.put(Bpmn.Var.REVIEW_OUTCOME, ReviewOutcome.RETURNED.name());
        outcome.put(Bpmn.Var.REVIEW_COMMENT, comments);
        outcome.put(Bpmn.Var.REVIEWED_BY, event.reviewedBy());
        tasks.complete(review.getId(), outcome);
        return Outcome.CORRELATED;
    }

    public Outcome submissionAccepted(SubmissionAccepted event) {
        Awaiting awaiting = reviewAwaiting(event.reviewerRole(), event.reviewerDepartment(), event.cycleId(),
                event.unitCode(), event.period(), event.version());
        if (awaiting.review() == null) {
            return awaiting.otherwise();
        }
        Task review = awaiting.review();
        Set<String> accepted = codes(tasks.getVariable(review.getId(), Bpmn.Var.ACCEPTED_ITEMS));
        event.items().forEach(item -> accepted.add(item.itemCode()));
        Set<String> owned = codes(runtime.getVariable(review.getProcessInstanceId(),
                Bpmn.Var.DEPARTMENT_ITEMS_ + event.reviewerDepartment()));
        if (accepted.containsAll(owned)) {
            Map<String, Object> outcome = new HashMap<>();
            outcome.put(Bpmn.Var.REVIEW_OUTCOME, ReviewOutcome.ACCEPTED.name());
            outcome.put(Bpmn.Var.REVIEW_COMMENT, "");
            outcome.put(Bpmn.Var.REVIEWED_BY, event.reviewedBy());
            outcome.put(Bpmn.Var.ACCEPTED_ITEMS, String.join(",", accepted));
            tasks.complete(review.getId(), outcome);
        } else {
            tasks.setVariable(review.getId(), Bpmn.Var.ACCEPTED_ITEMS, String.join(",", accepted));
        }
        return Outcome.CORRELATED;
    }

    /** The department's review task a decision on a submission completes, or why there is none to complete. */
    private record Awaiting(Task review, Outcome otherwise) {
    }

    /**
     * Not a department's decision: nothing waits for it; no review task yet: not ready; the task reviews a later
     * version than the one decided on: a duplicate.
     */
    private Awaiting reviewAwaiting(String reviewerRole, String department, String cycleId, String unitCode,
                                    String period, int version) {
        if (!Roles.DEPT_REVIEWER.equals(reviewerRole) || department == null) {
            return new Awaiting(null, Outcome.NOT_WAITING);
        }
        Task review = reviewTask(cycleId, unitCode, period, department);
        if (review == null) {
            return new Awaiting(null, Outcome.NOT_READY);
        }
        if (stale(review, version)) {
            return new Awaiting(null, Outcome.DUPLICATE);
        }
        return new Awaiting(review, null);
    }

    private Task reviewTask(String cycleId, String unitCode, String period, String department) {
        return tasks.createTaskQuery().processInstanceBusinessKey(businessKey(cycleId, unitCode))
                .taskDefinitionKey(Bpmn.Task.REVIEW_SELF_ASSESSMENT)
                .taskVariableValueEquals(Bpmn.Var.PERIOD, period)
                .taskVariableValueEquals(Bpmn.Var.DEPARTMENT, department)
                .list().stream().findFirst().orElse(null);
    }

    /** A decision on a version older than the one the period now has was overtaken by a resubmission. */
    private boolean stale(Task review, int version) {
        Object current = runtime.getVariable(review.getProcessInstanceId(), Bpmn.Var.SUBMITTED_VERSION);
        return current instanceof Integer v && version < v;
    }

    private static Set<String> codes(Object joined) {
        Set<String> codes = new LinkedHashSet<>();
        if (joined instanceof String text && !text.isBlank() && !"-".equals(text)) {
            codes.addAll(Arrays.asList(text.split(",")));
        }
        return codes;
    }

    /** Only the full recompute the unit asked for ends its wait; incremental recomputations are not the answer. */
    public Outcome scoresComputed(ScoresComputed event) {
        if (event.trigger() == ScoresComputed.Trigger.DECISION) {
            return appealRescored(event);
        }
        if (event.trigger() != ScoresComputed.Trigger.FULL_RECOMPUTE) {
            return Outcome.NOT_WAITING;
        }
        return runtime.createMessageCorrelation(Bpmn.Message.SCORES_COMPUTED)
                .processInstanceBusinessKey(businessKey(event.cycleId(), event.unitCode()))
                .correlateAllWithResult().isEmpty() ? Outcome.NOT_WAITING : Outcome.CORRELATED;
    }

    /**
     * A unit re-scored after a decision: an upheld appeal of that unit waiting for its correction to be
     * scored (publicity period) moves on to the leaders' new approval. Any other decision's re-scoring
     * concerns no process.
     */
    private Outcome appealRescored(ScoresComputed event) {
        ProcessInstance cycle = runtime.createProcessInstanceQuery().processDefinitionKey(Bpmn.Process.ANNUAL_CYCLE)
                .processInstanceBusinessKey(event.cycleId()).active().list().stream().findFirst().orElse(null);
        if (cycle == null) {
            return Outcome.NOT_WAITING;
        }
        boolean moved = false;
        for (org.camunda.bpm.engine.runtime.EventSubscription waiting : runtime.createEventSubscriptionQuery()
                .processInstanceId(cycle.getId()).eventType("message").eventName(Bpmn.Message.SCORES_COMPUTED)
                .activityId(Bpmn.Element.APPEAL_RESCORED).list()) {
            if (event.unitCode().equals(runtime.getVariable(waiting.getExecutionId(), Bpmn.Var.UNIT_CODE))) {
                runtime.messageEventReceived(Bpmn.Message.SCORES_COMPUTED, waiting.getExecutionId());
                moved = true;
            }
        }
        return moved ? Outcome.CORRELATED : Outcome.NOT_WAITING;
    }

    /**
     * The latest proposal is what the leader approves: its id and proposer (four eyes), the unit
     * categories to approve, each unit's grade with its consequence, and the units that must rectify:
     * by the consequence of their grade (a talk and a report, or a written explanation), never by its name.
     */
    public Outcome gradesProposed(GradesProposed event) {
        ProcessInstance cycle = runtime.createProcessInstanceQuery().processDefinitionKey(Bpmn.Process.ANNUAL_CYCLE)
                .processInstanceBusinessKey(event.cycleId()).active().list().stream().findFirst().orElse(null);
        if (cycle == null) {
            return Outcome.NOT_WAITING;
        }
        Object current = runtime.getVariable(cycle.getId(), Bpmn.Var.PROPOSAL_ID);
        if (event.proposalId().equals(current)) {
            return Outcome.DUPLICATE;
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put(Bpmn.Var.PROPOSAL_ID, event.proposalId());
        variables.put(Bpmn.Var.PROPOSED_BY, event.proposedBy());
        ArrayList<String> categories = new ArrayList<>(new LinkedHashSet<>(event.grades().stream()
                .map(GradesProposed.UnitGrade::category).toList()));
        variables.put(Bpmn.Var.APPROVAL_CATEGORIES, categories);
        ArrayList<String> talkAndReport = new ArrayList<>();
        ArrayList<String> explanation = new ArrayList<>();
        for (GradesProposed.UnitGrade grade : event.grades()) {
            GradeConsequence consequence = Objects.requireNonNull(grade.consequence(),
                    () -> "GradesProposed " + event.proposalId() + " gives no consequence for " + grade.unitCode());
            switch (consequence) {
                case TALK_AND_REPORT -> talkAndReport.add(grade.unitCode());
                case WRITTEN_EXPLANATION -> explanation.add(grade.unitCode());
                case NONE -> {
                }
            }
            variables.put(Bpmn.Var.GRADE_ + grade.unitCode(), grade.grade());
            variables.put(Bpmn.Var.CONSEQUENCE_ + grade.unitCode(), consequence.name());
        }
        variables.put(Bpmn.Var.TALK_AND_REPORT_UNITS, talkAndReport);
        variables.put(Bpmn.Var.EXPLANATION_UNITS, explanation);
        runtime.setVariables(cycle.getId(), variables);
        return runtime.createMessageCorrelation(Bpmn.Message.GRADES_PROPOSED).processInstanceId(cycle.getId())
                .correlateAllWithResult().isEmpty() ? Outcome.NOT_WAITING : Outcome.CORRELATED;
    }
}
