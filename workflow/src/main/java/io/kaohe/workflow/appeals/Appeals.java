package io.kaohe.workflow.appeals;

import io.kaohe.support.audit.AuditTrail;
import io.kaohe.support.problems.ProblemException;
import io.kaohe.support.security.CurrentUser;
import io.kaohe.support.security.Roles;
import io.kaohe.support.security.SecurityAudit;
import io.kaohe.workflow.process.AppealFiling;
import io.kaohe.workflow.process.Bpmn;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The appeals of a cycle's publicity period: filed by a unit's reporter or head on the unit's own
 * items (another unit's: 403, audited), read from the cycle's process — each appeal is one instance
 * of its event sub-process, its variables local to it. A unit sees its own appeals, an assessing
 * department those it answers, the office and leaders all.
 */
@Service
class Appeals {

    /** An appeal as its readers see it; {@code step} is the open task's type while it is open. */
    record AppealView(String appealId, String cycleId, String unitCode, String itemCode, String department,
                      String reason, List<String> evidence, String filedBy, Instant filedAt, String status,
                      String step, String answer, String answeredBy, String outcome, String decision,
                      String decidedBy, Instant closedAt, Instant publicityEndsAt) {
    }

    static final String OPEN = "OPEN";
    static final String CLOSED = "CLOSED";

    private final AppealFiling filing;
    private final HistoryService history;
    private final TaskService tasks;
    private final SecurityAudit audit;

    Appeals(AppealFiling filing, HistoryService history, TaskService tasks, SecurityAudit audit) {
        this.filing = filing;
        this.history = history;
        this.tasks = tasks;
        this.audit = audit;
    }

    @Transactional
    AppealView file(String cycleId, AppealRequest request, CurrentUser user, HttpServletRequest http) {
        boolean unitRole = user.hasRole(Roles.UNIT_REPORTER) || user.hasRole(Roles.UNIT_HEAD);
        if (!unitRole || user.unit() == null) {
            audit.deniedObject(user, http.getMethod(), http.getRequestURI(), 403, "appeal by a non-unit user");
            throw ProblemException.forbidden("workflow.appeal.role");
        }
        String unitCode = request.unitCode().strip();
        if (!user.actsForUnit(unitCode)) {
            audit.deniedObject(user, http.getMethod(), http.getRequestURI(), 403,
                    "appeal on unit " + unitCode + " by a user of " + user.unit());
            throw ProblemException.forbidden("workflow.appeal.other-unit", unitCode);
        }
        String appealId = UUID.randomUUID().toString();
        AppealFiling.Filed filed = filing.file(new AppealFiling.Appeal(appealId, cycleId, unitCode,
                request.itemCode().strip(), request.reason().strip(),
                request.evidence() == null ? List.of() : request.evidence().stream().map(String::strip).toList(),
                user.username()), user.unit());
        AuditTrail.object("appeal", "appeal", appealId);
        AuditTrail.concerns(cycleId, unitCode);
        AuditTrail.change(null, request);
        return list(cycleId, null).stream().filter(a -> a.appealId().equals(filed.appealId())).findFirst()
                .orElseThrow();
    }

    /** The cycle's appeals the caller may see, newest first. */
    List<AppealView> list(String cycleId, CurrentUser user) {
        List<AppealView> found = new ArrayList<>();
        for (HistoricProcessInstance cycle : history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(Bpmn.Process.ANNUAL_CYCLE).processInstanceBusinessKey(cycleId).list()) {
            Object ends = value(cycle.getId(), null, Bpmn.Var.PUBLICITY_ENDS_AT);
            for (HistoricVariableInstance id : history.createHistoricVariableInstanceQuery()
                    .processInstanceId(cycle.getId()).variableName(Bpmn.Var.APPEAL_ID).list()) {
                if (id.getTaskId() != null) {
                    continue;
                }
                AppealView view = read(cycleId, id.getActivityInstanceId(), ends instanceof Date d ? d.toInstant() : null);
                if (user == null || sees(user, view)) {
                    found.add(view);
                }
            }
        }
        found.sort(Comparator.comparing(AppealView::filedAt, Comparator.nullsLast(Comparator.reverseOrder())));
        return found;
    }

    static boolean sees(CurrentUser user, AppealView appeal) {
        if (user.hasRole(Roles.OFFICE_ADMIN) || user.hasRole(Roles.LEADER)) {
            return true;
        }
        if (user.hasRole(Roles.DEPT_REVIEWER) && user.department() != null
                && user.department().equals(appeal.department())) {
            return true;
        }
        return (user.hasRole(Roles.UNIT_REPORTER) || user.hasRole(Roles.UNIT_HEAD)) && user.actsForUnit(appeal.unitCode());
    }

    private AppealView read(String cycleId, String scope, Instant publicityEndsAt) {
        Map<String, Object> v = new HashMap<>();
        for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
                .activityInstanceIdIn(scope).list()) {
            if (variable.getTaskId() == null) {
                v.put(variable.getName(), variable.getValue());
            }
        }
        String appealId = (String) v.get(Bpmn.Var.APPEAL_ID);
        HistoricActivityInstance instance = history.createHistoricActivityInstanceQuery().activityInstanceId(scope)
                .singleResult();
        boolean closed = instance != null && instance.getEndTime() != null;
        String step = null;
        if (!closed) {
            Task open = tasks.createTaskQuery().taskVariableValueEquals(Bpmn.Var.APPEAL_ID, appealId).singleResult();
            step = open == null ? null : open.getTaskDefinitionKey();
        }
        String evidence = (String) v.get(Bpmn.Var.APPEAL_EVIDENCE);
        return new AppealView(appealId, cycleId, (String) v.get(Bpmn.Var.UNIT_CODE), (String) v.get(Bpmn.Var.ITEM_CODE),
                (String) v.get(Bpmn.Var.DEPARTMENT), (String) v.get(Bpmn.Var.APPEAL_REASON),
                evidence == null || evidence.isBlank() ? List.of() : Arrays.asList(evidence.split("\n")),
                (String) v.get(Bpmn.Var.FILED_BY), v.get("filedAt") instanceof Date d ? d.toInstant() : null,
                closed ? CLOSED : OPEN, step, (String) v.get(Bpmn.Var.APPEAL_ANSWER),
                (String) v.get(Bpmn.Var.ANSWERED_BY), (String) v.get(Bpmn.Var.APPEAL_OUTCOME),
                (String) v.get(Bpmn.Var.APPEAL_DECISION), (String) v.get(Bpmn.Var.DECIDED_BY),
                closed ? instance.getEndTime().toInstant() : null, publicityEndsAt);
    }

    private Object value(String processInstanceId, String scope, String name) {
        HistoricVariableInstance found = history.createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId).variableName(name).list().stream()
                .filter(x -> scope == null ? processInstanceId.equals(x.getActivityInstanceId()) : scope.equals(x.getActivityInstanceId()))
                .findFirst().orElse(null);
        return found == null ? null : found.getValue();
    }
}
