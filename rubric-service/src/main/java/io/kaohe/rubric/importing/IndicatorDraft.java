package io.kaohe.rubric.importing;

import io.kaohe.contracts.rubric.IndicatorNode;
import io.kaohe.contracts.rubric.ScoringRule;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An indicator or item of a system workbook while it is read: rows add to it (an indicator written again with
 * other points for other categories is the same draft), then {@link #build} makes the contract's node.
 */
final class IndicatorDraft {
    String code;
    String label;
    String title;
    BigDecimal points;
    String appliesKey = "";
    List<String> appliesTo = List.of();
    /** Set for items (leaves) only. */
    String description;
    List<String> departments = List.of();
    ScoringRule rule;
    String deadline;
    String evidence;
    String note;
    int row;
    final List<IndicatorDraft> children = new ArrayList<>();
    /** Points a row wrote for this indicator, by the row's categories: where they differ from points. */
    private final Map<String, BigDecimal> byCategory = new LinkedHashMap<>();
    /** Points written on a row that applies to every category, if any. */
    private BigDecimal everywhere;

    /** Whether a row for these categories may give this indicator these points. */
    boolean accepts(List<String> categories, BigDecimal rowPoints) {
        if (categories.isEmpty()) {
            return rowPoints.compareTo(points) == 0 && byCategory.values().stream().allMatch(p -> p.compareTo(points) == 0);
        }
        if (everywhere != null && everywhere.compareTo(rowPoints) != 0) {
            return false;
        }
        return categories.stream().allMatch(c -> !byCategory.containsKey(c) || byCategory.get(c).compareTo(rowPoints) == 0);
    }

    void record(List<String> categories, BigDecimal rowPoints) {
        if (categories.isEmpty()) {
            everywhere = rowPoints;
        }
        categories.forEach(c -> byCategory.putIfAbsent(c, rowPoints));
    }

    private Map<String, BigDecimal> pointsByCategory() {
        Map<String, BigDecimal> differing = new LinkedHashMap<>();
        byCategory.forEach((c, p) -> {
            if (p.compareTo(points) != 0) {
                differing.put(c, p);
            }
        });
        return differing;
    }

    static void collectCategories(List<IndicatorDraft> drafts, Set<String> used) {
        for (IndicatorDraft d : drafts) {
            used.addAll(d.appliesTo);
            collectCategories(d.children, used);
        }
    }

    /** Internal nodes apply where their children do: the union, unless that is every category. */
    IndicatorNode build(List<String> systemCategories) {
        if (description != null) {
            return new IndicatorNode(code, title, points, appliesTo, description, departments, rule, deadline, evidence,
                    note, List.of());
        }
        List<IndicatorNode> built = children.stream().map(c -> c.build(systemCategories)).toList();
        List<String> applies = List.of();
        if (!built.isEmpty() && built.stream().noneMatch(c -> c.appliesTo().isEmpty())) {
            Set<String> union = new LinkedHashSet<>();
            built.forEach(c -> union.addAll(c.appliesTo()));
            if (systemCategories.isEmpty() || !union.containsAll(systemCategories)) {
                applies = List.copyOf(union);
            }
        }
        return new IndicatorNode(code, title, points, applies, null, List.of(), null, null, null, null, built,
                pointsByCategory());
    }
}
