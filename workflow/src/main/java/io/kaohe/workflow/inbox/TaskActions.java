package io.kaohe.workflow.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaohe.support.audit.AuditTrail;
import io.kaohe.support.problems.ProblemException;
import io.kaohe.support.security.CurrentUser;
import io.kaohe.support.security.Roles;
import io.kaohe.support.security.SecurityAudit;
import io.kaohe.workflow.approvals.Proposals;
import io.kaohe.workflow.process.Bpmn;
import io.kaohe.workflow.process.CycleClock;
import io.kaohe.workflow.tasks.ApprovalForm;
import io.kaohe.workflow.tasks.Completion;
import io.kaohe.workflow.tasks.FormFault;
import io.kaohe.workflow.tasks.TaskForm;
import io.kaohe.workflow.tasks.TaskForms;
import io.kaohe.support.problems.Faults;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What people do with tasks: claim, give back, complete with a validated form, pass to a
 * colleague, and (the office) hand over everything a person who left held. Each call is one
 * transaction with the engine, run through {@link EngineCollisions} (which tries it again when a job of
 * the process won the engine's lock); a task someone else holds is refused with 409, a task outside the
 * caller's scope with 404 (audited).
 */
@Service
class TaskActions {

    private final TaskService tasks;
    private final TaskAccess access;
    private final TaskEvents events;
    private final JdbcClient db;
    private final ObjectMapper json;
    private final Validator validator;
    private final MessageSource messages;
    private final Proposals proposals;
    private final SecurityAudit audit;
    private final TaskPeople people;

    TaskActions(TaskService tasks, TaskAccess access, TaskEvents events, JdbcClient db, ObjectMapper json,
                Validator validator, MessageSource messages, Proposals proposals, SecurityAudit audit,
                TaskPeople people) {
        this.people = people;
        this.tasks = tasks;
        this.access = access;
        this.events = events;
        this.db = db;
        this.json = json;
        this.validator = validator;
        this.messages = messages;
        this.proposals = proposals;
        this.audit = audit;
    }

    /** What a completion did; for a leader's approval, the result per unit. */
    record Completed(String taskId, String type, String completedBy, Instant completedAt, List<UnitOutcome> units) {
    }

    /** One unit of an approval: APPROVED, or RETURNED to a named step with the reason. */
    record UnitOutcome(String unitCode, String outcome, String returnTo, String reason) {
    }

    @Transactional
    public Task claim(String taskId, CurrentUser user, HttpServletRequest request) {
        Task task = access.visible(taskId, user, request);
        if (user.username().equals(task.getAssignee())) {
            return task;
        }
        heldByOther(task, user);
        guard(() -> tasks.claim(taskId, user.username()));
        events.record(task, user.username(), TaskEvents.CLAIMED, null);
        return tasks.createTaskQuery().taskId(taskId).singleResult();
    }

    @Transactional
    public Task unclaim(String taskId, CurrentUser user, HttpServletRequest request) {
        Task task = access.visible(taskId, user, request);
        if (task.getAssignee() == null) {
            return task;
        }
        if (!user.username().equals(task.getAssignee()) && !user.hasRole(Roles.OFFICE_ADMIN)) {
            throw ProblemException.conflict("workflow.task.held-by-other", taskId, task.getAssignee());
        }
        guard(() -> tasks.setAssignee(taskId, null));
        events.record(task, user.username(), TaskEvents.UNCLAIMED, task.getAssignee());
        return tasks.createTaskQuery().taskId(taskId).singleResult();
    }

    /**
     * Passes a task the caller holds (or an unclaimed one) to a colleague who is a candidate for it
     * (one of their groups is one of the task's, as of their latest sign-in); the caller stays its owner.
     */
    @Transactional
    public Task delegate(String taskId, String colleague, CurrentUser user, HttpServletRequest request) {
        Task task = access.visible(taskId, user, request);
        heldByOther(task, user);
        if (colleague.equals(user.username())) {
            throw ProblemException.badRequest("workflow.task.delegate-to-self");
        }
        // Only to someone who could take the task from its groups: else nobody but a handover reaches it.
        List<String> offered = access.candidateGroups(taskId);
        List<String> theirs = people.groupsOf(colleague).orElse(null);
        if (theirs == null) {
            throw ProblemException.badRequest("workflow.task.delegate-unknown", colleague);
        }
        if (theirs.stream().noneMatch(offered::contains)) {
            audit.deniedObject(user, request.getMethod(), request.getRequestURI(), 403,
                    "delegate task " + taskId + " to " + colleague + " outside " + String.join(",", offered));
            throw ProblemException.forbidden("workflow.task.delegate-not-candidate", colleague);
        }
        guard(() -> {
            tasks.setOwner(taskId, user.username());
            tasks.setAssignee(taskId, colleague);
        });
        events.record(task, user.username(), TaskEvents.DELEGATED, colleague);
        return tasks.createTaskQuery().taskId(taskId).singleResult();
    }

    /** Every open task {@code from} holds goes to {@code to}, or back to its groups when {@code to} is null. */
    @Transactional
    public List<String> handOver(String from, String to, CurrentUser office) {
        if (from.equals(to)) {
            throw ProblemException.badRequest("workflow.handover.same-person");
        }
        List<Task> held = tasks.createTaskQuery().taskAssignee(from).list();
        for (Task task : held) {
            guard(() -> tasks.setAssignee(task.getId(), to));
            events.record(task, office.username(), TaskEvents.HANDED_OVER, from + " → " + (to == null ? "(group)" : to));
        }
        return held.stream().map(Task::getId).toList();
    }

    @Transactional
    public Completed complete(String taskId, JsonNode body, CurrentUser user, HttpServletRequest request) {
        Task task = access.visible(taskId, user, request);
        String type = task.getTaskDefinitionKey();
        if (type == null || Bpmn.Task.COMPLETED_BY_EVENT.contains(type)) {
            throw ProblemException.conflict("workflow.task.completed-by-event", taskId);
        }
        heldByOther(task, user);
        Class<? extends TaskForm> formType = TaskForms.formOf(type)
                .orElseThrow(() -> ProblemException.conflict("workflow.task.completed-by-event", taskId));
        TaskForm form = read(body, formType);
        Map<String, Object> variables = tasks.getVariables(taskId);
        Completion completion = new Completion(user.username(), CycleClock.from(variables), variables);
        Faults faults = new Faults(messages);
        for (FormFault fault : form.faults(completion)) {
            faults.add(fault.location(), fault.code(), fault.args());
        }
        if (form instanceof ApprovalForm approval) {
            checkApproval(task, approval, variables, user, request, faults);
        }
        faults.throwIfAny("workflow.task.form-invalid");
        AuditTrail.object("complete " + type, "task", taskId);
        AuditTrail.concerns(text(variables.get(Bpmn.Var.CYCLE_ID)), text(variables.get(Bpmn.Var.UNIT_CODE)));
        AuditTrail.change(null, form);

        guard(() -> {
            if (task.getAssignee() == null) {
                tasks.claim(taskId, user.username());
            }
            tasks.setVariablesLocal(taskId, form.record(completion));
            tasks.complete(taskId, form.flow(completion));
        });
        if (form instanceof ApprovalForm approval) {
            for (String unit : approval.approve()) {
                db.sql("""
                        insert into approved_unit (cycle_id, unit_code, proposal_id, approved_by) values (?, ?, ?, ?)
                        on conflict (cycle_id, unit_code) do update set proposal_id = excluded.proposal_id,
                            approved_by = excluded.approved_by, approved_at = now()
                        """).params(variables.get(Bpmn.Var.CYCLE_ID), unit, variables.get(Bpmn.Var.PROPOSAL_ID),
                        user.username()).update();
            }
        }
        db.sql("delete from task_draft where task_id = ?").param(taskId).update();
        events.record(task, user.username(), TaskEvents.COMPLETED, formType.getSimpleName());
        List<UnitOutcome> units = new ArrayList<>();
        if (form instanceof ApprovalForm approval) {
            approval.approve().forEach(u -> units.add(new UnitOutcome(u, "APPROVED", null, null)));
            approval.returnsOrEmpty().forEach(r -> units.add(new UnitOutcome(r.unitCode(), "RETURNED",
                    r.returnTo().name(), r.reason())));
        }
        return new Completed(taskId, type, user.username(), Instant.now(), units);
    }

    /**
     * Four eyes: whoever proposed the grades does not approve them. The decision must cover exactly
     * the category's units still awaiting approval in the latest proposal.
     */
    private void checkApproval(Task task, ApprovalForm approval, Map<String, Object> variables, CurrentUser user,
                               HttpServletRequest request, Faults faults) {
        if (user.username().equals(variables.get(Bpmn.Var.PROPOSED_BY))) {
            audit.deniedObject(user, request.getMethod(), request.getRequestURI(), 403,
                    "four eyes: " + user.username() + " proposed the grades of task " + task.getId());
            throw ProblemException.forbidden("workflow.approval.four-eyes");
        }
        String cycleId = (String) variables.get(Bpmn.Var.CYCLE_ID);
        String proposalId = (String) variables.get(Bpmn.Var.PROPOSAL_ID);
        String category = (String) variables.get(Bpmn.Var.CATEGORY);
        Set<String> approved = new HashSet<>(db.sql("select unit_code from approved_unit where cycle_id = ?")
                .param(cycleId).query(String.class).list());
        List<String> pending = new ArrayList<>(proposals.unitsOf(proposalId, category));
        pending.removeAll(approved);
        if (pending.isEmpty()) {
            // No proposal recorded here for the category (e.g. events not yet consumed): decide on what was sent.
            return;
        }
        Set<String> decided = new HashSet<>();
        for (int i = 0; i < approval.approve().size(); i++) {
            String unit = approval.approve().get(i);
            decided.add(unit);
            if (!pending.contains(unit)) {
                faults.add("approve[" + i + "]", "workflow.approval.unit-not-pending", unit, category);
            }
        }
        for (int i = 0; i < approval.returnsOrEmpty().size(); i++) {
            String unit = approval.returnsOrEmpty().get(i).unitCode();
            decided.add(unit);
            if (!pending.contains(unit)) {
                faults.add("returns[" + i + "].unitCode", "workflow.approval.unit-not-pending", unit, category);
            }
        }
        List<String> missing = pending.stream().filter(u -> !decided.contains(u)).sorted().toList();
        if (!missing.isEmpty()) {
            faults.add("approve", "workflow.approval.units-missing", String.join("、", missing));
        }
    }

    private TaskForm read(JsonNode body, Class<? extends TaskForm> type) {
        if (body == null || !body.isObject()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "workflow.task.form-invalid",
                    new Faults(messages).add("", "workflow.task.form-not-object").errors(), 1);
        }
        TaskForm form;
        try {
            form = json.treeToValue(body, type);
        } catch (JsonMappingException e) {
            String location = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                    : "[" + r.getIndex() + "]").collect(Collectors.joining(".")).replace(".[", "[");
            throw new ProblemException(HttpStatus.BAD_REQUEST, "workflow.task.form-invalid",
                    new Faults(messages).add(location, "workflow.task.form-unreadable", e.getOriginalMessage()).errors(), 1);
        } catch (JsonProcessingException e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "workflow.task.form-invalid",
                    new Faults(messages).add("", "workflow.task.form-unreadable", e.getOriginalMessage()).errors(), 1);
        }
        Set<ConstraintViolation<TaskForm>> violations = validator.validate(form);
        if (!violations.isEmpty()) {
            Faults faults = new Faults(messages);
            violations.stream().sorted(java.util.Comparator.comparing(v -> v.getPropertyPath().toString()))
                    .forEach(v -> faults.addText(location(v), v.getMessage()));
            faults.throwIfAny("workflow.task.form-invalid");
        }
        return form;
    }

    /** A class-level check (isCommentGivenWhenReturned) is reported at the field it is about, as far as it is one. */
    private static String location(ConstraintViolation<?> v) {
        String path = v.getPropertyPath().toString();
        return switch (path) {
            case "commentGivenWhenReturned" -> "comment";
            case "anythingDecided", "eachUnitDecidedOnce" -> "approve";
            default -> path;
        };
    }

    private static void heldByOther(Task task, CurrentUser user) {
        if (task.getAssignee() != null && !task.getAssignee().equals(user.username())) {
            throw ProblemException.conflict("workflow.task.held-by-other", task.getId(), task.getAssignee());
        }
    }

    /**
     * A colleague claimed the task first: the loser gets 409 and nothing of its change. A lost optimistic
     * lock passes through: it may be only a job of the process, and {@link EngineCollisions} tries again.
     */
    private static void guard(Runnable engineCall) {
        try {
            engineCall.run();
        } catch (TaskAlreadyClaimedException e) {
            throw ProblemException.conflict("platform.concurrent-edit");
        }
    }

    private static String text(Object value) {
        return value != null ? value.toString() : null;
    }
}
