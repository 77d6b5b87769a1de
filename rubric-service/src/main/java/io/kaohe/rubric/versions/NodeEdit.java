package io.kaohe.rubric.versions;

import io.kaohe.contracts.rubric.IndicatorNode;
import io.kaohe.contracts.rubric.ScoringRule;
import java.math.BigDecimal;
import java.util.List;

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
        String note) {

    IndicatorNode applyTo(IndicatorNode node) {
        return new IndicatorNode(node.code(), title, points, appliesTo, description, assessingDepartments, rule,
                deadline, acceptedEvidence, note, node.children());
    }
}
