package io.kaohe.contracts.rubric;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.math.BigDecimal;
import java.util.List;

/**
 * One node of an indicator system: 一级/二级/三级指标 or a scoring item (a leaf). A leaf
 * carries its scoring rule, its assessing departments (the first one leads), deadline and
 * accepted evidence. {@code appliesTo} names the unit categories the node applies to; empty
 * means every category of the system. Per-category variants are sibling nodes.
 */
public record IndicatorNode(
        String code,
        String title,
        BigDecimal points,
        List<String> appliesTo,
        String description,
        List<String> assessingDepartments,
        ScoringRule rule,
        String deadline,
        String acceptedEvidence,
        String note,
        List<IndicatorNode> children) {

    public IndicatorNode {
        appliesTo = appliesTo == null ? List.of() : List.copyOf(appliesTo);
        assessingDepartments = assessingDepartments == null ? List.of() : List.copyOf(assessingDepartments);
        children = children == null ? List.of() : List.copyOf(children);
    }

    @JsonIgnore
    public boolean isLeaf() {
        return children.isEmpty();
    }

    public boolean appliesTo(String category) {
        return appliesTo.isEmpty() || appliesTo.contains(category);
    }
}
