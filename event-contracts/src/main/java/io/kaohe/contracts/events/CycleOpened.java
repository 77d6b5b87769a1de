package io.kaohe.contracts.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The office opened an assessment cycle (考核年度) on a published rubric version, for these
 * units, with this calendar. Published by workflow; evidence and scoring prepare their
 * per-unit records from it.
 */
public record CycleOpened(
        String cycleId,
        int year,
        String title,
        String rubricVersionId,
        List<Unit> units,
        List<Period> periods,
        String openedBy,
        Instant openedAt) {

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
}
