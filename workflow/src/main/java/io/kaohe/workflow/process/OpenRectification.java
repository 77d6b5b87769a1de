package io.kaohe.workflow.process;

import io.kaohe.contracts.events.RectificationOpened;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * A step that opens a unit's rectification: its process starts here, in this step's transaction, unless it was
 * started before (a job run again opens nothing twice), and only then RectificationOpened goes out through the
 * outbox for whoever else follows rectifications.
 */
abstract class OpenRectification implements JavaDelegate {

    private final CommandSender sender;
    private final RectificationStart rectifications;

    OpenRectification(CommandSender sender, RectificationStart rectifications) {
        this.sender = sender;
        this.rectifications = rectifications;
    }

    /** The rectification this step opens for the unit in the cycle. */
    abstract RectificationOpened opened(DelegateExecution execution, String cycleId, String unitCode);

    @Override
    public final void execute(DelegateExecution execution) {
        String cycleId = Variables.required(execution, Bpmn.Var.CYCLE_ID);
        String unitCode = Variables.required(execution, Bpmn.Var.UNIT_CODE);
        RectificationOpened opened = opened(execution, cycleId, unitCode);
        if (rectifications.start(execution.getProcessEngineServices(), opened)) {
            sender.send(RectificationOpened.TYPE, Subjects.rectification(opened.rectificationId()), cycleId, unitCode,
                    opened);
        }
    }
}
