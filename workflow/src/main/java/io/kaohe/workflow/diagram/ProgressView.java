package io.kaohe.workflow.diagram;

import java.time.Instant;
import java.util.List;

/**
 * A cycle's progress drawn on its models: per model the steps where something waits now, each with
 * how many of the cycle's units are there and how many of those are overdue. {@code activityId} only
 * places a count on the diagram; what a person reads is {@code name} (中文) or {@code nameEn}.
 */
public record ProgressView(String cycleId, String title, Instant at, List<Model> models) {

    /** One model of the cycle's process tree and its waiting steps. */
    public record Model(String key, String name, String nameEn, int version, List<Step> steps) {
    }

    /**
     * A step something waits in: units there (distinct), of which overdue, and waiting places in all
     * (the cycle's own steps have no unit), with the units by name.
     */
    public record Step(String activityId, String name, String nameEn, String kind, int units, int overdueUnits,
                       int waiting, int overdue, List<UnitThere> unitsThere) {
    }

    /** A unit at a step: since when it waits there, and whether it is overdue. */
    public record UnitThere(String unitCode, String unitName, String period, Instant since, boolean overdue) {
    }
}
