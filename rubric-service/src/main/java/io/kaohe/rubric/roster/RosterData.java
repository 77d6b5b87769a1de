package io.kaohe.rubric.roster;

import java.util.List;

/** The roster as a document (demo/roster.json): categories, departments and units, with notes on their origin. */
public record RosterData(List<UnitCategory> categories, List<AssessingDepartment> departments, List<Unit> units,
                         List<String> notes) {

    public RosterData {
        categories = categories == null ? List.of() : List.copyOf(categories);
        departments = departments == null ? List.of() : List.copyOf(departments);
        units = units == null ? List.of() : List.copyOf(units);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }
}
