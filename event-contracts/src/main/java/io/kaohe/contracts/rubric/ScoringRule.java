package io.kaohe.contracts.rubric;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.math.BigDecimal;
import java.util.List;

/**
 * A leaf indicator's scoring rule (评分标准 / 计分方法), one of the kinds found in the seeds
 * (see docs/domain.md §2). Travels as JSON tagged by {@code "type"}; the type names below are
 * shared with the rubric data files, so never rename them.
 *
 * <p>A rule does not know its own points: the same rule text is reused by items of different
 * points, so points are passed in when validating and evaluating.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = DeductionPerIncident.class, name = "deduction-per-incident"),
    @JsonSubTypes.Type(value = QuantifiedRate.class, name = "quantified-rate"),
    @JsonSubTypes.Type(value = Shortfall.class, name = "shortfall"),
    @JsonSubTypes.Type(value = Threshold.class, name = "threshold"),
    @JsonSubTypes.Type(value = PerCompletedItem.class, name = "per-completed-item"),
    @JsonSubTypes.Type(value = AllOrNothing.class, name = "all-or-nothing"),
    @JsonSubTypes.Type(value = Veto.class, name = "veto"),
    @JsonSubTypes.Type(value = Judged.class, name = "judged"),
    @JsonSubTypes.Type(value = Converted.class, name = "converted"),
    @JsonSubTypes.Type(value = BasePlusAdjustments.class, name = "base-plus-adjustments")
})
public sealed interface ScoringRule
        permits DeductionPerIncident, QuantifiedRate, Shortfall, Threshold, PerCompletedItem,
                AllOrNothing, Veto, Judged, Converted, BasePlusAdjustments {

    /** The original 评分标准 text, kept verbatim for display. */
    String wording();

    /** The values an assessor must enter to score an item under this rule, in form order. */
    List<MeasureSpec> measures();

    /**
     * Every problem with this rule's parameters for an item worth {@code points}, each naming the
     * parameter in Chinese and English; empty when the rule is usable.
     */
    List<String> problems(BigDecimal points);
}
