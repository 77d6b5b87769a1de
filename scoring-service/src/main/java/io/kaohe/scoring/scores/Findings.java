package io.kaohe.scoring.scores;

import io.kaohe.contracts.rubric.AllOrNothing;
import io.kaohe.contracts.rubric.Converted;
import io.kaohe.contracts.rubric.DeductionPerIncident;
import io.kaohe.contracts.rubric.Judged;
import io.kaohe.contracts.rubric.PerCompletedItem;
import io.kaohe.contracts.rubric.QuantifiedRate;
import io.kaohe.contracts.rubric.ScoringRule;
import io.kaohe.contracts.rubric.Shortfall;
import io.kaohe.contracts.rubric.ShortfallTerm;
import io.kaohe.contracts.rubric.Threshold;
import io.kaohe.contracts.rubric.Veto;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a measurement or a judgement found, and the points it gave, as one sentence in the words a
 * results table uses: "实际完成37，应完成50，得0.37分", "完成率93.5%，得1.85分". The rule's arithmetic
 * ("得分=37÷50×0.5") belongs to the score sheet's explanation, not here. Pure.
 */
final class Findings {

    private Findings() {
    }

    /** The sentence, or null when the rule's values say nothing a table would print (adjustments). */
    static String of(ScoringRule rule, Map<String, Object> measured, BigDecimal score) {
        String gave = "得" + ItemScorer.plain(score) + "分";
        if (rule instanceof QuantifiedRate) {
            return "实际完成" + number(measured, QuantifiedRate.ACTUAL) + "，应完成"
                    + number(measured, QuantifiedRate.REQUIRED) + "，" + gave;
        } else if (rule instanceof Threshold) {
            return "完成率" + number(measured, Threshold.RATE) + "%，" + gave;
        } else if (rule instanceof Shortfall shortfall) {
            List<String> parts = new ArrayList<>();
            for (ShortfallTerm term : shortfall.terms()) {
                String n = number(measured, term.label());
                if (!n.equals("0")) {
                    parts.add("少" + n + term.label());
                }
            }
            return parts.isEmpty() ? gave : String.join("、", parts) + "，" + gave;
        } else if (rule instanceof PerCompletedItem) {
            return "完成" + number(measured, PerCompletedItem.ITEMS_COMPLETED) + "项，" + gave;
        } else if (rule instanceof AllOrNothing) {
            return (Boolean.TRUE.equals(measured.get(AllOrNothing.COMPLETED)) ? "已完成，" : "未完成，") + gave;
        } else if (rule instanceof Veto) {
            return "发生" + number(measured, Veto.INCIDENTS) + "起，不计分";
        } else if (rule instanceof DeductionPerIncident) {
            return "发生" + number(measured, DeductionPerIncident.INCIDENTS) + "起，" + gave;
        } else if (rule instanceof Converted converted) {
            return "按" + converted.scheme() + "得" + number(measured, Converted.SUB_SCORE) + "分，折合"
                    + ItemScorer.plain(score) + "分";
        } else if (rule instanceof Judged) {
            return "评定" + ItemScorer.plain(score) + "分";
        }
        return null;
    }

    private static String number(Map<String, Object> measured, String name) {
        Object value = measured.get(name);
        return value instanceof BigDecimal b ? ItemScorer.plain(b) : String.valueOf(value);
    }
}
