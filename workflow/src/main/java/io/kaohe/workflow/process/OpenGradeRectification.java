package io.kaohe.workflow.process;

import io.kaohe.contracts.events.RectificationOpened;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** A unit's published grade calls for rectification (its consequence says which) → RectificationOpened of that kind. */
class OpenGradeRectification implements JavaDelegate {

    private final CommandSender sender;

    OpenGradeRectification(CommandSender sender) {
        this.sender = sender;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String cycleId = Variables.required(execution, Bpmn.Var.CYCLE_ID);
        String unitCode = Variables.required(execution, Bpmn.Var.UNIT_CODE);
        String id = RectificationIds.grade(cycleId, unitCode);
        sender.send(RectificationOpened.TYPE, Subjects.rectification(id), cycleId, unitCode,
                new RectificationOpened(id, cycleId, unitCode, Variables.required(execution, Bpmn.Var.RECTIFICATION_KIND),
                        Variables.text(execution, Bpmn.Var.GRADE_ + unitCode), List.of(),
                        Variables.text(execution, Bpmn.Var.PUBLISHED_BY), Variables.now()));
    }
}
