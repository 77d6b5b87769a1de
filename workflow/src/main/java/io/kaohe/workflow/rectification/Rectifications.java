package io.kaohe.workflow.rectification;

import io.kaohe.support.security.CurrentUser;
import io.kaohe.support.security.Roles;
import io.kaohe.workflow.process.Bpmn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
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

    Rectifications(HistoryService history) {
        this.history = history;
    }

    record LedgerEntry(String problemId, String problem, String measure, String responsibleLeader,
                       String responsibleOffice, String deadline, String progress, String status, String verifiedBy) {
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
        for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId()).list()) {
            if (v.getTaskId() != null) {
                continue;
            }
            if (instance.getId().equals(v.getActivityInstanceId())) {
                top.put(v.getName(), v.getValue());
            } else {
                byScope.computeIfAbsent(v.getActivityInstanceId(), k -> new HashMap<>()).put(v.getName(), v.getValue());
            }
        }
        // The latest state of each ledger entry lives in its multi-instance scope (problemId, progress, verdict).
        Map<String, Map<String, Object>> entryState = new HashMap<>();
        byScope.values().stream().filter(s -> s.get(Bpmn.Var.PROBLEM_ID) != null)
                .forEach(s -> entryState.put((String) s.get(Bpmn.Var.PROBLEM_ID), s));
        List<LedgerEntry> ledger = new ArrayList<>();
        Object items = top.get(Bpmn.Var.LEDGER_ITEMS);
        if (items instanceof Collection<?> ids) {
            for (Object id : ids) {
                Map<String, String> entry = (Map<String, String>) top.getOrDefault(Bpmn.Var.LEDGER_ + id, Map.of());
                Map<String, Object> state = entryState.getOrDefault(String.valueOf(id), Map.of());
                String verdict = (String) state.get(Bpmn.Var.VERDICT);
                String progress = (String) state.get(Bpmn.Var.PROGRESS);
                ledger.add(new LedgerEntry(String.valueOf(id), entry.get("problem"), entry.get("measure"),
                        entry.get("responsibleLeader"), entry.get("responsibleOffice"), entry.get("deadline"),
                        "-".equals(progress) ? null : progress,
                        "CLOSED".equals(verdict) ? "CLOSED" : "OPEN",
                        "-".equals(state.get(Bpmn.Var.VERIFIED_BY)) ? null : (String) state.get(Bpmn.Var.VERIFIED_BY)));
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
