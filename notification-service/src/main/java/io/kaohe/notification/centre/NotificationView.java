package io.kaohe.notification.centre;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** One notification as its reader sees it, in the reader's language. */
@Schema(name = "Notification")
public record NotificationView(
        @Schema(description = "the event's id: one notification per event and person") String id,
        @Schema(description = "TASK_CREATED, TASK_RETURNED, DEADLINE_APPROACHING, TASK_OVERDUE, SUBMISSION_RETURNED, "
                + "GRADES_APPROVED, CYCLE_PUBLISHED, RECTIFICATION_OPENED, RECTIFICATION_CLOSED, APPEAL_UPHELD or APPEAL_REJECTED") String kind,
        String title,
        String body,
        @Schema(description = "the portal route to act on it, e.g. #/inbox?task=…") String link,
        String cycleId,
        String unitCode,
        String taskId,
        Instant occurredAt,
        boolean read,
        Instant readAt) {

    /** A page of the reader's notifications, unread first, with the counts for the bell. */
    @Schema(name = "NotificationPage")
    public record Page(List<NotificationView> items, long total, long unread, int page, int size) {
    }

    @Schema(name = "UnreadCount")
    public record Unread(long unread) {
    }

    @Schema(name = "MarkedRead")
    public record Marked(int marked) {
    }
}
