package io.kaohe.rubric.versions;

import io.kaohe.contracts.rubric.IndicatorNode;
import io.kaohe.contracts.rubric.RubricSnapshot;
import io.kaohe.contracts.rubric.TargetSection;
import io.kaohe.contracts.rubric.UnitTargetList;
import io.kaohe.contracts.rubric.UnitTargets;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A version's content: an indicator system or per-unit targets, exactly one of them. */
public record VersionContent(RubricSnapshot system, UnitTargets targets) {

    public VersionContent {
        if ((system == null) == (targets == null)) {
            throw new IllegalArgumentException("exactly one of system and targets");
        }
    }

    public static VersionContent of(RubricSnapshot system) {
        return new VersionContent(system, null);
    }

    public static VersionContent of(UnitTargets targets) {
        return new VersionContent(null, targets);
    }

    public RubricVersion.Kind kind() {
        return system != null ? RubricVersion.Kind.SYSTEM : RubricVersion.Kind.UNIT_TARGETS;
    }

    public String code() {
        return system != null ? system.code() : targets.code();
    }

    public int year() {
        return system != null ? system.year() : targets.year();
    }

    public String title() {
        return system != null ? system.title() : targets.title();
    }

    public List<String> conversionNotes() {
        return system != null ? system.conversionNotes() : targets.conversionNotes();
    }

    public boolean isEmpty() {
        return system != null ? system.roots().isEmpty() : targets.sections().isEmpty() || targets.units().isEmpty();
    }

    /**
     * The tree view every consumer can read: the system itself, or for targets the shared sections
     * as top-level indicators without children (each unit's items come from the unit items API).
     */
    public RubricSnapshot snapshot() {
        if (system != null) {
            return system;
        }
        List<IndicatorNode> sections = targets.sections().stream()
                .map(s -> new IndicatorNode(s.code(), s.title(), s.points(), List.of(), null, List.of(), null, null,
                        null, null, List.of()))
                .toList();
        return new RubricSnapshot(targets.code(), targets.year(), targets.title(), targets.source(), List.of(),
                Map.of(), targets.conversionNotes(), sections);
    }

    /** The items of every unit, a shared list ("同第一项") counted once per unit that uses it. */
    public int leafCount() {
        if (system != null) {
            return leafCount(system.roots());
        }
        return targets.units().stream().mapToInt(u -> itemsOf(u).size()).sum();
    }

    /** The most points a unit can obtain: the largest sum of top-level indicators over the categories. */
    public BigDecimal totalPoints() {
        if (targets != null) {
            return targets.sections().stream().map(TargetSection::points).filter(p -> p != null)
                    .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, java.math.RoundingMode.HALF_UP);
        }
        List<String> categories = system.categories().isEmpty() ? List.of("") : system.categories();
        return categories.stream()
                .map(c -> system.roots().stream()
                        .filter(n -> c.isEmpty() || n.appliesTo(c))
                        .map(n -> n.pointsFor(c.isEmpty() ? null : c))
                        .filter(p -> p != null)
                        .reduce(BigDecimal.ZERO, BigDecimal::add))
                .max(BigDecimal::compareTo)
                .orElse(BigDecimal.ZERO)
                .setScale(2, java.math.RoundingMode.HALF_UP);
    }

    /** A unit's own list, or the list of the unit it is the same as. */
    public List<io.kaohe.contracts.rubric.TargetItem> itemsOf(UnitTargetList unit) {
        if (unit.sameAs() == null || unit.sameAs().isBlank()) {
            return unit.items();
        }
        return targets.units().stream().filter(u -> u.unit().equals(unit.sameAs())).findFirst()
                .map(UnitTargetList::items).orElse(List.of());
    }

    public Optional<UnitTargetList> targetsOf(String unitCode) {
        return targets == null ? Optional.empty()
                : targets.units().stream().filter(u -> unitCode.equals(u.unit())).findFirst();
    }

    static int leafCount(List<IndicatorNode> nodes) {
        return nodes.stream().mapToInt(n -> n.isLeaf() ? 1 : leafCount(n.children())).sum();
    }
}
