package io.kaohe.notification.delivery;

import io.kaohe.notification.channels.EmailChannel;
import io.kaohe.notification.channels.WeComRobotChannel;
import io.kaohe.notification.channels.WebhookChannel;
import io.kaohe.notification.people.Directory;
import io.kaohe.notification.people.Person;
import io.kaohe.notification.preferences.Preference;
import io.kaohe.notification.preferences.Preferences;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns stored notifications into deliveries, person by person: the audience is resolved in the
 * directory; each member gets an IN_APP record (sent: the centre shows it), an EMAIL when they have an
 * address and want emails, and their webhook or robot when they set one — due now, after their quiet
 * hours, or held for their digest. One delivery per event, person and channel, however often this runs
 * or however many of the event's audiences the person is in. Notifications are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so replicas share the work.
 */
class Planner {

    private static final Logger log = LoggerFactory.getLogger(Planner.class);

    private record Pending(UUID id, String eventId, String audience) {
    }

    private final JdbcClient db;
    private final Directory directory;
    private final Preferences preferences;
    private final Schedule schedule;
    private final Clock clock;

    Planner(JdbcClient db, Directory directory, Preferences preferences, Schedule schedule, Clock clock) {
        this.db = db;
        this.directory = directory;
        this.preferences = preferences;
        this.schedule = schedule;
        this.clock = clock;
    }

    /** Plans one batch; returns how many notifications it took. */
    @Transactional
    public int planBatch(int size) {
        List<Pending> batch = db.sql("""
                select id, event_id, audience from notification where fanned_out_at is null
                 order by created_at limit ? for update skip locked
                """).param(size).query((rs, n) -> new Pending(rs.getObject("id", UUID.class), rs.getString("event_id"),
                rs.getString("audience"))).list();
        Instant now = clock.instant();
        for (Pending notification : batch) {
            List<Person> people = directory.members(notification.audience());
            for (Person person : people) {
                plan(notification, person, now);
            }
            db.sql("update notification set fanned_out_at = ? where id = ?").params(Timestamp.from(now), notification.id())
                    .update();
            log.debug("notification {} for {}: {} people", notification.eventId(), notification.audience(), people.size());
        }
        return batch.size();
    }

    private void plan(Pending notification, Person person, Instant now) {
        Preference p = preferences.of(person.username());
        insert(notification, person.username(), "IN_APP", null, p.language(), DeliveryState.SENT, now, now);
        Instant due = p.digest() ? schedule.nextDigest(p, now) : schedule.due(p, now);
        DeliveryState state = p.digest() ? DeliveryState.HELD : DeliveryState.PENDING;
        if (p.emailEnabled() && person.email() != null) {
            insert(notification, person.username(), EmailChannel.NAME, person.email(), p.language(), state, due, null);
        }
        if (p.webhookEnabled() && p.webhookUrl() != null) {
            String channel = p.webhookFormat() == Preference.WebhookFormat.WECOM_ROBOT ? WeComRobotChannel.NAME
                    : WebhookChannel.NAME;
            insert(notification, person.username(), channel, p.webhookUrl(), p.language(), state, due, null);
        }
    }

    private void insert(Pending notification, String username, String channel, String address, String language,
                        DeliveryState state, Instant due, Instant sentAt) {
        db.sql("""
                insert into delivery (event_id, notification_id, username, channel, address, language, state,
                                      next_attempt_at, sent_at, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (event_id, username, channel) do nothing
                """).params(notification.eventId(), notification.id(), username, channel, address, language,
                state.name(), Timestamp.from(due), sentAt == null ? null : Timestamp.from(sentAt),
                Timestamp.from(clock.instant())).update();
    }
}
