package io.kaohe.workflow.inbox;

import io.kaohe.support.problems.ProblemException;
import io.kaohe.support.security.CurrentUser;
import io.kaohe.support.security.Roles;
import io.kaohe.support.security.SecurityAudit;
import io.kaohe.workflow.process.Bpmn;
import io.kaohe.workflow.process.TaskGroups;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Who may see which task. A caller's token gives its candidate groups: its role scoped by the
 * unit, department or inspected units it acts for ({@code unit-reporter:bz-sjw}); the office and
 * leaders act for the whole cycle. A task is visible when one of its candidate groups is one of
 * the caller's; any other task is answered 404, as if it did not exist, and the attempt audited.
 */
@Component
class TaskAccess {

    private final TaskService tasks;
    private final HistoryService history;
    private final SecurityAudit audit;

    TaskAccess(TaskService tasks, HistoryService history, SecurityAudit audit) {
        this.tasks = tasks;
        this.history = history;
        this.audit = audit;
    }

    static List<String> groups(CurrentUser user) {
        List<String> groups = new ArrayList<>();
        if (user.hasRole(Roles.OFFICE_ADMIN)) {
            groups.add(TaskGroups.OFFICE);
        }
        if (user.hasRole(Roles.LEADER)) {
            groups.add(TaskGroups.LEADER);
        }
        if (user.unit() != null && user.hasRole(Roles.UNIT_REPORTER)) {
            groups.add(TaskGroups.unitReporter(user.unit()));
        }
        if (user.unit() != null && user.hasRole(Roles.UNIT_HEAD)) {
            groups.add(TaskGroups.unitHead(user.unit()));
        }
        if (user.department() != null && user.hasRole(Roles.DEPT_REVIEWER)) {
            groups.add(TaskGroups.departmentReviewer(user.department()));
        }
        if (user.hasRole(Roles.INSPECTOR)) {
            user.inspectionUnits().stream().sorted().forEach(unit -> groups.add(TaskGroups.inspector(unit)));
        }
        return groups;
    }

    /** An open task the caller may act on, else 404 (audited when the task exists but is someone else's). */
    Task visible(String taskId, CurrentUser user, HttpServletRequest request) {
        Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
        if (task == null) {
            throw ProblemException.notFound("workflow.task.unknown", taskId);
        }
        List<String> mine = groups(user);
        boolean offered = tasks.getIdentityLinksForTask(taskId).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
                .map(IdentityLink::getGroupId).anyMatch(mine::contains);
        if (!offered) {
            refuse(user, request, taskId);
        }
        return task;
    }

    /** The groups an open task is offered to. */
    List<String> candidateGroups(String taskId) {
        return tasks.getIdentityLinksForTask(taskId).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
                .map(IdentityLink::getGroupId).filter(java.util.Objects::nonNull).toList();
    }

    /** An open or finished task the caller could see while it was open, for its history. */
    void visibleOnceOrNow(String taskId, CurrentUser user, HttpServletRequest request) {
        if (tasks.createTaskQuery().taskId(taskId).count() == 1) {
            visible(taskId, user, request);
            return;
        }
        HistoricVariableInstance groups = history.createHistoricVariableInstanceQuery().taskIdIn(taskId)
                .variableName(Bpmn.Var.CANDIDATE_GROUPS).singleResult();
        if (groups == null) {
            throw ProblemException.notFound("workflow.task.unknown", taskId);
        }
        List<String> mine = groups(user);
        if (Arrays.stream(String.valueOf(groups.getValue()).split(",")).noneMatch(mine::contains)) {
            refuse(user, request, taskId);
        }
    }

    private void refuse(CurrentUser user, HttpServletRequest request, String taskId) {
        audit.deniedObject(user, request.getMethod(), request.getRequestURI(), 404,
                "task " + taskId + " is not offered to " + String.join(",", groups(user)));
        throw ProblemException.notFound("workflow.task.unknown", taskId);
    }
}
