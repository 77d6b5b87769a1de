package io.kaohe.workflow.process;

import io.kaohe.contracts.events.CycleOpened;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * A cycle's clock: maps the assessment calendar (real dates of the assessed year) onto the instants
 * the process engine waits for. Normally the identity; compressed for demos and tests, e.g. a year in
 * ten minutes, without touching the models: every timer and due date is computed from the calendar
 * through this clock and kept in process variables.
 *
 * @param yearStart     the calendar instant that maps to {@code clockStart} (1 January of the year, Beijing time)
 * @param clockStart    when that instant happens on the engine's clock
 * @param secondsPerDay how many engine seconds one calendar day lasts (86400 when not compressed)
 */
public record CycleClock(Instant yearStart, Instant clockStart, double secondsPerDay) {

    /** The zone the calendar's dates are in: the assessing governments are in China. */
    public static final ZoneId ZONE = CycleOpened.Clock.ZONE;
    public static final double REAL_SECONDS_PER_DAY = 86_400d;

    public CycleClock {
        if (!(secondsPerDay > 0)) {
            throw new IllegalArgumentException("a day must last a positive time, not " + secondsPerDay + " s");
        }
    }

    /** The real calendar of {@code year}, not compressed. */
    public static CycleClock real(int year) {
        Instant start = LocalDate.of(year, 1, 1).atStartOfDay(ZONE).toInstant();
        return new CycleClock(start, start, REAL_SECONDS_PER_DAY);
    }

    /** The calendar of {@code year} compressed so that the whole year lasts {@code yearIn}, starting at {@code from}. */
    public static CycleClock compressed(int year, Instant from, Duration yearIn) {
        Instant start = LocalDate.of(year, 1, 1).atStartOfDay(ZONE).toInstant();
        long days = LocalDate.of(year, 1, 1).lengthOfYear();
        return new CycleClock(start, from, yearIn.toMillis() / 1000d / days);
    }

    /** The clock kept in a process's variables (see {@link #variables()}). */
    public static CycleClock of(VariableScope scope) {
        return of(scope::getVariable);
    }

    /** The clock in a map of variables, e.g. a task's as {@code TaskService.getVariables} gives them. */
    public static CycleClock from(Map<String, ?> variables) {
        return of(variables::get);
    }

    private static CycleClock of(java.util.function.Function<String, Object> variables) {
        Date yearStart = (Date) variables.apply(Bpmn.Var.YEAR_START);
        Date clockStart = (Date) variables.apply(Bpmn.Var.CLOCK_START);
        Number secondsPerDay = (Number) variables.apply(Bpmn.Var.SECONDS_PER_DAY);
        if (yearStart == null || clockStart == null || secondsPerDay == null) {
            throw new IllegalStateException("the process has no cycle clock in its variables");
        }
        return new CycleClock(yearStart.toInstant(), clockStart.toInstant(), secondsPerDay.doubleValue());
    }

    public Map<String, Object> variables() {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(Bpmn.Var.YEAR_START, Date.from(yearStart));
        variables.put(Bpmn.Var.CLOCK_START, Date.from(clockStart));
        variables.put(Bpmn.Var.SECONDS_PER_DAY, secondsPerDay);
        return variables;
    }

    public boolean compressed() {
        return secondsPerDay != REAL_SECONDS_PER_DAY || !yearStart.equals(clockStart);
    }

    /** When a calendar instant happens on the engine's clock (to the millisecond). */
    public Instant at(Instant calendar) {
        double calendarSeconds = Duration.between(yearStart, calendar).toMillis() / 1000d;
        long engineMillis = Math.round(calendarSeconds / REAL_SECONDS_PER_DAY * secondsPerDay * 1000d);
        return clockStart.plusMillis(engineMillis);
    }

    /** The calendar day (Beijing time) an engine instant falls on: the inverse of {@link #at}. */
    public LocalDate dayAt(Instant engine) {
        double engineSeconds = Duration.between(clockStart, engine).toMillis() / 1000d;
        long calendarMillis = Math.round(engineSeconds / secondsPerDay * REAL_SECONDS_PER_DAY * 1000d);
        return yearStart.plusMillis(calendarMillis).atZone(ZONE).toLocalDate();
    }

    /** The engine instant a calendar day begins (00:00 Beijing time). */
    public Instant startOf(LocalDate day) {
        return at(day.atStartOfDay(ZONE).toInstant());
    }

    /** The engine instant a calendar day is over (a deadline "by that day" is the next midnight). */
    public Instant endOf(LocalDate day) {
        return startOf(day.plusDays(1));
    }

    /** {@code days} calendar days after an engine instant, on the engine's clock. */
    public Instant after(Instant engineNow, double days) {
        return engineNow.plusMillis(Math.round(days * secondsPerDay * 1000d));
    }

    /** This clock as CycleOpened carries it to the other services (which map instants to days with it). */
    public CycleOpened.Clock asEvent() {
        return new CycleOpened.Clock(yearStart, clockStart, secondsPerDay);
    }
}
