package io.kaohe.workflow.process;

import io.kaohe.contracts.events.AppealClosed;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * The appeal is over → AppealClosed with the office's outcome and reason: the unit is told (the
 * notification centre) and reads it in its appeal list.
 */
class CloseAppeal implements JavaDelegate {

    private final CommandSender sender;

    CloseAppeal(CommandSender sender) {
        this.sender = sender;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String cycleId = Variables.required(execution, Bpmn.Var.CYCLE_ID);
        String unitCode = Variables.required(execution, Bpmn.Var.UNIT_CODE);
        String appealId = Variables.required(execution, Bpmn.Var.APPEAL_ID);
        sender.send(AppealClosed.TYPE, Subjects.appeal(cycleId, unitCode, appealId), cycleId, unitCode,
                new AppealClosed(appealId, cycleId, unitCode, Variables.required(execution, Bpmn.Var.ITEM_CODE),
                        Variables.required(execution, Bpmn.Var.APPEAL_OUTCOME),
                        Variables.required(execution, Bpmn.Var.APPEAL_DECISION),
                        Variables.text(execution, Bpmn.Var.APPEAL_ANSWER),
                        Variables.required(execution, Bpmn.Var.DECIDED_BY), Variables.now()));
    }
}
