package io.kaohe.workflow.process;

import io.kaohe.contracts.events.RecordDecision;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * An appeal upheld → a RecordDecision command to scoring-service: the correcting decision that
 * supersedes the contested one, in the name of the office member who decided, with the office's
 * reason. Its id follows from the appeal's id, so a job run twice sends the same decision.
 */
class RecordAppealCorrection implements JavaDelegate {

    private final CommandSender sender;

    RecordAppealCorrection(CommandSender sender) {
        this.sender = sender;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String cycleId = Variables.required(execution, Bpmn.Var.CYCLE_ID);
        String unitCode = Variables.required(execution, Bpmn.Var.UNIT_CODE);
        String appealId = Variables.required(execution, Bpmn.Var.APPEAL_ID);
        String amount = Variables.text(execution, Bpmn.Var.CORRECTION_AMOUNT);
        String decisionId = RecordDecision.decisionIdFor(correctionKey(cycleId, unitCode, appealId));
        String evidence = Variables.text(execution, Bpmn.Var.APPEAL_EVIDENCE);
        sender.send(RecordDecision.TYPE, Subjects.decision(cycleId, unitCode, decisionId), cycleId, unitCode,
                new RecordDecision(decisionId, cycleId, unitCode, Variables.required(execution, Bpmn.Var.ITEM_CODE),
                        Variables.required(execution, Bpmn.Var.CORRECTION_KIND),
                        amount == null || amount.isBlank() ? null : new BigDecimal(amount),
                        Variables.required(execution, Bpmn.Var.APPEAL_DECISION),
                        "申诉复核（" + Variables.required(execution, Bpmn.Var.DECIDED_BY) + "）",
                        LocalDate.ofInstant(Variables.now(), CycleClock.ZONE),
                        evidence == null || evidence.isBlank() ? List.of() : List.of(evidence.split("\n")),
                        Variables.required(execution, Bpmn.Var.DECIDED_BY), RecordFindingDecisions.REQUESTED_BY,
                        Variables.required(execution, Bpmn.Var.SUPERSEDES)));
    }

    static String correctionKey(String cycleId, String unitCode, String appealId) {
        return cycleId + ":" + unitCode + ":appeal:" + appealId;
    }
}
