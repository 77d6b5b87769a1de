package io.kaohe.workflow.cycles;

import io.kaohe.support.problems.Faults;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which units a cycle opens for: the request's choices (units one by one, whole categories, a
 * saved list, every unit the version assesses) resolved against the roster, less the exceptions.
 * Every unit must be an active roster unit that the version assesses, of the category the request
 * gives for it; every fault is located ({@code units[3].unitCode}, {@code categories[0]},
 * {@code unitList}, {@code except[1]}) so that an unknown unit can never reach the results table.
 */
final class UnitSelection {

    private final CycleRoster roster;

    UnitSelection(CycleRoster roster) {
        this.roster = roster;
    }

    /**
     * The units in the order chosen (a category's and a list's in the roster's order); faults are
     * added to {@code faults}. {@code versionKnown}: the version is published, so what it assesses
     * can be asked.
     */
    List<OpenCycleRequest.Unit> resolve(OpenCycleRequest request, boolean versionKnown, Faults faults) {
        if (!request.choosesUnits()) {
            faults.add("units", "workflow.cycle.no-units-chosen");
            return List.of();
        }
        Map<String, CycleRoster.RosterUnit> units = new LinkedHashMap<>();
        roster.units().forEach(u -> units.put(u.code(), u));
        Optional<List<CycleRoster.RosterUnit>> byVersion = versionKnown
                ? roster.assessedBy(request.rubricVersionId()) : Optional.empty();
        if (versionKnown && byVersion.isEmpty()) {
            faults.add("rubricVersionId", "workflow.cycle.rubric-unknown", request.rubricVersionId());
        }
        List<CycleRoster.RosterUnit> assessedUnits = byVersion.orElse(List.of());
        // null: what the version assesses is not known, so it is not checked (the version's own fault is)
        Set<String> assessed = byVersion.map(UnitSelection::codes).orElse(null);
        Map<String, OpenCycleRequest.Unit> chosen = new LinkedHashMap<>();
        for (int i = 0; i < request.units().size(); i++) {
            OpenCycleRequest.Unit given = request.units().get(i);
            String code = given.unitCode().strip();
            String at = "units[" + i + "]";
            CycleRoster.RosterUnit unit = units.get(code);
            if (chosen.containsKey(code)) {
                faults.add(at + ".unitCode", "workflow.cycle.unit-twice", code);
            } else if (unit == null) {
                faults.add(at + ".unitCode", "workflow.cycle.unit-unknown", code);
            } else if (given.category() != null && !given.category().isBlank()
                    && !given.category().strip().equals(unit.category())) {
                faults.add(at + ".category", "workflow.cycle.unit-category", code, unit.category(), given.category().strip());
            } else if (usable(unit, assessed, at + ".unitCode", faults)) {
                String name = given.unitName() == null || given.unitName().isBlank() ? unit.name() : given.unitName().strip();
                chosen.put(code, new OpenCycleRequest.Unit(code, name, unit.category()));
            }
        }
        for (int i = 0; i < request.categories().size(); i++) {
            String category = request.categories().get(i).strip();
            List<CycleRoster.RosterUnit> ofCategory = units.values().stream()
                    .filter(u -> u.active() && u.category().equals(category)).toList();
            if (ofCategory.isEmpty()) {
                faults.add("categories[" + i + "]", "workflow.cycle.category-empty", category);
            } else if (assessed != null && ofCategory.stream().noneMatch(u -> assessed.contains(u.code()))) {
                faults.add("categories[" + i + "]", "workflow.cycle.category-not-assessed", category);
            } else {
                ofCategory.stream().filter(u -> assessed == null || assessed.contains(u.code()))
                        .forEach(u -> chosen.putIfAbsent(u.code(), new OpenCycleRequest.Unit(u.code(), u.name(), u.category())));
            }
        }
        if (request.unitList() != null) {
            var list = roster.savedList(request.unitList().strip());
            if (list.isEmpty()) {
                faults.add("unitList", "workflow.cycle.list-unknown", request.unitList());
            } else {
                for (String code : list.get()) {
                    CycleRoster.RosterUnit unit = units.get(code);
                    if (unit == null) {
                        faults.add("unitList", "workflow.cycle.unit-unknown", code);
                    } else if (usable(unit, assessed, "unitList", faults)) {
                        chosen.putIfAbsent(code, new OpenCycleRequest.Unit(code, unit.name(), unit.category()));
                    }
                }
            }
        }
        if (Boolean.TRUE.equals(request.assessedUnits()) && assessed != null) {
            assessedUnits.forEach(u -> chosen.putIfAbsent(u.code(), new OpenCycleRequest.Unit(u.code(), u.name(), u.category())));
        }
        for (int i = 0; i < request.except().size(); i++) {
            String code = request.except().get(i).strip();
            if (chosen.remove(code) == null) {
                faults.add("except[" + i + "]", "workflow.cycle.except-not-chosen", code);
            }
        }
        if (chosen.isEmpty() && !faults.any()) {
            faults.add("units", "workflow.cycle.no-units-left");
        }
        return new ArrayList<>(chosen.values());
    }

    private static Set<String> codes(List<CycleRoster.RosterUnit> units) {
        Set<String> codes = new HashSet<>();
        units.forEach(u -> codes.add(u.code()));
        return codes;
    }

    /** An active unit the version assesses (when that is known); else a fault at {@code at}. */
    private static boolean usable(CycleRoster.RosterUnit unit, Set<String> assessed, String at, Faults faults) {
        if (!unit.active()) {
            faults.add(at, "workflow.cycle.unit-inactive", unit.code());
            return false;
        }
        if (assessed != null && !assessed.contains(unit.code())) {
            faults.add(at, "workflow.cycle.unit-not-assessed", unit.code(), unit.category());
            return false;
        }
        return true;
    }
}
