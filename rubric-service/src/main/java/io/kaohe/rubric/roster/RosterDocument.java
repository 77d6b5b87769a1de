package io.kaohe.rubric.roster;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A whole roster as a workbook carries it: categories, assessing departments, units in the office's
 * order (with parent body and category) and contacts. {@code parts} says which of them the document
 * holds: a part it does not hold (a sheet left out of the workbook) stays as it is when applied.
 */
public record RosterDocument(List<UnitCategory> categories, List<AssessingDepartment> departments, List<Unit> units,
                             List<Contact> contacts, Set<Part> parts) {

    /** The parts of a roster, one sheet each. */
    public enum Part {
        CATEGORIES, DEPARTMENTS, UNITS, CONTACTS
    }

    public RosterDocument {
        categories = categories == null ? List.of() : List.copyOf(categories);
        departments = departments == null ? List.of() : List.copyOf(departments);
        units = units == null ? List.of() : List.copyOf(units);
        contacts = contacts == null ? List.of() : List.copyOf(contacts);
        parts = parts == null || parts.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(parts));
    }

    public boolean has(Part part) {
        return parts.contains(part);
    }
}
