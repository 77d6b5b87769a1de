package io.kaohe.notification.preferences;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalTime;

/**
 * A person's choices: which channels (in-app is always on), quiet hours in which no email or webhook
 * is sent (they go out when the quiet hours end), a daily digest instead of single messages, the
 * language of emails and webhooks.
 */
@Schema(name = "NotificationPreferences")
public record Preference(
        @Schema(description = "emails on (the address is the person's in Keycloak)") boolean emailEnabled,
        boolean webhookEnabled,
        @Schema(description = "where the person's webhook or group robot listens; its host must be allowed")
        String webhookUrl,
        @Schema(description = "GENERIC (JSON with an HMAC signature) or WECOM_ROBOT (企业微信/政务微信 group robot)")
        WebhookFormat webhookFormat,
        @Schema(example = "22:00") LocalTime quietStart,
        @Schema(example = "07:30") LocalTime quietEnd,
        @Schema(description = "one email/webhook a day listing everything, instead of one per notification") boolean digest,
        @Schema(example = "08:00") LocalTime digestAt,
        @Schema(description = "zh-CN or en", example = "zh-CN") String language) {

    public static final String ZH_CN = "zh-CN";

    /** What a person without saved choices gets. */
    public static Preference defaults() {
        return new Preference(true, false, null, WebhookFormat.GENERIC, null, null, false, LocalTime.of(8, 0), ZH_CN);
    }

    /** The message format a webhook receives. */
    public enum WebhookFormat {
        GENERIC, WECOM_ROBOT
    }

    public boolean hasQuietHours() {
        return quietStart != null && quietEnd != null && !quietStart.equals(quietEnd);
    }
}
