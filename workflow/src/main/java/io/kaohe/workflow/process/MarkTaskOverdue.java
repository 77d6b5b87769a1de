package io.kaohe.workflow.process;

import io.kaohe.contracts.events.TaskOverdue;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** Overdue steps: a task passed its due date → TaskOverdue, escalated to the office (the model's next step lists the unit on the office's chase, JoinChase). */
class MarkTaskOverdue implements JavaDelegate {

    static final String ESCALATED_TO = "office-admin";

    private final CommandSender sender;

    MarkTaskOverdue(CommandSender sender) {
        this.sender = sender;
    }

    @Override
    public void execute(DelegateExecution execution) {
        NoticedTask task = NoticedTask.of(execution);
        sender.send(TaskOverdue.TYPE, task.subject(), task.cycleId(), task.unitCode(),
                new TaskOverdue(task.cycleId(), task.unitCode(), task.taskType(), task.period(),
                        Variables.text(execution, Bpmn.Var.NOTICE_SUBJECT),
                        Variables.instant(execution, Bpmn.Var.NOTICE_DUE_AT), ESCALATED_TO));
    }
}
