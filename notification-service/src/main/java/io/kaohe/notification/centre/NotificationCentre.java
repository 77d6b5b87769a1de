package io.kaohe.notification.centre;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaohe.notification.notices.Audiences;
import io.kaohe.notification.notices.Kind;
import io.kaohe.notification.notices.Texts;
import io.kaohe.support.problems.ProblemException;
import io.kaohe.support.security.CurrentUser;
import io.kaohe.support.security.SecurityAudit;
import java.sql.Timestamp;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's notification centre (站内信): the notifications of their audiences (their groups and
 * themself), one per event, unread first; read state kept per person. A notification of anybody else's
 * audiences does not exist for them: 404, and the attempt is audited.
 */
@Service
class NotificationCentre {

    private static final TypeReference<Map<String, Object>> PARAMS = new TypeReference<>() {
    };

    private final JdbcClient db;
    private final Texts texts;
    private final ObjectMapper json;
    private final SecurityAudit audit;

    NotificationCentre(JdbcClient db, Texts texts, ObjectMapper json, SecurityAudit audit) {
        this.db = db;
        this.texts = texts;
        this.json = json;
        this.audit = audit;
    }

    /** One event per row: a person in two of its audiences sees it once (the first audience's link). */
    private static final String MINE = """
            with mine as (
                select distinct on (n.event_id) n.event_id, n.kind, n.params::text as params, n.cycle_id, n.unit_code,
                       n.task_id, n.link, n.occurred_at
                  from notification n
                 where n.audience in (:audiences)
                 order by n.event_id, n.audience
            )
            """;

    @Transactional(readOnly = true)
    public NotificationView.Page page(CurrentUser user, boolean unreadOnly, int page, int size, Locale locale) {
        List<String> audiences = Audiences.of(user);
        List<NotificationView> items = db.sql(MINE + """
                select m.*, r.read_at
                  from mine m left join notification_read r on r.event_id = m.event_id and r.username = :username
                 where (:unreadOnly = false or r.read_at is null)
                 order by (r.read_at is null) desc, m.occurred_at desc, m.event_id
                 limit :size offset :offset
                """).param("audiences", audiences).param("username", user.username()).param("unreadOnly", unreadOnly)
                .param("size", size).param("offset", (long) page * size)
                .query((rs, n) -> {
                    Map<String, Object> params = params(rs.getString("params"));
                    Texts.Text text = texts.render(Kind.valueOf(rs.getString("kind")), params, rs.getString("cycle_id"),
                            rs.getString("unit_code"), locale);
                    Timestamp readAt = rs.getTimestamp("read_at");
                    return new NotificationView(rs.getString("event_id"), rs.getString("kind"), text.title(), text.body(),
                            rs.getString("link"), rs.getString("cycle_id"), rs.getString("unit_code"),
                            rs.getString("task_id"), rs.getTimestamp("occurred_at").toInstant(), readAt != null,
                            readAt == null ? null : readAt.toInstant());
                }).list();
        long total = count(user, audiences, unreadOnly);
        long unread = unreadOnly ? total : count(user, audiences, true);
        return new NotificationView.Page(items, total, unread, page, size);
    }

    @Transactional(readOnly = true)
    public long unread(CurrentUser user) {
        return count(user, Audiences.of(user), true);
    }

    private long count(CurrentUser user, List<String> audiences, boolean unreadOnly) {
        return db.sql(MINE + """
                select count(*) from mine m
                 where (:unreadOnly = false or not exists (
                        select 1 from notification_read r where r.event_id = m.event_id and r.username = :username))
                """).param("audiences", audiences).param("username", user.username()).param("unreadOnly", unreadOnly)
                .query(Long.class).single();
    }

    /** Marks one notification read for the person (again: no change); another's is 404, audited. */
    @Transactional
    public void markRead(CurrentUser user, String eventId, String method, String path) {
        boolean mine = db.sql("select count(*) from notification where event_id = :id and audience in (:audiences)")
                .param("id", eventId).param("audiences", Audiences.of(user)).query(Long.class).single() > 0;
        if (!mine) {
            boolean exists = db.sql("select count(*) from notification where event_id = ?").param(eventId)
                    .query(Long.class).single() > 0;
            if (exists) {
                audit.deniedObject(user, method, path, 404, "notification " + eventId + " is not for "
                        + String.join(",", Audiences.of(user)));
            }
            throw ProblemException.notFound("notification.not-found", eventId);
        }
        db.sql("insert into notification_read (event_id, username) values (?, ?) on conflict do nothing")
                .params(eventId, user.username()).update();
    }

    /** Marks every unread notification of the person read; returns how many. */
    @Transactional
    public int markAllRead(CurrentUser user) {
        return db.sql(MINE + """
                insert into notification_read (event_id, username)
                select m.event_id, :username from mine m
                on conflict do nothing
                """).param("audiences", Audiences.of(user)).param("username", user.username()).update();
    }

    private Map<String, Object> params(String text) {
        try {
            return json.readValue(text, PARAMS);
        } catch (Exception e) {
            throw new IllegalStateException("notification parameters are not JSON: " + text, e);
        }
    }
}
