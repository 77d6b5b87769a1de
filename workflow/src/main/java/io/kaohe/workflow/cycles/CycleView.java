package io.kaohe.workflow.cycles;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A cycle as the API shows it: calendar in days, when each deadline falls on the cycle's clock,
 * the publicity period's working days (the cycle's own or the platform's setting) and the units it assesses (as
 * resolved when it was opened). {@code status} is the process's state
 * (RUNNING, ENDED, UNKNOWN; UNREADABLE in the list for a cycle whose stored calendar cannot be read), never an activity id; {@code stage} is where the cycle stands in the
 * offices' words (null while the engine has no record of it); the steps themselves are drawn by
 * {@code /progress}.
 */
public record CycleView(
        String cycleId,
        int year,
        String title,
        String rubricVersionId,
        String processInstanceId,
        String status,
        CycleStage stage,
        int unitCount,
        Map<String, Long> unitsBy,
        List<Deadline> calendar,
        int publicityDays,
        boolean compressed,
        double secondsPerDay,
        String openedBy,
        Instant openedAt,
        List<OpenCycleRequest.Unit> units) {

    /** One entry of the calendar: what, its calendar days, and the engine instants it is scheduled for. */
    public record Deadline(String what, LocalDate opens, LocalDate due, Instant opensAt, Instant dueAt) {
    }
}
