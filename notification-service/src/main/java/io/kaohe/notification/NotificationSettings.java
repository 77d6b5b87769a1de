package io.kaohe.notification;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the service tells people ({@code kaohe.notifications.*}).
 *
 * @param portalUrl   where links in emails and webhooks point
 * @param mailFrom    the sender of emails
 * @param zone        the offices' clock, for quiet hours and the digest
 * @param pollEvery   how often the workers look for work
 * @param batchSize   how many rows a worker claims at once
 * @param retryFirst  the first back-off after a failed send (doubling each time, at most {@code retryMax})
 * @param maxAttempts tries in all before a send is FAILED
 */
@ConfigurationProperties("kaohe.notifications")
public record NotificationSettings(URI portalUrl, String mailFrom, ZoneId zone, Duration pollEvery, int batchSize,
                                   Duration retryFirst, Duration retryMax, int maxAttempts, Directory directory,
                                   Webhook webhook) {

    /** @param cacheFor how long the realm's people are kept before they are read again */
    public record Directory(Duration cacheFor) {
    }

    /**
     * @param secret       the HMAC-SHA256 key of the generic webhook's signature
     * @param allowedHosts hosts a person's webhook or robot URL may name (anything else is refused)
     */
    public record Webhook(String secret, List<String> allowedHosts) {
    }

    /** An absolute link to a portal route such as {@code #/inbox?task=…}. */
    public String link(String route) {
        String base = portalUrl.toString();
        if (route == null || route.isBlank()) {
            return base;
        }
        return (base.endsWith("/") ? base : base + "/") + route;
    }
}
