package io.kaohe.workflow.process;

import io.kaohe.contracts.events.CyclePublished;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** The office published the results (通报) → CyclePublished, with the notice as the office wrote it. */
class PublishCyclePublished implements JavaDelegate {

    private final CommandSender sender;

    PublishCyclePublished(CommandSender sender) {
        this.sender = sender;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String cycleId = Variables.required(execution, Bpmn.Var.CYCLE_ID);
        sender.send(CyclePublished.TYPE, "cycles/" + cycleId + "/results", cycleId, null,
                new CyclePublished(cycleId, Variables.required(execution, Bpmn.Var.PROPOSAL_ID),
                        Variables.text(execution, Bpmn.Var.NOTICE_TITLE),
                        Variables.strings(execution, Bpmn.Var.UNIT_CODES).size(),
                        Variables.text(execution, Bpmn.Var.PUBLISHED_BY), Variables.now(),
                        Variables.text(execution, Bpmn.Var.NOTICE_ISSUING_BODY),
                        Variables.text(execution, Bpmn.Var.NOTICE_NUMBER), issuedOn(execution),
                        Variables.longText(execution, Bpmn.Var.NOTICE_BODY)));
    }

    private static LocalDate issuedOn(DelegateExecution execution) {
        String date = Variables.text(execution, Bpmn.Var.NOTICE_ISSUED_ON);
        return date == null ? null : LocalDate.parse(date);
    }
}
