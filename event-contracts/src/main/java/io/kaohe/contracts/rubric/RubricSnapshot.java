package io.kaohe.contracts.rubric;

import java.util.List;
import java.util.Map;

/**
 * A whole indicator system as published: what {@code RubricPublished} refers to and what
 * consumers fetch. {@code categories} are the unit categories it applies to;
 * {@code applicabilityWordings} keeps the source's 适用于 wording for each set of categories;
 * {@code conversionNotes} record where the source document itself is inconsistent.
 */
public record RubricSnapshot(
        String code,
        int year,
        String title,
        String source,
        List<String> categories,
        Map<String, List<String>> applicabilityWordings,
        List<String> conversionNotes,
        List<IndicatorNode> roots) {

    public RubricSnapshot {
        categories = categories == null ? List.of() : List.copyOf(categories);
        applicabilityWordings = applicabilityWordings == null ? Map.of() : Map.copyOf(applicabilityWordings);
        conversionNotes = conversionNotes == null ? List.of() : List.copyOf(conversionNotes);
        roots = roots == null ? List.of() : List.copyOf(roots);
    }
}
