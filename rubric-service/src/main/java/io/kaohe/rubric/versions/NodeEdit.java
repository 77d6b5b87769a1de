package io.kaohe.rubric.versions;

import io.kaohe.contracts.rubric.IndicatorNode;
import io.kaohe.contracts.rubric.ScoringRule;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** The fields of one node as the editor sends them; the node keeps its code and children. */
public record NodeEdit(
        String title,
        BigDecimal points,
        List<String> appliesTo,
        String description,
        List<String> assessingDepartments,
        ScoringRule rule,
        String deadline,
        String acceptedEvidence,
        String note,
        @Schema(description = "points of this node for the categories where they differ from points, "
                + "e.g. {\"township\": 0.5}; omitted or empty: the same points everywhere")
        Map<String, BigDecimal> pointsByCategory) {

    IndicatorNode applyTo(IndicatorNode node) {
        return new IndicatorNode(node.code(), title, points, appliesTo, description, assessingDepartments, rule,
                deadline, acceptedEvidence, note, node.children(), pointsByCategory);
    }
}
