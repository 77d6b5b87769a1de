package io.kaohe.workflow.process;

import io.kaohe.contracts.events.GradeConsequence;
import io.kaohe.contracts.events.GradesApproved;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * The leader approved units of a category → GradesApproved naming the proposal and those units, each
 * with its proposed grade and that grade's consequence.
 */
class PublishGradesApproved implements JavaDelegate {

    private final CommandSender sender;

    PublishGradesApproved(CommandSender sender) {
        this.sender = sender;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String cycleId = Variables.required(execution, Bpmn.Var.CYCLE_ID);
        List<String> units = Variables.strings(execution, Bpmn.Var.APPROVED_UNITS);
        List<GradesApproved.ApprovedGrade> grades = units.stream().map(unit -> new GradesApproved.ApprovedGrade(unit,
                Variables.required(execution, Bpmn.Var.GRADE_ + unit),
                GradeConsequence.valueOf(Variables.required(execution, Bpmn.Var.CONSEQUENCE_ + unit)))).toList();
        sender.send(GradesApproved.TYPE, "cycles/" + cycleId + "/grades", cycleId, null,
                new GradesApproved(cycleId, Variables.required(execution, Bpmn.Var.PROPOSAL_ID), units, grades,
                        Variables.required(execution, Bpmn.Var.APPROVED_BY), Variables.now()));
    }
}
