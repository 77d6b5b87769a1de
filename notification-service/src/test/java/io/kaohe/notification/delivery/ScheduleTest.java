package io.kaohe.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kaohe.notification.preferences.Preference;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    final Schedule schedule = new Schedule(BEIJING);

    static Instant at(int day, int hour, int minute) {
        return LocalDateTime.of(2026, 3, day, hour, minute).atZone(BEIJING).toInstant();
    }

    static Preference quiet(String start, String end) {
        return new Preference(true, false, null, Preference.WebhookFormat.GENERIC, LocalTime.parse(start),
                LocalTime.parse(end), false, LocalTime.of(8, 0), "zh-CN");
    }

    @Test
    void overnightQuietHoursHoldUntilTheMorning() {
        Preference night = quiet("22:00", "07:30");
        assertThat(schedule.due(night, at(10, 23, 15))).isEqualTo(at(11, 7, 30));
        assertThat(schedule.due(night, at(11, 6, 0))).isEqualTo(at(11, 7, 30));
        assertThat(schedule.due(night, at(11, 7, 30))).as("the end is no longer quiet").isEqualTo(at(11, 7, 30));
        assertThat(schedule.due(night, at(11, 12, 0))).isEqualTo(at(11, 12, 0));
    }

    @Test
    void daytimeQuietHoursAndNone() {
        assertThat(schedule.due(quiet("12:00", "14:00"), at(10, 13, 0))).isEqualTo(at(10, 14, 0));
        assertThat(schedule.due(quiet("12:00", "14:00"), at(10, 11, 59))).isEqualTo(at(10, 11, 59));
        assertThat(schedule.due(Preference.defaults(), at(10, 3, 0))).isEqualTo(at(10, 3, 0));
    }

    @Test
    void theDigestGoesAtTheNextDigestTime() {
        Preference p = Preference.defaults();
        assertThat(schedule.nextDigest(p, at(10, 7, 0))).isEqualTo(at(10, 8, 0));
        assertThat(schedule.nextDigest(p, at(10, 8, 0))).isEqualTo(at(11, 8, 0));
        assertThat(schedule.nextDigest(p, at(10, 18, 0))).isEqualTo(at(11, 8, 0));
    }

    @Test
    void backOffDoublesUpToItsCeiling() {
        Duration first = Duration.ofSeconds(30);
        Duration max = Duration.ofMinutes(5);
        assertThat(Schedule.backOff(1, first, max)).isEqualTo(Duration.ofSeconds(30));
        assertThat(Schedule.backOff(2, first, max)).isEqualTo(Duration.ofSeconds(60));
        assertThat(Schedule.backOff(4, first, max)).isEqualTo(Duration.ofSeconds(240));
        assertThat(Schedule.backOff(5, first, max)).isEqualTo(max);
        assertThat(Schedule.backOff(60, first, max)).isEqualTo(max);
    }

    @Test
    void onlyTheListedTransitionsHappen() {
        assertThat(DeliveryState.PENDING.to(DeliveryState.RETRYING)).isEqualTo(DeliveryState.RETRYING);
        assertThat(DeliveryState.HELD.to(DeliveryState.HELD)).isEqualTo(DeliveryState.HELD);
        assertThatThrownBy(() -> DeliveryState.SENT.to(DeliveryState.RETRYING)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> DeliveryState.PENDING.to(DeliveryState.HELD)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> DeliveryState.FAILED.to(DeliveryState.SENT)).isInstanceOf(IllegalStateException.class);
    }
}
