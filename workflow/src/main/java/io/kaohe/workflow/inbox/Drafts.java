package io.kaohe.workflow.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.support.problems.ProblemException;
import io.kaohe.support.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A task's form saved without completing it (partial is fine; it is validated on completion).
 * One draft per task, shared by whoever may work on it; completing the task discards it.
 */
@Service
class Drafts {

    private final JdbcClient db;
    private final TaskAccess access;
    private final TaskEvents events;

    Drafts(JdbcClient db, TaskAccess access, TaskEvents events) {
        this.db = db;
        this.access = access;
        this.events = events;
    }

    record Draft(String taskId, JsonNode form, String savedBy, java.time.Instant savedAt) {
    }

    @Transactional
    public Draft save(String taskId, JsonNode form, CurrentUser user, HttpServletRequest request) {
        Task task = access.visible(taskId, user, request);
        if (task.getAssignee() != null && !task.getAssignee().equals(user.username())) {
            throw ProblemException.conflict("workflow.task.held-by-other", taskId, task.getAssignee());
        }
        if (form == null || !form.isObject()) {
            throw ProblemException.badRequest("workflow.draft.not-object");
        }
        db.sql("""
                insert into task_draft (task_id, form, saved_by, saved_at) values (?, cast(? as jsonb), ?, now())
                on conflict (task_id) do update set form = excluded.form, saved_by = excluded.saved_by, saved_at = now()
                """).params(taskId, form.toString(), user.username()).update();
        events.record(task, user.username(), TaskEvents.DRAFT_SAVED, null);
        return find(taskId);
    }

    @Transactional(readOnly = true)
    public Draft get(String taskId, CurrentUser user, HttpServletRequest request) {
        access.visible(taskId, user, request);
        Draft draft = find(taskId);
        if (draft == null) {
            throw ProblemException.notFound("workflow.draft.none", taskId);
        }
        return draft;
    }

    @Transactional
    public void discard(String taskId, CurrentUser user, HttpServletRequest request) {
        Task task = access.visible(taskId, user, request);
        if (db.sql("delete from task_draft where task_id = ?").param(taskId).update() > 0) {
            events.record(task, user.username(), TaskEvents.DRAFT_DISCARDED, null);
        }
    }

    private Draft find(String taskId) {
        return db.sql("select task_id, form::text, saved_by, saved_at from task_draft where task_id = ?").param(taskId)
                .query((rs, n) -> new Draft(rs.getString(1), parse(rs.getString(2)), rs.getString(3),
                        rs.getTimestamp(4).toInstant())).optional().orElse(null);
    }

    private static JsonNode parse(String text) {
        return io.kaohe.support.events.EventJson.tree(text);
    }
}
