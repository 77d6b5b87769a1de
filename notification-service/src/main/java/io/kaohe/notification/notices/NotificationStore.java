package io.kaohe.notification.notices;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps a notice as one notification row per audience, in the transaction that records the event as
 * consumed. Who the audiences are, person by person, is resolved later ({@code delivery.FanOut}): the
 * directory may be down, the event's consumption must not wait for it.
 */
@Component
public class NotificationStore {

    private final JdbcClient db;
    private final ObjectMapper json;

    NotificationStore(JdbcClient db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** Stores the notice; returns how many notification rows were new. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int store(Notice notice) {
        String params;
        try {
            params = json.writeValueAsString(notice.params());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("parameters of " + notice.eventId(), e);
        }
        int stored = 0;
        for (Notice.Audience audience : notice.audiences()) {
            stored += db.sql("""
                    insert into notification (id, event_id, event_type, kind, audience, cycle_id, unit_code, task_id, link,
                                              params, occurred_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)
                    on conflict (event_id, audience) do nothing
                    """).params(UUID.randomUUID(), notice.eventId(), notice.eventType(), notice.kind().name(),
                    audience.name(), notice.cycleId(), notice.unitCode(), notice.taskId(), audience.link(), params,
                    Timestamp.from(notice.occurredAt())).update();
        }
        return stored;
    }
}
