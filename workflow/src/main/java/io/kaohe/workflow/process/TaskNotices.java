package io.kaohe.workflow.process;

import io.kaohe.contracts.events.TaskCreated;
import io.kaohe.contracts.events.TaskReturned;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;

/**
 * Tells whoever notifies people that a task is new in someone's inbox: {@link TaskCreated}, or
 * {@link TaskReturned} with the reason when the task exists because earlier work was sent back. It
 * runs after the model's own create listeners (a due date set by {@link DueIn} is known), in the
 * engine's transaction: the event is recorded in the outbox with the task, or not at all.
 */
final class TaskNotices implements TaskListener {

    private final CommandSender sender;

    TaskNotices(CommandSender sender) {
        this.sender = sender;
    }

    @Override
    public void notify(DelegateTask task) {
        String cycleId = text(task, Bpmn.Var.CYCLE_ID);
        String unitCode = text(task, Bpmn.Var.UNIT_CODE);
        String period = text(task, Bpmn.Var.PERIOD);
        String department = text(task, Bpmn.Var.DEPARTMENT);
        String rectificationId = text(task, Bpmn.Var.RECTIFICATION_ID);
        Instant due = task.getDueDate() == null ? null : task.getDueDate().toInstant();
        Instant now = Variables.now();
        String subject = "tasks/" + task.getId();
        Optional<Return> sentBack = Return.of(task);
        if (sentBack.isPresent()) {
            sender.send(TaskReturned.TYPE, subject, cycleId, unitCode, new TaskReturned(task.getId(),
                    task.getTaskDefinitionKey(), task.getName(), cycleId, unitCode, period, department,
                    rectificationId, groups(task), task.getAssignee(), due, now, sentBack.get().by(),
                    sentBack.get().reason()));
        } else {
            sender.send(TaskCreated.TYPE, subject, cycleId, unitCode, new TaskCreated(task.getId(),
                    task.getTaskDefinitionKey(), task.getName(), cycleId, unitCode, period, department,
                    rectificationId, groups(task), task.getAssignee(), due, now));
        }
    }

    private static String text(DelegateTask task, String name) {
        Object value = task.getVariable(name);
        return value == null ? null : value.toString();
    }

    private static List<String> groups(DelegateTask task) {
        TreeSet<String> groups = new TreeSet<>();
        for (IdentityLink link : task.getCandidates()) {
            if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
                groups.add(link.getGroupId());
            }
        }
        return new ArrayList<>(groups);
    }

    /** Why a task was created: earlier work sent back, by whom and why. */
    record Return(String by, String reason) {

        static Optional<Return> of(DelegateTask task) {
            return switch (task.getTaskDefinitionKey()) {
                // A department returned items for more: its comments, one line per item.
                case Bpmn.Task.REVISE_SELF_ASSESSMENT -> Optional.of(new Return(
                        known(Variables.text(task, Bpmn.Var.REVIEWED_BY)), Variables.text(task, Bpmn.Var.REVIEW_COMMENT)));
                // Leaders returned units' grades: each unit with its reason.
                case Bpmn.Task.REPROPOSE_GRADES -> Optional.of(new Return(
                        known(Variables.text(task, Bpmn.Var.APPROVED_BY)), leaderReasons(task)));
                // A measure was not verified as resolved: the verifier's comment.
                case Bpmn.Task.REPORT_RECTIFICATION_PROGRESS ->
                        "NOT_RESOLVED".equals(Variables.text(task, Bpmn.Var.VERDICT))
                                ? Optional.of(new Return(known(Variables.text(task, Bpmn.Var.VERIFIED_BY)),
                                        Variables.text(task, Bpmn.Var.VERIFICATION_NOTE)))
                                : Optional.empty();
                default -> Optional.empty();
            };
        }

        private static String leaderReasons(DelegateTask task) {
            List<String> lines = new ArrayList<>();
            for (String unit : Variables.strings(task, Bpmn.Var.RETURNED_UNITS)) {
                String reason = Variables.text(task, Bpmn.Var.RETURN_REASON_ + unit);
                lines.add(unit + "：" + (reason == null ? "" : reason));
            }
            return String.join("\n", lines);
        }

        /** The models initialise "who" variables with "-" until someone acts. */
        private static String known(String user) {
            return user == null || user.isBlank() || "-".equals(user) ? null : user;
        }
    }
}
