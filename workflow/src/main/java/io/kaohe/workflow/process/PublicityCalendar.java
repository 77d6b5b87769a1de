package io.kaohe.workflow.process;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/**
 * How long results are shown to the units before publication (公示期): a number of working days,
 * counted from the day after the leaders' approval. Saturdays and Sundays are off, and so are the
 * holidays the office configures per year (国庆、春节 …); a weekend day the State Council makes a
 * working day (调休上班) counts.
 *
 * @param workingDays   how many working days the period lasts (default 5)
 * @param holidays      days off besides weekends, any year
 * @param extraWorkdays weekend days that are working days, any year
 * @param answerDays    calendar days the department, the office and the leader each have for their step of an appeal
 */
public record PublicityCalendar(int workingDays, Set<LocalDate> holidays, Set<LocalDate> extraWorkdays, int answerDays) {

    public static final int DEFAULT_WORKING_DAYS = 5;
    public static final int DEFAULT_ANSWER_DAYS = 3;

    public PublicityCalendar {
        if (workingDays < 1) {
            throw new IllegalArgumentException("a publicity period lasts at least one working day, not " + workingDays);
        }
        if (answerDays < 1) {
            throw new IllegalArgumentException("an appeal's step needs at least one day, not " + answerDays);
        }
        holidays = Set.copyOf(holidays);
        extraWorkdays = Set.copyOf(extraWorkdays);
    }

    /** Five working days, weekends off, no holidays configured. */
    public static PublicityCalendar defaults() {
        return new PublicityCalendar(DEFAULT_WORKING_DAYS, Set.of(), Set.of(), DEFAULT_ANSWER_DAYS);
    }

    /** From the configuration's lists by year ({@code holidays.2026=2026-10-01,…}); the year is only a grouping. */
    public static PublicityCalendar of(int workingDays, Map<String, Set<LocalDate>> holidaysByYear,
                                       Map<String, Set<LocalDate>> workdaysByYear, int answerDays) {
        return new PublicityCalendar(workingDays,
                holidaysByYear.values().stream().flatMap(Set::stream).collect(java.util.stream.Collectors.toSet()),
                workdaysByYear.values().stream().flatMap(Set::stream).collect(java.util.stream.Collectors.toSet()),
                answerDays);
    }

    public boolean isWorkingDay(LocalDate day) {
        if (extraWorkdays.contains(day)) {
            return true;
        }
        boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
        return !weekend && !holidays.contains(day);
    }

    /** The same calendar for a period of {@code days} working days (a cycle's own). */
    public PublicityCalendar lasting(int days) {
        return new PublicityCalendar(days, holidays, extraWorkdays, answerDays);
    }

    /** The period's last day when the results are approved on {@code approvedOn}: the period starts the next day. */
    public LocalDate lastDay(LocalDate approvedOn) {
        LocalDate day = approvedOn;
        int counted = 0;
        while (counted < workingDays) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }
}
