package io.kaohe.workflow.process;

import io.kaohe.support.problems.ProblemException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.http.HttpStatus;

/**
 * Files a unit's appeal (申诉) on one of its items into the cycle's publicity stage: one instance of
 * the appeal sub-process, its variables local to it, the item's leading assessing department to
 * answer it. Refused: an appeal on another unit's item (403), outside the publicity period or after
 * it (409, in words), a second open appeal on the same item (409), an item the unit does not have
 * (400). Plain engine code: the appeals API calls it in its transaction, process tests directly.
 */
public class AppealFiling {

    /** What a unit files: on which item, why, and the evidence it points to (evidence ids or descriptions). */
    public record Appeal(String appealId, String cycleId, String unitCode, String itemCode, String reason,
                         List<String> evidence, String filedBy) {
    }

    /** Where the appeal went: its id and the department that answers it. */
    public record Filed(String appealId, String department, Instant publicityEndsAt) {
    }

    private final RuntimeService runtime;
    private final AssessingDepartments departments;

    public AppealFiling(ProcessEngine engine, AssessingDepartments departments) {
        this.runtime = engine.getRuntimeService();
        this.departments = departments;
    }

    /** The key that names one appeal's subject: the cycle, the unit and the item. */
    public static String appealKey(String cycleId, String unitCode, String itemCode) {
        return cycleId + ":" + unitCode + ":" + itemCode;
    }

    /**
     * @param filersUnit the unit the caller acts for (null for none)
     */
    public Filed file(Appeal appeal, String filersUnit) {
        if (!Objects.equals(filersUnit, appeal.unitCode())) {
            throw ProblemException.forbidden("workflow.appeal.other-unit", appeal.unitCode());
        }
        ProcessInstance cycle = runtime.createProcessInstanceQuery().processDefinitionKey(Bpmn.Process.ANNUAL_CYCLE)
                .processInstanceBusinessKey(appeal.cycleId()).active().singleResult();
        if (cycle == null) {
            throw ProblemException.conflict("workflow.appeal.not-in-publicity", appeal.cycleId());
        }
        Object endsAt = runtime.getVariable(cycle.getId(), Bpmn.Var.PUBLICITY_ENDS_AT);
        Object lastDay = runtime.getVariable(cycle.getId(), Bpmn.Var.PUBLICITY_LAST_DAY);
        if (!(endsAt instanceof Date ends)) {
            throw ProblemException.conflict("workflow.appeal.not-in-publicity", appeal.cycleId());
        }
        if (!Variables.now().isBefore(ends.toInstant())) {
            throw ProblemException.conflict("workflow.appeal.late", appeal.cycleId(), lastDay);
        }
        String department = departmentOf(cycle, appeal);
        String key = appealKey(appeal.cycleId(), appeal.unitCode(), appeal.itemCode());
        if (runtime.createVariableInstanceQuery().processInstanceIdIn(cycle.getId())
                .variableName(Bpmn.Var.APPEAL_KEY).variableValueEquals(Bpmn.Var.APPEAL_KEY, key).count() > 0) {
            throw ProblemException.conflict("workflow.appeal.open-already", appeal.itemCode());
        }
        Map<String, Object> local = new HashMap<>();
        local.put(Bpmn.Var.APPEAL_ID, appeal.appealId());
        local.put(Bpmn.Var.APPEAL_KEY, key);
        local.put(Bpmn.Var.UNIT_CODE, appeal.unitCode());
        local.put(Bpmn.Var.ITEM_CODE, appeal.itemCode());
        local.put(Bpmn.Var.DEPARTMENT, department);
        local.put(Bpmn.Var.APPEAL_REASON, appeal.reason().strip());
        local.put(Bpmn.Var.APPEAL_EVIDENCE, String.join("\n", appeal.evidence() == null ? List.of() : appeal.evidence()));
        local.put(Bpmn.Var.FILED_BY, appeal.filedBy());
        local.put("filedAt", Date.from(Variables.now()));
        // Declared here so that the tasks' answers stay with this appeal, not the cycle (or the next appeal).
        for (String name : List.of(Bpmn.Var.APPEAL_ANSWER, Bpmn.Var.ANSWERED_BY, Bpmn.Var.APPEAL_OUTCOME,
                Bpmn.Var.APPEAL_DECISION, Bpmn.Var.DECIDED_BY, Bpmn.Var.SUPERSEDES, Bpmn.Var.CORRECTION_KIND,
                Bpmn.Var.CORRECTION_AMOUNT, Bpmn.Var.APPROVED_BY)) {
            local.put(name, null);
        }
        local.put(Bpmn.Var.APPROVED_UNITS, new ArrayList<String>());
        runtime.createMessageCorrelation(Bpmn.Message.APPEAL_FILED).processInstanceId(cycle.getId())
                .setVariablesToTriggeredScope(local).correlateWithResult();
        return new Filed(appeal.appealId(), department, ends.toInstant());
    }

    private String departmentOf(ProcessInstance cycle, Appeal appeal) {
        String rubric = (String) runtime.getVariable(cycle.getId(), Bpmn.Var.RUBRIC_VERSION_ID);
        List<String> units = new ArrayList<>();
        Object codes = runtime.getVariable(cycle.getId(), Bpmn.Var.UNIT_CODES);
        if (codes instanceof java.util.Collection<?> c) {
            c.forEach(u -> units.add(String.valueOf(u)));
        }
        if (units.contains(appeal.unitCode())) {
            for (Map.Entry<String, List<String>> owned : departments.itemsByDepartment(rubric, appeal.unitCode())
                    .entrySet()) {
                if (owned.getValue().contains(appeal.itemCode())) {
                    return owned.getKey();
                }
            }
        }
        throw new ProblemException(HttpStatus.BAD_REQUEST, "workflow.appeal.item-unknown", appeal.itemCode(),
                appeal.unitCode());
    }
}
