package io.kaohe.workflow.diagram;

import java.time.Instant;
import java.util.List;

/**
 * One place a cycle's process tree waits in now: the model and its element, the element's name as
 * drawn, the unit (null for the cycle's own steps), the period, since when, the task's due date and
 * candidate groups (user tasks), a timer's time, and whether it is overdue.
 */
record ActiveStep(String model, String definitionId, String activityId, String activityType, String name,
                  String unitCode, String period, Instant since, Instant due, Instant until,
                  List<String> candidateGroups, boolean overdue) {

    /** A call activity: the unit is somewhere in the process it called, not waiting on this element itself. */
    boolean calls() {
        return "callActivity".equals(activityType);
    }
}
