package io.kaohe.scoring.roster;

import io.kaohe.contracts.rubric.RosterListing;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The office's own order of unit categories and units, and the names of categories and assessing departments,
 * from the roster: results tables and notices list groups and units in it, not by rank; ledgers name departments;
 * imported earlier years match a published workbook's units to {@code units} by name or code.
 */
public record RosterOrder(List<RosterListing.Category> categories, List<String> unitCodes,
                          Map<String, String> departmentNames, List<RosterListing.Unit> units) {

    /** No roster known: groups and units keep the cycle's order, categories are shown by code. */
    public static final RosterOrder NONE = new RosterOrder(List.of(), List.of());

    public RosterOrder {
        categories = List.copyOf(categories);
        unitCodes = List.copyOf(unitCodes);
        departmentNames = Map.copyOf(departmentNames);
        units = List.copyOf(units);
    }

    /** An order that names no department and no unit (only the units' codes). */
    public RosterOrder(List<RosterListing.Category> categories, List<String> unitCodes) {
        this(categories, unitCodes, Map.of());
    }

    /** An order whose units are known by code only. */
    public RosterOrder(List<RosterListing.Category> categories, List<String> unitCodes,
                       Map<String, String> departmentNames) {
        this(categories, unitCodes, departmentNames, List.of());
    }

    public static RosterOrder of(RosterListing roster) {
        Map<String, String> departments = new HashMap<>();
        roster.departments().forEach(d -> departments.putIfAbsent(d.code(), d.name()));
        return new RosterOrder(roster.categories(), roster.units().stream().map(RosterListing.Unit::code).toList(),
                departments, roster.units());
    }

    /** The assessing department's name, or its code when the roster does not know it. */
    public String departmentName(String code) {
        return departmentNames.getOrDefault(code, code);
    }

    /** The category's name, or its code when the roster does not know it. */
    public String categoryName(String code) {
        return categories.stream().filter(c -> c.code().equals(code)).map(RosterListing.Category::name)
                .findFirst().orElse(code);
    }

    /** Positions of the categories; one not in the roster is absent (it goes after those that are). */
    public Map<String, Integer> categoryPositions() {
        Map<String, Integer> positions = new HashMap<>();
        categories.forEach(c -> positions.putIfAbsent(c.code(), positions.size()));
        return positions;
    }

    /** Positions of the units; one not in the roster is absent (it goes after those that are). */
    public Map<String, Integer> unitPositions() {
        Map<String, Integer> positions = new HashMap<>();
        unitCodes.forEach(u -> positions.putIfAbsent(u, positions.size()));
        return positions;
    }
}
