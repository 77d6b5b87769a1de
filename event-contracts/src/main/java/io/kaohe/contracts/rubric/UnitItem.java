package io.kaohe.contracts.rubric;

import java.math.BigDecimal;
import java.util.List;

/**
 * One scoring item as it applies to one unit in one rubric version: a leaf of the system's
 * tree for the unit's category, or one of the unit's own targets (seed 001). Evidence and
 * scoring work on these, never on the tree itself.
 *
 * @param itemCode             stable within the version (the node code, or the target's code)
 * @param path                 titles from the top-level indicator down to the item's parent
 * @param topLevelCode         the 一级指标 (or section) the item counts towards in totals
 * @param assessingDepartments department codes that score the item; the first leads
 */
public record UnitItem(
        String itemCode,
        String title,
        List<String> path,
        String topLevelCode,
        String topLevelTitle,
        BigDecimal points,
        ScoringRule rule,
        List<String> assessingDepartments,
        String deadline,
        String acceptedEvidence) {

    public UnitItem {
        path = path == null ? List.of() : List.copyOf(path);
        assessingDepartments = assessingDepartments == null ? List.of() : List.copyOf(assessingDepartments);
    }
}
