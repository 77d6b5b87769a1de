package io.kaohe.workflow.process;

import io.kaohe.contracts.events.RectificationClosed;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** Every ledger entry is closed (销号) → RectificationClosed. */
class PublishRectificationClosed implements JavaDelegate {

    private final CommandSender sender;

    PublishRectificationClosed(CommandSender sender) {
        this.sender = sender;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String id = Variables.required(execution, Bpmn.Var.RECTIFICATION_ID);
        String cycleId = Variables.required(execution, Bpmn.Var.CYCLE_ID);
        String unitCode = Variables.required(execution, Bpmn.Var.UNIT_CODE);
        sender.send(RectificationClosed.TYPE, Subjects.rectification(id), cycleId, unitCode,
                new RectificationClosed(id, cycleId, unitCode, Variables.required(execution, Bpmn.Var.KIND),
                        Variables.strings(execution, Bpmn.Var.LEDGER_ITEMS).size(),
                        Variables.text(execution, Bpmn.Var.LAST_VERIFIED_BY), Variables.now()));
    }
}
