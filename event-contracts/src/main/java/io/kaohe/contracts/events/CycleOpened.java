package io.kaohe.contracts.events;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The office opened an assessment cycle (考核年度) on a published rubric version, for these
 * units, with this calendar. Published by workflow; evidence and scoring prepare their
 * per-unit records from it.
 *
 * @param clock how the cycle's calendar days map onto real time when the year runs compressed (a demo
 *              or test running the year in minutes); null when the calendar is the real one
 */
public record CycleOpened(
        String cycleId,
        int year,
        String title,
        String rubricVersionId,
        List<Unit> units,
        List<Period> periods,
        String openedBy,
        Instant openedAt,
        Clock clock) {

    /** A cycle on the real calendar. */
    public CycleOpened(String cycleId, int year, String title, String rubricVersionId, List<Unit> units,
                       List<Period> periods, String openedBy, Instant openedAt) {
        this(cycleId, year, title, rubricVersionId, units, periods, openedBy, openedAt, null);
    }

    public static final EventType<CycleOpened> TYPE = new EventType<>("CycleOpened", CycleOpened.class, Topics.WORKFLOW);

    /** A unit assessed in the cycle and its category (乡镇/街道, 县级部门 …). */
    public record Unit(String unitCode, String unitName, String category) {
    }

    /**
     * A reporting period: {@code Q1}…{@code Q4} or {@code YEAR} (year-end), when it opens and the
     * day submissions are due (the last day of the quarter's last month by default).
     */
    public record Period(String period, LocalDate opens, LocalDate due) {
    }

    /**
     * A compressed year: the calendar instant {@code yearStart} (1 January, Beijing time) happens at
     * {@code clockStart}, and each calendar day lasts {@code secondsPerDay} real seconds.
     */
    public record Clock(Instant yearStart, Instant clockStart, double secondsPerDay) {

        /** The zone of the calendar's dates: the assessing governments are in China. */
        public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

        /** The cycle's calendar day at a real instant. */
        public LocalDate dayOf(Instant real) {
            double seconds = Duration.between(clockStart, real).toMillis() / 1000d;
            long calendarMillis = Math.round(seconds / secondsPerDay * 86_400_000d);
            return yearStart.plusMillis(calendarMillis).atZone(ZONE).toLocalDate();
        }
    }
}
