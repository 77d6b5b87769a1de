package io.kaohe.workflow.rectification;

import io.kaohe.support.security.CurrentUser;
import io.kaohe.support.security.Roles;
import io.kaohe.workflow.process.Bpmn;
import io.kaohe.workflow.tasks.ProgressForm;
import io.kaohe.workflow.tasks.VerificationForm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The rectification ledgers (整改台账), read from the processes' history: each rectification with
 * its kind, and per problem the measure, who is responsible, the deadline, the latest progress
 * and whether it is closed (销号). A unit sees its own, an inspector its units', the office,
 * leaders and assessing departments all.
 */
@Service
class Rectifications {

    private final HistoryService history;
    private final JdbcClient db;

    Rectifications(HistoryService history, JdbcClient db) {
        this.history = history;
        this.db = db;
    }

    /** {@code closedAt}: when the entry was closed (销号), its verification's end; null while open. */
    record LedgerEntry(String problemId, String problem, String measure, String responsibleLeader,
                       String responsibleOffice, String deadline, String progress, String status, String verifiedBy,
                       Instant closedAt) {
    }

    record Rectification(String rectificationId, String cycleId, String unitCode, String kind, String grade,
                         String status, Instant openedAt, Instant closedAt, Instant reportDueAt,
                         List<Map<String, String>> noticeProblems, List<LedgerEntry> ledger) {
    }

    List<Rectification> list(String cycleId, String unitCode, CurrentUser user) {
        HistoricProcessInstanceQuery query = history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(Bpmn.Process.RECTIFICATION);
        if (cycleId != null) {
            query.variableValueEquals(Bpmn.Var.CYCLE_ID, cycleId);
        }
        if (unitCode != null) {
            query.variableValueEquals(Bpmn.Var.UNIT_CODE, unitCode);
        }
        List<Rectification> found = new ArrayList<>();
        for (HistoricProcessInstance instance : query.orderByProcessInstanceStartTime().desc().listPage(0, 500)) {
            Rectification r = read(instance);
            if (sees(user, r.unitCode())) {
                found.add(r);
            }
        }
        return found;
    }

    /** The units' names as their cycles list them, keyed by cycle and unit code (cycle + "\0" + unit). */
    /** What a ledger prints for codes: each unit's name (key cycle id NUL unit code) and each cycle's title. */
    record LedgerNames(Map<String, String> units, Map<String, String> cycles) {

        String unit(Rectification r) {
            return units.getOrDefault(r.cycleId() + "\u0000" + r.unitCode(), r.unitCode());
        }

        String cycle(Rectification r) {
            return r.cycleId() == null ? null : cycles.getOrDefault(r.cycleId(), r.cycleId());
        }
    }

    LedgerNames ledgerNames(List<Rectification> rectifications) {
        Map<String, String> units = new HashMap<>();
        Map<String, String> titles = new HashMap<>();
        List<String> cycles = rectifications.stream().map(Rectification::cycleId).filter(java.util.Objects::nonNull)
                .distinct().toList();
        if (!cycles.isEmpty()) {
            db.sql("select cycle_id, unit_code, unit_name from cycle_unit where cycle_id in (:cycles)")
                    .param("cycles", cycles).query((rs, n) -> units.put(rs.getString(1) + "\u0000" + rs.getString(2),
                            rs.getString(3))).list();
            db.sql("select cycle_id, title from cycle where cycle_id in (:cycles)").param("cycles", cycles)
                    .query((rs, n) -> titles.put(rs.getString(1), rs.getString(2))).list();
        }
        return new LedgerNames(units, titles);
    }

    private static boolean hasState(Map<String, Object> scope) {
        return scope != null && (scope.containsKey(Bpmn.Var.VERDICT) || scope.containsKey(Bpmn.Var.PROGRESS));
    }

    static boolean sees(CurrentUser user, String unitCode) {
        if (user.hasRole(Roles.OFFICE_ADMIN) || user.hasRole(Roles.LEADER) || user.hasRole(Roles.DEPT_REVIEWER)) {
            return true;
        }
        return user.actsForUnit(unitCode) || (user.hasRole(Roles.INSPECTOR) && user.inspectionUnits().contains(unitCode));
    }

