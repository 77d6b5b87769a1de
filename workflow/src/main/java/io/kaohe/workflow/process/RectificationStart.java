package io.kaohe.workflow.process;

import io.kaohe.contracts.events.RectificationOpened;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;

/**
 * Starts a unit's rectification process (by its message start event, business key = the
 * rectification's id) in the transaction of the step that opens it, so the process exists exactly
 * when that step's state change commits; a rectification id that already has a process starts
 * nothing. Its deadlines come from the cycle's calendar and clock.
 */
final class RectificationStart {

    /** Days a rectification allows when its cycle does not say (e.g. a cycle opened before these settings existed). */
    record Defaults(int talkReportDays, int explanationDays, int planDays, int escalationDays) {
        static final Defaults SEED_003 = new Defaults(7, 15, 15, 3);
    }

    private final Defaults defaults;

    RectificationStart(Defaults defaults) {
        this.defaults = defaults;
    }

    /** Starts the rectification unless it was started before; true if it started now. */
    boolean start(ProcessEngineServices engine, RectificationOpened opened) {
        HistoryService history = engine.getHistoryService();
        boolean exists = history.createHistoricProcessInstanceQuery().processDefinitionKey(Bpmn.Process.RECTIFICATION)
                .processInstanceBusinessKey(opened.rectificationId()).count() > 0;
        if (exists) {
            return false;
        }
        Map<String, Object> cycle = cycleSettings(history, opened.cycleId());
        Map<String, Object> variables = new HashMap<>();
        variables.put(Bpmn.Var.RECTIFICATION_ID, opened.rectificationId());
        variables.put(Bpmn.Var.CYCLE_ID, opened.cycleId());
        variables.put(Bpmn.Var.UNIT_CODE, opened.unitCode());
        variables.put(Bpmn.Var.KIND, opened.kind());
        variables.put(Bpmn.Var.GRADE, opened.grade());
        variables.put(Bpmn.Var.OPENED_BY, opened.openedBy());
        variables.put(Bpmn.Var.VERIFIER_GROUP, RectificationOpened.INSPECTION_NOTICE.equals(opened.kind())
                ? TaskGroups.inspector(opened.unitCode()) : TaskGroups.OFFICE);
        ArrayList<HashMap<String, String>> problems = new ArrayList<>();
        ArrayList<String> problemIds = new ArrayList<>();
        for (RectificationOpened.Problem p : opened.problems()) {
            HashMap<String, String> problem = new HashMap<>();
            problem.put("problemId", p.problemId());
            problem.put("itemCode", p.itemCode());
            problem.put("description", p.description());
            problem.put("source", p.source());
            problem.put("proposedDeduction", p.proposedDeduction() == null ? null : p.proposedDeduction().toPlainString());
            problems.add(problem);
            problemIds.add(p.problemId());
        }
        variables.put(Bpmn.Var.NOTICE_PROBLEMS, problems);
        variables.put(Bpmn.Var.LEDGER_ITEMS, problemIds);
        variables.put(Bpmn.Var.REPORT_DAYS, switch (opened.kind()) {
            case RectificationOpened.TALK_AND_REPORT -> cycle.getOrDefault(Bpmn.Var.TALK_REPORT_DAYS, defaults.talkReportDays());
            case RectificationOpened.EXPLANATION -> cycle.getOrDefault(Bpmn.Var.EXPLANATION_DAYS, defaults.explanationDays());
            default -> cycle.getOrDefault(Bpmn.Var.PLAN_DAYS, defaults.planDays());
        });
        variables.put(Bpmn.Var.ESCALATION_DAYS, cycle.getOrDefault(Bpmn.Var.ESCALATION_DAYS, defaults.escalationDays()));
        if (cycle.containsKey(Bpmn.Var.SECONDS_PER_DAY)) {
            variables.put(Bpmn.Var.YEAR_START, cycle.get(Bpmn.Var.YEAR_START));
            variables.put(Bpmn.Var.CLOCK_START, cycle.get(Bpmn.Var.CLOCK_START));
            variables.put(Bpmn.Var.SECONDS_PER_DAY, cycle.get(Bpmn.Var.SECONDS_PER_DAY));
        } else {
            Instant now = Variables.now();
            variables.putAll(new CycleClock(now, now, CycleClock.REAL_SECONDS_PER_DAY).variables());
        }
        engine.getRuntimeService().createMessageCorrelation(Bpmn.Message.RECTIFICATION_OPENED)
                .processInstanceBusinessKey(opened.rectificationId()).setVariables(variables).correlateStartMessage();
        return true;
    }

    private static Map<String, Object> cycleSettings(HistoryService history, String cycleId) {
        Map<String, Object> settings = new LinkedHashMap<>();
        HistoricProcessInstance cycle = history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(Bpmn.Process.ANNUAL_CYCLE).processInstanceBusinessKey(cycleId).list().stream()
                .max(Comparator.comparing(HistoricProcessInstance::getStartTime, Comparator.nullsFirst(Date::compareTo)))
                .orElse(null);
        if (cycle == null) {
            return settings;
        }
        for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery().processInstanceId(cycle.getId())
                .variableNameIn(Bpmn.Var.YEAR_START, Bpmn.Var.CLOCK_START, Bpmn.Var.SECONDS_PER_DAY,
                        Bpmn.Var.TALK_REPORT_DAYS, Bpmn.Var.EXPLANATION_DAYS, Bpmn.Var.PLAN_DAYS,
                        Bpmn.Var.ESCALATION_DAYS).list()) {
            // These live only at the cycle process's top level.
            if (v.getValue() != null) {
                settings.putIfAbsent(v.getName(), v.getValue());
            }
        }
        return settings;
    }
}
