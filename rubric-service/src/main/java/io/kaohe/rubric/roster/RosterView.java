package io.kaohe.rubric.roster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The roster at one moment, for looking codes and names up while validating or importing. */
public final class RosterView {

    private final List<UnitCategory> categories;
    private final List<AssessingDepartment> departments;
    private final List<Unit> units;
    private final Map<String, UnitCategory> categoryByCode = new LinkedHashMap<>();
    private final Map<String, AssessingDepartment> departmentByCode = new LinkedHashMap<>();
    private final Map<String, Unit> unitByCode = new LinkedHashMap<>();

    public RosterView(List<UnitCategory> categories, List<AssessingDepartment> departments, List<Unit> units) {
        this.categories = List.copyOf(categories);
        this.departments = List.copyOf(departments);
        this.units = List.copyOf(units);
        categories.forEach(c -> categoryByCode.put(c.code(), c));
        departments.forEach(d -> departmentByCode.put(d.code(), d));
        units.forEach(u -> unitByCode.put(u.code(), u));
    }

    public List<UnitCategory> categories() {
        return categories;
    }

    public List<AssessingDepartment> departments() {
        return departments;
    }

    public List<Unit> units() {
        return units;
    }

    public Optional<UnitCategory> category(String code) {
        return Optional.ofNullable(code == null ? null : categoryByCode.get(code));
    }

    public Optional<AssessingDepartment> department(String code) {
        return Optional.ofNullable(code == null ? null : departmentByCode.get(code));
    }

    public Optional<Unit> unit(String code) {
        return Optional.ofNullable(code == null ? null : unitByCode.get(code));
    }

    /** A unit by code or by its exact name. */
    public Optional<Unit> unitByCodeOrName(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.strip();
        return unit(wanted).or(() -> units.stream().filter(u -> u.name().equals(wanted)).findFirst());
    }

    public String departmentName(String code) {
        return department(code).map(AssessingDepartment::name).orElse(code);
    }

    public String categoryName(String code) {
        return category(code).map(UnitCategory::name).orElse(code);
    }
}
