package io.kaohe.workflow.process;

import io.kaohe.contracts.events.RectificationOpened;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/** The inspection found problems: the rectification notice (整改通知书, with the problem list) opens. */
class OpenRectificationNotice extends OpenRectification {

    OpenRectificationNotice(CommandSender sender, RectificationStart rectifications) {
        super(sender, rectifications);
    }

    @Override
    RectificationOpened opened(DelegateExecution execution, String cycleId, String unitCode) {
        List<InspectionFinding> findings = InspectionFinding.fromVariables(execution.getVariable(Bpmn.Var.FINDINGS));
        List<RectificationOpened.Problem> problems = new ArrayList<>();
        for (int i = 0; i < findings.size(); i++) {
            InspectionFinding f = findings.get(i);
            problems.add(new RectificationOpened.Problem("F" + (i + 1), f.itemCode(), f.problem(), f.source(),
                    f.proposedDeduction()));
        }
        return new RectificationOpened(RectificationIds.inspection(cycleId, unitCode), cycleId, unitCode,
                RectificationOpened.INSPECTION_NOTICE, null, problems, Variables.text(execution, Bpmn.Var.INSPECTED_BY),
                Variables.now());
    }
}
