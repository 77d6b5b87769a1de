package io.kaohe.workflow.process;

import io.kaohe.contracts.events.RectificationOpened;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/** A unit's published grade calls for rectification (its consequence says which kind): its rectification opens. */
class OpenGradeRectification extends OpenRectification {

    OpenGradeRectification(CommandSender sender, RectificationStart rectifications) {
        super(sender, rectifications);
    }

    @Override
    RectificationOpened opened(DelegateExecution execution, String cycleId, String unitCode) {
        return new RectificationOpened(RectificationIds.grade(cycleId, unitCode), cycleId, unitCode,
                Variables.required(execution, Bpmn.Var.RECTIFICATION_KIND),
                Variables.text(execution, Bpmn.Var.GRADE_ + unitCode), List.of(),
                Variables.text(execution, Bpmn.Var.PUBLISHED_BY), Variables.now());
    }
}
