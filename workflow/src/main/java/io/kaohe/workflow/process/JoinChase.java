package io.kaohe.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * Join steps: a unit marked overdue is listed on the office's chase of its cycle, period and kind
 * (input {@code chaseOf}, {@link Bpmn.ChaseKind}); the first one starts it ({@link Chases}).
 * Idempotent: a second run lists the same unit under the same name.
 */
class JoinChase implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        Chases.join(execution, Variables.required(execution, Bpmn.Var.CHASE_OF));
    }
}
