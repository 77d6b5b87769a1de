package io.kaohe.workflow.process;

import io.kaohe.contracts.events.GradesApproved;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** The leader approved units of a category → GradesApproved naming the proposal and those units. */
class PublishGradesApproved implements JavaDelegate {

    private final CommandSender sender;

    PublishGradesApproved(CommandSender sender) {
        this.sender = sender;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String cycleId = Variables.required(execution, Bpmn.Var.CYCLE_ID);
        sender.send(GradesApproved.TYPE, "cycles/" + cycleId + "/grades", cycleId, null,
                new GradesApproved(cycleId, Variables.required(execution, Bpmn.Var.PROPOSAL_ID),
                        Variables.strings(execution, Bpmn.Var.APPROVED_UNITS),
                        Variables.required(execution, Bpmn.Var.APPROVED_BY), Variables.now()));
    }
}
