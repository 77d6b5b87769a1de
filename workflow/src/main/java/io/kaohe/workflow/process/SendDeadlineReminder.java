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
        NoticedTask task = NoticedTask.of(execution);
        sender.send(DeadlineApproaching.TYPE, task.subject(), task.cycleId(), task.unitCode(),
                new DeadlineApproaching(task.cycleId(), task.unitCode(), task.taskType(), task.period(),
                        Variables.instant(execution, Bpmn.Var.NOTICE_DUE_AT),
                        Variables.text(execution, Bpmn.Var.NOTICE_GROUPS)));
    }
}
