package io.kaohe.rubric.items;

import io.kaohe.contracts.rubric.CommonTarget;
import io.kaohe.contracts.rubric.IndicatorNode;
import io.kaohe.contracts.rubric.RubricSnapshot;
import io.kaohe.contracts.rubric.TargetItem;
import io.kaohe.contracts.rubric.TargetSection;
import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.contracts.rubric.UnitItems;
import io.kaohe.contracts.rubric.UnitTargetList;
import io.kaohe.contracts.rubric.UnitTargets;
import io.kaohe.rubric.roster.Unit;
import io.kaohe.rubric.versions.VersionContent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one unit is assessed on in one version: the leaves of the system that apply to the unit's
 * category, or the unit's own targets (with the common items scored by their lead department).
 * Items that do not apply count towards neither the score nor the maximum.
 */
final class UnitItemsAssembler {

    private UnitItemsAssembler() {
    }

    /** Whether the version assesses the unit: its category is one the system applies to, or it has targets. */
    static boolean assesses(VersionContent content, Unit unit) {
        if (content.system() != null) {
            List<String> categories = content.system().categories();
            return categories.isEmpty() || categories.contains(unit.category());
        }
        return content.targetsOf(unit.code()).isPresent();
    }

    /** Empty when the unit is not assessed under this version. */
    static Optional<UnitItems> assemble(String versionId, VersionContent content, Unit unit) {
        List<UnitItem> items = new ArrayList<>();
        if (content.system() != null) {
            RubricSnapshot s = content.system();
            if (!s.categories().isEmpty() && !s.categories().contains(unit.category())) {
                return Optional.empty();
            }
            for (IndicatorNode root : s.roots()) {
                if (root.appliesTo(unit.category())) {
                    collect(root, root, new ArrayList<>(), unit.category(), items);
                }
            }
        } else {
            Optional<UnitTargetList> own = content.targetsOf(unit.code());
            if (own.isEmpty()) {
                return Optional.empty();
            }
            UnitTargets t = content.targets();
            List<TargetItem> list = content.itemsOf(own.get());
            for (int i = 0; i < list.size(); i++) {
                TargetItem item = list.get(i);
                TargetSection section = t.sections().stream().filter(s -> s.code().equals(item.section()))
                        .findFirst().orElse(new TargetSection(item.section(), item.section(), null));
                List<String> departments = item.common()
                        ? t.commonItems().stream()
                                .filter(c -> c.title().equals(item.content()) && c.section().equals(item.section()))
                                .map(CommonTarget::leadDepartment).findFirst().map(List::of).orElse(List.of())
                        : t.assessingDepartment() == null ? List.of() : List.of(t.assessingDepartment());
                items.add(new UnitItem(UnitTargets.itemCode(unit.code(), i + 1), item.content(),
                        List.of(section.title()), section.code(), section.title(), item.points(), item.rule(),
                        departments, item.deadline(), null));
            }
        }
        BigDecimal maximum = items.stream().map(UnitItem::points).filter(p -> p != null)
                .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, RoundingMode.HALF_UP);
        return Optional.of(new UnitItems(versionId, unit.code(), unit.name(), unit.category(), maximum, items));
    }

    private static void collect(IndicatorNode node, IndicatorNode top, List<String> path, String category,
                                List<UnitItem> items) {
        if (node.isLeaf()) {
            // the unit's category may have its own points for the item (0.5 for townships, 1 for departments)
            items.add(new UnitItem(node.code(), node.title(), List.copyOf(path), top.code(), top.title(),
                    node.pointsFor(category),
                    node.rule(), node.assessingDepartments(), node.deadline(), node.acceptedEvidence()));
            return;
        }
        path.add(node.title());
        for (IndicatorNode child : node.children()) {
            if (child.appliesTo(category)) {
                collect(child, top, path, category, items);
            }
        }
        path.remove(path.size() - 1);
    }
}
