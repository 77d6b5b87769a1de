package io.kaohe.workflow.process;

import io.kaohe.contracts.events.ComputeScores;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** The year-end review is done → ComputeScores for this unit; the model then waits for ScoresComputed. */
class SendComputeScores implements JavaDelegate {

    static final String REQUESTED_BY = "workflow";

    private final CommandSender sender;

    SendComputeScores(CommandSender sender) {
        this.sender = sender;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String cycleId = Variables.required(execution, Bpmn.Var.CYCLE_ID);
        String unitCode = Variables.required(execution, Bpmn.Var.UNIT_CODE);
        String resumeAt = Variables.text(execution, Bpmn.Var.RESUME_AT);
        String reason = resumeAt == null || Bpmn.Step.START.equals(resumeAt)
                ? "年度考核总评" : "年度考核总评（领导退回后重新计分：" + resumeAt + "）";
        sender.send(ComputeScores.TYPE, "cycles/" + cycleId + "/units/" + unitCode + "/scores", cycleId, unitCode,
                new ComputeScores(cycleId, List.of(unitCode), REQUESTED_BY, reason));
    }
}
