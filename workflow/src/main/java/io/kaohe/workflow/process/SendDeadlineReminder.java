package io.kaohe.workflow.process;

import io.kaohe.contracts.events.DeadlineApproaching;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** Reminder steps: a task is due soon → DeadlineApproaching (what, for whom, when), nothing else. */
class SendDeadlineReminder implements JavaDelegate {

    private final CommandSender sender;

    SendDeadlineReminder(CommandSender sender) {
        this.sender = sender;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String cycleId = Variables.required(execution, Bpmn.Var.CYCLE_ID);
        String unitCode = Variables.text(execution, Bpmn.Var.UNIT_CODE);
        String taskType = Variables.required(execution, Bpmn.Var.NOTICE_OF);
        String period = Variables.text(execution, Bpmn.Var.PERIOD);
        sender.send(DeadlineApproaching.TYPE, Subjects.task(cycleId, unitCode, taskType, period), cycleId, unitCode,
                new DeadlineApproaching(cycleId, unitCode, taskType, period,
                        Variables.instant(execution, Bpmn.Var.NOTICE_DUE_AT),
                        Variables.text(execution, Bpmn.Var.NOTICE_GROUPS)));
    }
}
