package io.kaohe.workflow.process;

import io.kaohe.contracts.events.RectificationOpened;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * The inspection found problems: the rectification notice's process (整改通知书, with the problem
 * list) starts here, in this step's transaction, and RectificationOpened goes out through the outbox
 * for whoever else follows rectifications.
 */
class OpenRectificationNotice implements JavaDelegate {

    private final CommandSender sender;
    private final RectificationStart rectifications;

    OpenRectificationNotice(CommandSender sender, RectificationStart rectifications) {
        this.sender = sender;
        this.rectifications = rectifications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String cycleId = Variables.required(execution, Bpmn.Var.CYCLE_ID);
        String unitCode = Variables.required(execution, Bpmn.Var.UNIT_CODE);
        List<InspectionFinding> findings = InspectionFinding.fromVariables(execution.getVariable(Bpmn.Var.FINDINGS));
        List<RectificationOpened.Problem> problems = new ArrayList<>();
        for (int i = 0; i < findings.size(); i++) {
            InspectionFinding f = findings.get(i);
            problems.add(new RectificationOpened.Problem("F" + (i + 1), f.itemCode(), f.problem(), f.source(),
                    f.proposedDeduction()));
        }
        String id = RectificationIds.inspection(cycleId, unitCode);
        RectificationOpened opened = new RectificationOpened(id, cycleId, unitCode, RectificationOpened.INSPECTION_NOTICE,
                null, problems, Variables.text(execution, Bpmn.Var.INSPECTED_BY), Variables.now());
        if (rectifications.start(execution.getProcessEngineServices(), opened)) {
            sender.send(RectificationOpened.TYPE, Subjects.rectification(id), cycleId, unitCode, opened);
        }
    }
}
