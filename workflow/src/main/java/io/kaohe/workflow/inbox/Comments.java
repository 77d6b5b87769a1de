package io.kaohe.workflow.inbox;

import io.kaohe.support.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Comments on a task, by anyone who may see it; kept after the task is done. */
@Service
class Comments {

    private final JdbcClient db;
    private final TaskAccess access;

    Comments(JdbcClient db, TaskAccess access) {
        this.db = db;
        this.access = access;
    }

    record Comment(long id, String taskId, String author, String body, Instant createdAt) {
    }

    @Transactional
    public Comment add(String taskId, String body, CurrentUser user, HttpServletRequest request) {
        access.visible(taskId, user, request);
        long id = db.sql("insert into task_comment (task_id, author, body) values (?, ?, ?) returning id")
                .params(taskId, user.username(), body.strip()).query(Long.class).single();
        return db.sql("select * from task_comment where id = ?").param(id).query(Comments::map).single();
    }

    @Transactional(readOnly = true)
    public List<Comment> of(String taskId, CurrentUser user, HttpServletRequest request) {
        access.visibleOnceOrNow(taskId, user, request);
        return list(taskId);
    }

    List<Comment> list(String taskId) {
        return db.sql("select * from task_comment where task_id = ? order by created_at, id").param(taskId)
                .query(Comments::map).list();
    }

    private static Comment map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Comment(rs.getLong("id"), rs.getString("task_id"), rs.getString("author"), rs.getString("body"),
                rs.getTimestamp("created_at").toInstant());
    }
}
