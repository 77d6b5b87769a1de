package io.kaohe.contracts.rubric;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One node of an indicator system: 一级/二级/三级指标 or a scoring item (a leaf). A leaf
 * carries its scoring rule, its assessing departments (the first one leads), deadline and
 * accepted evidence. {@code appliesTo} names the unit categories the node applies to; empty
 * means every category of the system. Variants with other items are sibling nodes; the same
 * indicator worth other points in some categories (0.5 for townships, 1 for departments) is one
 * node whose {@code pointsByCategory} gives those categories' points: {@link #pointsFor} is what
 * a unit of a category gets. Absent from the JSON when empty (an additive field).
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
        List<IndicatorNode> children,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, BigDecimal> pointsByCategory) {

    public IndicatorNode {
        appliesTo = appliesTo == null ? List.of() : List.copyOf(appliesTo);
        assessingDepartments = assessingDepartments == null ? List.of() : List.copyOf(assessingDepartments);
        children = children == null ? List.of() : List.copyOf(children);
        // sorted, so the canonical JSON (and its hash) does not depend on the order entries were put in
        pointsByCategory = pointsByCategory == null || pointsByCategory.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new TreeMap<>(pointsByCategory));
    }

    /** A node worth the same points in every category it applies to. */
    public IndicatorNode(String code, String title, BigDecimal points, List<String> appliesTo, String description,
                         List<String> assessingDepartments, ScoringRule rule, String deadline,
                         String acceptedEvidence, String note, List<IndicatorNode> children) {
        this(code, title, points, appliesTo, description, assessingDepartments, rule, deadline, acceptedEvidence,
                note, children, Map.of());
    }

    @JsonIgnore
    public boolean isLeaf() {
        return children.isEmpty();
    }

    public boolean appliesTo(String category) {
        return appliesTo.isEmpty() || appliesTo.contains(category);
    }

    /** The node's points for a unit of that category: its own entry in pointsByCategory, else points. */
    public BigDecimal pointsFor(String category) {
        BigDecimal own = category == null ? null : pointsByCategory.get(category);
        return own != null ? own : points;
    }
}
