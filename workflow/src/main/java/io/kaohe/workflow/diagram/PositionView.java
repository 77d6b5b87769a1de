package io.kaohe.workflow.diagram;

import java.time.Instant;
import java.util.List;

/**
 * Where one unit stands in a cycle: every step its processes wait in, with what it waits for (the
 * people by role and unit or department name, a date, an event), since when, its due date and
 * whether it is overdue. {@code kind} is TASK (people), TIMER (a date), MESSAGE (an event), CALL (the
 * unit's place in the calling model, for the diagram) or OTHER (the engine is about to carry on).
 */
public record PositionView(String cycleId, String unitCode, String unitName, String category, Instant at,
                           List<Step> steps) {

    public record Step(String model, String activityId, String name, String nameEn, String kind, String period,
                       List<Party> waitsFor, Instant since, Instant due, Instant until, boolean overdue) {
    }

    /**
     * Who a task is offered to: a role (office-admin, leader, unit-reporter, unit-head, dept-reviewer,
     * inspector) and, where the role is scoped, the unit or the assessing department by name.
     */
    public record Party(String role, String unitCode, String unitName, String department, String departmentName) {
    }
}
