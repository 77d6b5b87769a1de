package io.kaohe.notification.notices;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One event as the people it concerns are told of it: its kind and parameters (rendered in each
 * reader's language), what it is about, where it links to, and the audiences (groups or
 * {@code user:NAME}) it is for. A link may differ per audience (a unit's own score sheet).
 */
public record Notice(String eventId, String eventType, Kind kind, String cycleId, String unitCode, String taskId,
                     Map<String, Object> params, Instant occurredAt, List<Audience> audiences) {

    /** Who, and the portal route they follow from it. */
    public record Audience(String name, String link) {
    }

    /** The audience of one person (a task's assignee). */
    public static String user(String username) {
        return Audiences.USER_PREFIX + username;
    }
}
