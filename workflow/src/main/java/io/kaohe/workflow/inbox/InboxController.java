package io.kaohe.workflow.inbox;

import io.kaohe.support.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The task inbox: tasks assigned to the caller, or offered to one of the caller's roles. */
@RestController
class InboxController {

    private final TaskService tasks;

    InboxController(TaskService tasks) {
        this.tasks = tasks;
    }

    @GetMapping("/api/workflow/tasks")
    @Operation(summary = "My tasks and my groups' tasks, soonest due first")
    List<InboxTask> myTasks() {
        CurrentUser user = CurrentUser.get();
        TaskQuery query = tasks.createTaskQuery()
                .or().taskAssignee(user.username()).taskCandidateGroupIn(List.copyOf(user.roles())).endOr()
                .orderByDueDate().asc().orderByTaskCreateTime().asc();
        return query.listPage(0, 200).stream().map(InboxController::view).toList();
    }

    private static InboxTask view(Task task) {
        Date due = task.getDueDate();
        return new InboxTask(task.getId(), task.getName(), task.getTaskDefinitionKey(), task.getProcessInstanceId(),
                task.getAssignee(), due == null ? null : due.toInstant(), task.getCreateTime().toInstant());
    }

    record InboxTask(String id, String name, String type, String processInstanceId, String assignee,
                     java.time.Instant due, java.time.Instant created) {
    }
}
