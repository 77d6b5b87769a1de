package io.kaohe.notification.delivery;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaohe.notification.notices.Kind;
import io.kaohe.notification.notices.Texts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 发送记录: who was told what, on which channel, and whether it went out, failed (and why) or was read. The office's. */
@RestController
@RequestMapping("/api/notifications/deliveries")
@Tag(name = "delivery log", description = "发送记录（考核办）/ the delivery log, for the office")
@Validated
class DeliveryLogController {

    private static final TypeReference<Map<String, Object>> PARAMS = new TypeReference<>() {
    };

    private final JdbcClient db;
    private final Texts texts;
    private final ObjectMapper json;

    DeliveryLogController(JdbcClient db, Texts texts, ObjectMapper json) {
        this.db = db;
        this.texts = texts;
        this.json = json;
    }

    @Schema(name = "Delivery")
    record Entry(long id, String eventId, String kind, String title, String username, String channel, String address,
                 @Schema(description = "PENDING, RETRYING, HELD (for the digest), SENT or FAILED") String state,
                 int attempts, String lastError, Instant createdAt, Instant nextAttemptAt, Instant sentAt,
                 @Schema(description = "when the person read it in the notification centre, null if not yet") Instant readAt) {
    }

    @Schema(name = "DeliveryPage")
    record Page(List<Entry> items, long total, Map<String, Long> byState, int page, int size) {
    }

    @GetMapping
    @Transactional(readOnly = true)
    @Operation(summary = "Deliveries, newest first, filtered by state, channel, person or event")
    Page list(@RequestParam(required = false) String state, @RequestParam(required = false) String channel,
              @RequestParam(required = false) String username, @RequestParam(required = false) String eventId,
              @RequestParam(defaultValue = "0") @Min(0) int page,
              @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        Locale locale = LocaleContextHolder.getLocale();
        String where = """
                 where (cast(:state as text) is null or d.state = :state)
                   and (cast(:channel as text) is null or d.channel = :channel)
                   and (cast(:username as text) is null or d.username = :username)
                   and (cast(:eventId as text) is null or d.event_id = :eventId)
                """;
        List<Entry> items = db.sql("""
                select d.*, n.kind, n.params::text as params, n.cycle_id, n.unit_code, r.read_at
                  from delivery d join notification n on n.id = d.notification_id
                  left join notification_read r on r.event_id = d.event_id and r.username = d.username
                """ + where + " order by d.created_at desc, d.id desc limit :size offset :offset")
                .param("state", blank(state)).param("channel", blank(channel)).param("username", blank(username))
                .param("eventId", blank(eventId)).param("size", size).param("offset", (long) page * size)
                .query((rs, n) -> new Entry(rs.getLong("id"), rs.getString("event_id"), rs.getString("kind"),
                        texts.render(Kind.valueOf(rs.getString("kind")), params(rs.getString("params")),
                                rs.getString("cycle_id"), rs.getString("unit_code"), locale).title(),
                        rs.getString("username"), rs.getString("channel"), rs.getString("address"),
                        rs.getString("state"), rs.getInt("attempts"), rs.getString("last_error"),
                        instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("next_attempt_at")),
                        instant(rs.getTimestamp("sent_at")), instant(rs.getTimestamp("read_at")))).list();
        long total = db.sql("select count(*) from delivery d" + where).param("state", blank(state))
                .param("channel", blank(channel)).param("username", blank(username)).param("eventId", blank(eventId))
                .query(Long.class).single();
        Map<String, Long> byState = new java.util.TreeMap<>();
        db.sql("select state, count(*) from delivery group by state")
                .query((rs, n) -> byState.put(rs.getString(1), rs.getLong(2))).list();
        return new Page(items, total, byState, page, size);
    }

    private Map<String, Object> params(String text) {
        try {
            return json.readValue(text, PARAMS);
        } catch (Exception e) {
            throw new IllegalStateException("notification parameters are not JSON", e);
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
