package io.kaohe.workflow.process;

import io.kaohe.contracts.events.RecordDecision;
import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * The inspection's findings with a proposed deduction become RecordDecision commands to
 * scoring-service, sent through the outbox with the job's state change. Each decision's id follows
 * from the finding's key (cycle, unit, finding number), so a job that runs again sends the same ids
 * and scoring records none twice.
 */
class RecordFindingDecisions implements JavaDelegate {

    static final String REQUESTED_BY = "workflow";

    private final CommandSender sender;

    RecordFindingDecisions(CommandSender sender) {
        this.sender = sender;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String cycleId = Variables.required(execution, Bpmn.Var.CYCLE_ID);
        String unitCode = Variables.required(execution, Bpmn.Var.UNIT_CODE);
        String inspectedBy = Variables.text(execution, Bpmn.Var.INSPECTED_BY);
        List<InspectionFinding> findings = InspectionFinding.fromVariables(execution.getVariable(Bpmn.Var.FINDINGS));
        for (int i = 0; i < findings.size(); i++) {
            InspectionFinding finding = findings.get(i);
            if (!finding.deducts()) {
                continue;
            }
            String decisionId = RecordDecision.decisionIdFor(findingKey(cycleId, unitCode, i));
            sender.send(RecordDecision.TYPE, Subjects.decision(cycleId, unitCode, decisionId), cycleId, unitCode,
                    new RecordDecision(decisionId, cycleId, unitCode, finding.itemCode(), RecordDecision.DEDUCTION,
                            finding.proposedDeduction(), finding.problem(),
                            finding.source() + "（阶段性考核，" + inspectedBy + "）",
                            finding.date() == null ? null : LocalDate.parse(finding.date()), finding.evidence(),
                            inspectedBy, REQUESTED_BY));
        }
    }

    /** The finding's key: its cycle, unit and number in the inspection (F1, F2 … as in the notice's problem list). */
    static String findingKey(String cycleId, String unitCode, int index) {
        return RectificationIds.inspection(cycleId, unitCode) + ":F" + (index + 1);
    }
}