    @SuppressWarnings("unchecked")
    private Rectification read(HistoricProcessInstance instance) {
        Map<String, Object> top = new HashMap<>();
        Map<String, Map<String, Object>> byScope = new HashMap<>();
        Map<String, String> taskProblems = new HashMap<>();
        Map<String, Map<String, Object>> taskRecords = new HashMap<>();
        for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId()).list()) {
            if (v.getTaskId() != null) {
                // Every task carries its ledger entry's problem id as a task-local attribute, and a progress
                // report or a verification what it recorded.
                if (Bpmn.Var.PROBLEM_ID.equals(v.getName()) && v.getValue() != null) {
                    taskProblems.put(v.getTaskId(), String.valueOf(v.getValue()));
                } else if (v.getValue() != null && (ProgressForm.RECORDED_PROGRESS.equals(v.getName())
                        || VerificationForm.RECORDED_VERDICT.equals(v.getName()))) {
                    taskRecords.computeIfAbsent(v.getTaskId(), k -> new HashMap<>()).put(v.getName(), v.getValue());
                }
                continue;
            }
            if (instance.getId().equals(v.getActivityInstanceId())) {
                top.put(v.getName(), v.getValue());
            } else {
                byScope.computeIfAbsent(v.getActivityInstanceId(), k -> new HashMap<>()).put(v.getName(), v.getValue());
            }
        }
        // Entries recorded before their tasks kept what they recorded: the state in a scope that also names the
        // entry's problem id (progress, verdict, verifier); that scope ends when the entry is closed (销号).
        Map<String, HistoricActivityInstance> activities = new HashMap<>();
        for (HistoricActivityInstance a : history.createHistoricActivityInstanceQuery()
                .processInstanceId(instance.getId()).list()) {
            activities.put(a.getId(), a);
        }
        Map<String, String> entryScope = new HashMap<>();
        byScope.forEach((scope, state) -> {
            if (state.get(Bpmn.Var.PROBLEM_ID) != null && hasState(state)) {
                entryScope.put(String.valueOf(state.get(Bpmn.Var.PROBLEM_ID)), scope);
            }
        });
        // Each entry's latest progress report and latest verification, as their tasks recorded them.
        Map<String, String> reported = new HashMap<>();
        Map<String, HistoricTaskInstance> verified = new HashMap<>();
        Map<String, String> verdicts = new HashMap<>();
        if (!taskProblems.isEmpty()) {
            List<HistoricTaskInstance> tasks = history.createHistoricTaskInstanceQuery()
                    .processInstanceId(instance.getId()).finished().orderByHistoricTaskInstanceEndTime().asc().list();
            for (HistoricTaskInstance task : tasks) {
                String problemId = taskProblems.get(task.getId());
                Map<String, Object> recorded = taskRecords.getOrDefault(task.getId(), Map.of());
                if (problemId != null && recorded.get(ProgressForm.RECORDED_PROGRESS) != null) {
                    reported.put(problemId, String.valueOf(recorded.get(ProgressForm.RECORDED_PROGRESS)));
                }
                if (problemId != null && recorded.get(VerificationForm.RECORDED_VERDICT) != null) {
                    verified.put(problemId, task);
                    verdicts.put(problemId, String.valueOf(recorded.get(VerificationForm.RECORDED_VERDICT)));
                }
            }
        }
        Map<String, Map<String, Object>> entryState = new HashMap<>();
        Map<String, Instant> scopeEnds = new HashMap<>();
        entryScope.forEach((problemId, scope) -> {
            entryState.put(problemId, byScope.get(scope));
            HistoricActivityInstance a = activities.get(scope);
            if (a != null && a.getEndTime() != null) {
                scopeEnds.put(scope, a.getEndTime().toInstant());
            }
        });
        List<LedgerEntry> ledger = new ArrayList<>();
        Object items = top.get(Bpmn.Var.LEDGER_ITEMS);
        if (items instanceof Collection<?> ids) {
            for (Object id : ids) {
                Map<String, String> entry = (Map<String, String>) top.getOrDefault(Bpmn.Var.LEDGER_ + id, Map.of());
                String problemId = String.valueOf(id);
                Map<String, Object> state = entryState.getOrDefault(problemId, Map.of());
                // What the tasks recorded first; the entry's scope for entries recorded before tasks kept it.
                HistoricTaskInstance verification = verified.get(problemId);
                String verdict = verification != null ? verdicts.get(problemId) : (String) state.get(Bpmn.Var.VERDICT);
                String progress = reported.getOrDefault(problemId, (String) state.get(Bpmn.Var.PROGRESS));
                String verifiedBy = verification != null ? verification.getAssignee()
                        : (String) state.get(Bpmn.Var.VERIFIED_BY);
                Instant closedAt = !"CLOSED".equals(verdict) ? null : verification != null
                        ? verification.getEndTime().toInstant() : scopeEnds.get(entryScope.get(problemId));
                ledger.add(new LedgerEntry(problemId, entry.get("problem"), entry.get("measure"),
                        entry.get("responsibleLeader"), entry.get("responsibleOffice"), entry.get("deadline"),
                        "-".equals(progress) ? null : progress,
                        "CLOSED".equals(verdict) ? "CLOSED" : "OPEN",
                        "-".equals(verifiedBy) ? null : verifiedBy, closedAt));
            }
        }
        Object due = top.get(Bpmn.Var.REPORT_DUE_AT);
        return new Rectification((String) top.get(Bpmn.Var.RECTIFICATION_ID), (String) top.get(Bpmn.Var.CYCLE_ID),
                (String) top.get(Bpmn.Var.UNIT_CODE), (String) top.get(Bpmn.Var.KIND), (String) top.get(Bpmn.Var.GRADE),
                instance.getEndTime() == null ? "OPEN" : "CLOSED", instance.getStartTime().toInstant(),
                instance.getEndTime() == null ? null : instance.getEndTime().toInstant(),
                due instanceof Date d ? d.toInstant() : null,
                (List<Map<String, String>>) top.getOrDefault(Bpmn.Var.NOTICE_PROBLEMS, List.of()), ledger);
    }
}
