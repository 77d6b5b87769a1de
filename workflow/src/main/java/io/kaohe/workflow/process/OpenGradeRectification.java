package io.kaohe.workflow.process;

import io.kaohe.contracts.events.RectificationOpened;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * A unit's published grade calls for rectification (its consequence says which): its rectification process starts
 * here, in this step's transaction, and RectificationOpened of that kind goes out through the outbox
 * for whoever else follows rectifications.
 */
class OpenGradeRectification implements JavaDelegate {

    private final CommandSender sender;
    private final RectificationStart rectifications;

    OpenGradeRectification(CommandSender sender, RectificationStart rectifications) {
        this.sender = sender;
        this.rectifications = rectifications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String cycleId = Variables.required(execution, Bpmn.Var.CYCLE_ID);
        String unitCode = Variables.required(execution, Bpmn.Var.UNIT_CODE);
        String id = RectificationIds.grade(cycleId, unitCode);
        RectificationOpened opened = new RectificationOpened(id, cycleId, unitCode,
                Variables.required(execution, Bpmn.Var.RECTIFICATION_KIND),
                Variables.text(execution, Bpmn.Var.GRADE_ + unitCode), List.of(),
                Variables.text(execution, Bpmn.Var.PUBLISHED_BY), Variables.now());
        if (rectifications.start(execution.getProcessEngineServices(), opened)) {
            sender.send(RectificationOpened.TYPE, Subjects.rectification(id), cycleId, unitCode, opened);
        }
    }
}
