package io.kaohe.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * The task a reminder or an overdue step speaks of, as the model's timer leaves it in the process variables:
 * its cycle, unit (none for a cycle-wide task), type and period (none outside the quarters).
 */
record NoticedTask(String cycleId, String unitCode, String taskType, String period) {

    static NoticedTask of(DelegateExecution execution) {
        return new NoticedTask(Variables.required(execution, Bpmn.Var.CYCLE_ID),
                Variables.text(execution, Bpmn.Var.UNIT_CODE),
                Variables.required(execution, Bpmn.Var.NOTICE_OF),
                Variables.text(execution, Bpmn.Var.PERIOD));
    }

    /** The subject its notices go out under. */
    String subject() {
        return Subjects.task(cycleId, unitCode, taskType, period);
    }
}
