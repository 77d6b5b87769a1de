package io.kaohe.notification.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kaohe.contracts.events.EventEnvelope;
import io.kaohe.contracts.events.TaskCreated;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/** No email in a person's quiet hours (it goes when they end); a daily digest instead of single emails. */
class QuietHoursAndDigestIT extends NotificationITBase {

    @Test
    void anEmailInTheQuietHoursGoesWhenTheyEnd() throws Exception {
        ZonedDateTime now = MovableClock.CLOCK.instant().atZone(OFFICES).truncatedTo(ChronoUnit.MINUTES);
        LocalTime start = now.minusHours(1).toLocalTime();
        LocalTime end = now.plusHours(1).toLocalTime();
        assertThat(call(HttpMethod.PUT, "/api/notifications/preferences", "leader", preferences(
                "quietStart", start.toString(), "quietEnd", end.toString())).getStatusCode()).isEqualTo(HttpStatus.OK);
        String marker = marker();
        EventEnvelope<TaskCreated> created = taskCreated(marker, null, List.of("leader"));

        awaitDelivery(created.id(), "leader", "IN_APP", "SENT");
        assertThat(deliveryState(created.id(), "leader", "EMAIL")).isEqualTo("PENDING");
        Timestamp due = db.sql("select next_attempt_at from delivery where event_id = ? and channel = 'EMAIL'")
                .param(created.id()).query(Timestamp.class).single();
        assertThat(due.toInstant()).isEqualTo(now.plusHours(1).toInstant());
        Thread.sleep(2000); // several worker runs: still nothing sent
        assertThat(mails("leader@kaohe.local", marker)).isEmpty();

        MovableClock.CLOCK.advance(Duration.ofHours(2));
        awaitDelivery(created.id(), "leader", "EMAIL", "SENT");
        await().atMost(Duration.ofSeconds(30)).until(() -> mails("leader@kaohe.local", marker).size() == 1);
        call(HttpMethod.PUT, "/api/notifications/preferences", "leader", preferences());
    }

    @Test
    void aDigestSendsOneEmailADayWithEverythingHeld() throws Exception {
        ZonedDateTime now = MovableClock.CLOCK.instant().atZone(OFFICES).truncatedTo(ChronoUnit.MINUTES);
        LocalTime digestAt = now.plusHours(1).toLocalTime();
        assertThat(call(HttpMethod.PUT, "/api/notifications/preferences", "office", preferences(
                "digest", true, "digestAt", digestAt.toString())).getStatusCode()).isEqualTo(HttpStatus.OK);
        String first = marker();
        String second = marker();
        EventEnvelope<TaskCreated> one = taskCreated(first, null, List.of("office-admin"));
        EventEnvelope<TaskCreated> two = taskCreated(second, null, List.of("office-admin"));
        awaitDelivery(one.id(), "office", "EMAIL", "HELD");
        awaitDelivery(two.id(), "office", "EMAIL", "HELD");
        assertThat(db.sql("select next_attempt_at from delivery where event_id = ? and channel = 'EMAIL'").param(one.id())
                .query(Timestamp.class).single().toInstant()).isEqualTo(now.plusHours(1).toInstant());
        Thread.sleep(2000);
        assertThat(mails("office@kaohe.local", "每日汇总")).isEmpty();

        MovableClock.CLOCK.advance(Duration.ofHours(2));
        awaitDelivery(one.id(), "office", "EMAIL", "SENT");
        awaitDelivery(two.id(), "office", "EMAIL", "SENT");
        await().atMost(Duration.ofSeconds(30)).until(() -> !mails("office@kaohe.local", "每日汇总").isEmpty());
        List<Mail> digests = mails("office@kaohe.local", "每日汇总");
        assertThat(digests).singleElement().satisfies(mail -> {
            assertThat(mail.subject()).isEqualTo("【考核平台】每日汇总：2条通知");
            assertThat(mail.text()).contains("新待办：测试待办" + first).contains("新待办：测试待办" + second)
                    .contains("http://portal.test/#/inbox?task=" + one.data().taskId());
        });
        assertThat(mails("office@kaohe.local", first)).as("no single email besides the digest").isEmpty();
        call(HttpMethod.PUT, "/api/notifications/preferences", "office", preferences());
    }
}
