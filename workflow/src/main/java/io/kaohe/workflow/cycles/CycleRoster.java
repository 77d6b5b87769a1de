package io.kaohe.workflow.cycles;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The roster a cycle opens on, as rubric-service keeps it: its units, the units a published
 * version assesses, the office's saved unit lists. Rubric-service unreachable is a 503 problem
 * (try again); what it does not have is answered empty (a permanent fault of the request).
 */
public interface CycleRoster {

    /** A unit of the roster: category, and whether it is still active. */
    record RosterUnit(String code, String name, String category, boolean active) {
    }

    /** Every unit, active or not, in the office's order. */
    List<RosterUnit> units();

    /** The active units the version assesses; empty when rubric-service does not know the version. */
    Optional<List<RosterUnit>> assessedBy(String rubricVersionId);

    /** The unit codes of a saved list; empty when there is no such list. */
    Optional<List<String>> savedList(String code);

    /** The assessing departments' names by code, to name who a task waits for; empty when they cannot be had now. */
    default Map<String, String> departmentNames() {
        return Map.of();
    }
}
