package io.kaohe.workflow.process;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * The inspection's findings with a proposed deduction become decisions in scoring-service, each
 * under a stable key (cycle, unit, finding number) so that a repeated job records none twice.
 */
class RecordFindingDecisions implements JavaDelegate {

    private final ScoringDecisions decisions;

    RecordFindingDecisions(ScoringDecisions decisions) {
        this.decisions = decisions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String cycleId = Variables.required(execution, Bpmn.Var.CYCLE_ID);
        String unitCode = Variables.required(execution, Bpmn.Var.UNIT_CODE);
        String inspectedBy = Variables.text(execution, Bpmn.Var.INSPECTED_BY);
        List<InspectionFinding> findings = InspectionFinding.fromVariables(execution.getVariable(Bpmn.Var.FINDINGS));
        for (int i = 0; i < findings.size(); i++) {
            if (findings.get(i).deducts()) {
                decisions.recordFinding(cycleId, unitCode, findingId(cycleId, unitCode, i), findings.get(i), inspectedBy);
            }
        }
    }

    static String findingId(String cycleId, String unitCode, int index) {
        return cycleId + ":" + unitCode + ":inspection:F" + (index + 1);
    }
}
