package io.kaohe.notification.channels;

import java.time.Instant;
import java.util.List;

/**
 * What one send carries to one address, already in the person's language: one notification, or the
 * day's digest of several ({@code items}).
 *
 * @param address an email address or a webhook/robot URL
 * @param link    the absolute portal link to act on it (the digest's: the portal)
 */
public record Message(String username, String address, String language, String subject, String title, String body,
                      String link, String footer, List<Item> items) {

    /** One notification inside a message. */
    public record Item(String eventId, String kind, String title, String body, String link, String cycleId,
                       String unitCode, String taskId, Instant occurredAt) {
    }
}
