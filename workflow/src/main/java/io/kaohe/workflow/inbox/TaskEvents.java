package io.kaohe.workflow.inbox;

import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The inbox's own record of who did what with a task (claims, hand-overs, drafts…), beside Camunda's history. */
@Component
class TaskEvents {

    static final String CLAIMED = "CLAIMED";
    static final String UNCLAIMED = "UNCLAIMED";
    static final String COMPLETED = "COMPLETED";
    static final String DELEGATED = "DELEGATED";
    static final String HANDED_OVER = "HANDED_OVER";
    static final String DRAFT_SAVED = "DRAFT_SAVED";
    static final String DRAFT_DISCARDED = "DRAFT_DISCARDED";

    private final JdbcClient db;

    TaskEvents(JdbcClient db) {
        this.db = db;
    }

    void record(Task task, String actor, String action, String detail) {
        db.sql("""
                insert into task_event (task_id, process_instance_id, task_type, actor, action, detail)
                values (?, ?, ?, ?, ?, ?)
                """).params(task.getId(), task.getProcessInstanceId(), task.getTaskDefinitionKey(), actor, action, detail)
                .update();
    }
}
