package io.kaohe.notification.delivery;

import io.kaohe.notification.preferences.Preference;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** When a send is due for a person: now, after their quiet hours, or at their next digest; and the back-off. */
final class Schedule {

    private final ZoneId zone;

    Schedule(ZoneId zone) {
        this.zone = zone;
    }

    /** A single message: now, unless that is in the quiet hours, then when they end. */
    Instant due(Preference p, Instant now) {
        if (!p.hasQuietHours()) {
            return now;
        }
        ZonedDateTime local = now.atZone(zone);
        LocalTime t = local.toLocalTime();
        LocalTime start = p.quietStart();
        LocalTime end = p.quietEnd();
        boolean overnight = start.isAfter(end); // 22:00–07:30
        boolean quiet = overnight ? (!t.isBefore(start) || t.isBefore(end)) : (!t.isBefore(start) && t.isBefore(end));
        if (!quiet) {
            return now;
        }
        ZonedDateTime endsAt = local.with(end).withSecond(0).withNano(0);
        if (!endsAt.isAfter(local)) {
            endsAt = endsAt.plusDays(1);
        }
        return endsAt.toInstant();
    }

    /** The next digest time after {@code now} (today's if still ahead, else tomorrow's). */
    Instant nextDigest(Preference p, Instant now) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime at = local.with(p.digestAt()).withSecond(0).withNano(0);
        if (!at.isAfter(local)) {
            at = at.plusDays(1);
        }
        return at.toInstant();
    }

    /** Exponential back-off after the {@code attempts}-th failure: first, 2×first, 4×first … at most {@code max}. */
    static Duration backOff(int attempts, Duration first, Duration max) {
        long factor = 1L << Math.min(Math.max(attempts - 1, 0), 30);
        Duration d = first.multipliedBy(factor);
        return d.compareTo(max) > 0 ? max : d;
    }
}
