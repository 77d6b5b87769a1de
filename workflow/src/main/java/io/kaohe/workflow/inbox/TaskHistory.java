package io.kaohe.workflow.inbox;

import io.kaohe.support.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A task's history: created and ended (Camunda's history), who claimed, passed, drafted and completed it, and comments. */
@Service
class TaskHistory {

    private final HistoryService history;
    private final JdbcClient db;
    private final TaskAccess access;
    private final Comments comments;

    TaskHistory(HistoryService history, JdbcClient db, TaskAccess access, Comments comments) {
        this.history = history;
        this.db = db;
        this.access = access;
        this.comments = comments;
    }

    record Entry(Instant at, String actor, String action, String detail) {
    }

    @Transactional(readOnly = true)
    public List<Entry> of(String taskId, CurrentUser user, HttpServletRequest request) {
        access.visibleOnceOrNow(taskId, user, request);
        List<Entry> entries = new ArrayList<>();
        HistoricTaskInstance task = history.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
        if (task != null) {
            entries.add(new Entry(task.getStartTime().toInstant(), "workflow", "CREATED", task.getName()));
            if (task.getEndTime() != null) {
                boolean completed = "completed".equals(task.getDeleteReason());
                entries.add(new Entry(task.getEndTime().toInstant(), task.getAssignee() == null ? "workflow"
                        : task.getAssignee(), completed ? "ENDED" : "CANCELLED",
                        completed ? null : "ended by the process (e.g. the awaited event arrived)"));
            }
        }
        entries.addAll(db.sql("select occurred_at, actor, action, detail from task_event where task_id = ?")
                .param(taskId).query((rs, n) -> new Entry(rs.getTimestamp(1).toInstant(), rs.getString(2),
                        rs.getString(3), rs.getString(4))).list());
        comments.list(taskId).forEach(c -> entries.add(new Entry(c.createdAt(), c.author(), "COMMENTED", c.body())));
        entries.sort(Comparator.comparing(Entry::at));
        return entries;
    }
}
