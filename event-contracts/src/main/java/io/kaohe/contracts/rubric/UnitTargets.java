package io.kaohe.contracts.rubric;

import java.util.List;

/**
 * Per-unit targets (seed 001, 目标绩效考核细则): under shared sections (职能职责 25分, 工作效能 10分,
 * 重点特色工作 15分) each unit has its own items, with the unit's responsible leader, office and
 * contact. Items common to every unit (干部驻村帮扶工作) are scored by one lead department; the
 * units' own items by {@code assessingDepartment} (the office, 目督办, unless said otherwise).
 *
 * <p>A unit whose item list equals the first unit's is stored once: {@code sameAs} names that unit
 * and its own {@code items} are empty ("同第一项").
 *
 * <p>Item codes are {@code T.<unit>.<n>}, n counting the unit's items from 1 in order (see
 * {@link #itemCode}): the seed's 序号 is not unique within every unit.
 */
public record UnitTargets(
        String code,
        int year,
        String title,
        String source,
        String assessingDepartment,
        List<TargetSection> sections,
        List<CommonTarget> commonItems,
        List<String> conversionNotes,
        List<UnitTargetList> units) {

    public UnitTargets {
        sections = sections == null ? List.of() : List.copyOf(sections);
        commonItems = commonItems == null ? List.of() : List.copyOf(commonItems);
        conversionNotes = conversionNotes == null ? List.of() : List.copyOf(conversionNotes);
        units = units == null ? List.of() : List.copyOf(units);
    }

    /** The code of a unit's n-th item (n from 1), as {@link UnitItem#itemCode()} carries it. */
    public static String itemCode(String unit, int n) {
        return "T." + unit + "." + n;
    }
}
