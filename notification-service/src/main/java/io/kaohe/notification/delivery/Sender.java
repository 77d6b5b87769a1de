package io.kaohe.notification.delivery;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaohe.notification.NotificationSettings;
import io.kaohe.notification.channels.Channel;
import io.kaohe.notification.channels.Message;
import io.kaohe.notification.notices.Kind;
import io.kaohe.notification.notices.Texts;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends what is due. Single messages (PENDING, RETRYING) one by one; a person's held messages (HELD)
 * as one digest per channel. A failure is retried with exponential back-off and becomes FAILED after
 * the last attempt, its reason kept. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}: replicas
 * never send the same row at once.
 */
class Sender {

    private static final Logger log = LoggerFactory.getLogger(Sender.class);
    private static final TypeReference<Map<String, Object>> PARAMS = new TypeReference<>() {
    };

    record Due(long id, String eventId, String username, String channel, String address, String language,
               DeliveryState state, int attempts, String kind, String params, String cycleId, String unitCode,
               String taskId, String link, Instant occurredAt) {
    }

    private static final String DUE = """
            select d.id, d.event_id, d.username, d.channel, d.address, d.language, d.state, d.attempts,
                   n.kind, n.params::text as params, n.cycle_id, n.unit_code, n.task_id, n.link, n.occurred_at
              from delivery d join notification n on n.id = d.notification_id
             where d.state in (%s) and d.next_attempt_at <= ?
             order by d.next_attempt_at, d.id
             limit ? for update of d skip locked
            """;

    private final JdbcClient db;
    private final Map<String, Channel> channels;
    private final Texts texts;
    private final ObjectMapper json;
    private final NotificationSettings settings;
    private final Clock clock;

    Sender(JdbcClient db, List<Channel> channels, Texts texts, ObjectMapper json, NotificationSettings settings,
           Clock clock) {
        this.db = db;
        this.channels = channels.stream().collect(Collectors.toMap(Channel::name, Function.identity()));
        this.texts = texts;
        this.json = json;
        this.settings = settings;
        this.clock = clock;
    }

    /** Sends one batch of due single messages; returns how many it took. */
    @Transactional
    public int sendBatch(int size) {
        List<Due> batch = due("'PENDING', 'RETRYING'", size);
        for (Due d : batch) {
            Locale locale = Locale.forLanguageTag(d.language());
            Message.Item item = item(d, locale);
            Message message = new Message(d.username(), d.address(), d.language(),
                    texts.word("mail.subject", locale, item.title()), item.title(), item.body(), item.link(),
                    texts.word("mail.footer", locale), List.of(item));
            outcome(List.of(d), send(d.channel(), message));
        }
        return batch.size();
    }

    /** Sends the digests that are due: one message per person and channel with all their held notifications. */
    @Transactional
    public int sendDigests(int size) {
        List<Due> batch = due("'HELD'", size);
        Map<String, List<Due>> byPerson = new LinkedHashMap<>();
        for (Due d : batch) {
            byPerson.computeIfAbsent(d.username() + "\n" + d.channel() + "\n" + d.address(), k -> new ArrayList<>()).add(d);
        }
        for (List<Due> held : byPerson.values()) {
            Due first = held.get(0);
            Locale locale = Locale.forLanguageTag(first.language());
            List<Message.Item> items = held.stream().map(d -> item(d, locale)).toList();
            String subject = texts.word("mail.digest.subject", locale, items.size());
            Message message = new Message(first.username(), first.address(), first.language(), subject, subject,
                    texts.word("mail.digest.intro", locale, items.size()), settings.link(null),
                    texts.word("mail.footer", locale), items);
            outcome(held, send(first.channel(), message));
        }
        return batch.size();
    }

    private List<Due> due(String states, int size) {
        return db.sql(DUE.formatted(states)).params(Timestamp.from(clock.instant()), size)
                .query((rs, n) -> new Due(rs.getLong("id"), rs.getString("event_id"), rs.getString("username"),
                        rs.getString("channel"), rs.getString("address"), rs.getString("language"),
                        DeliveryState.valueOf(rs.getString("state")), rs.getInt("attempts"), rs.getString("kind"),
                        rs.getString("params"), rs.getString("cycle_id"), rs.getString("unit_code"),
                        rs.getString("task_id"), rs.getString("link"), rs.getTimestamp("occurred_at").toInstant()))
                .list();
    }

    private Message.Item item(Due d, Locale locale) {
        Map<String, Object> params;
        try {
            params = json.readValue(d.params(), PARAMS);
        } catch (Exception e) {
            throw new IllegalStateException("parameters of " + d.eventId(), e);
        }
        Texts.Text text = texts.render(Kind.valueOf(d.kind()), params, d.cycleId(), d.unitCode(), locale);
        return new Message.Item(d.eventId(), d.kind(), text.title(), text.body(), settings.link(d.link()), d.cycleId(),
                d.unitCode(), d.taskId(), d.occurredAt());
    }

    /** Null when sent, else why not. */
    private String send(String channelName, Message message) {
        Channel channel = channels.get(channelName);
        if (channel == null) {
            return "no channel " + channelName;
        }
        try {
            channel.send(message);
            return null;
        } catch (Channel.SendFailure e) {
            return e.getMessage();
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private void outcome(List<Due> rows, String failure) {
        Instant now = clock.instant();
        for (Due d : rows) {
            if (failure == null) {
                DeliveryState next = d.state().to(DeliveryState.SENT);
                db.sql("update delivery set state = ?, attempts = attempts + 1, sent_at = ?, last_error = null where id = ?")
                        .params(next.name(), Timestamp.from(now), d.id()).update();
                continue;
            }
            int attempts = d.attempts() + 1;
            DeliveryState next;
            if (attempts >= settings.maxAttempts()) {
                next = d.state().to(DeliveryState.FAILED);
            } else {
                next = d.state().to(d.state() == DeliveryState.HELD ? DeliveryState.HELD : DeliveryState.RETRYING);
            }
            Instant retryAt = now.plus(Schedule.backOff(attempts, settings.retryFirst(), settings.retryMax()));
            db.sql("update delivery set state = ?, attempts = ?, next_attempt_at = ?, last_error = ? where id = ?")
                    .params(next.name(), attempts, Timestamp.from(retryAt), failure, d.id()).update();
            log.warn("{} to {} of {} failed (attempt {}, now {}): {}", d.channel(), d.username(), d.eventId(), attempts,
                    next, failure);
        }
    }
}
