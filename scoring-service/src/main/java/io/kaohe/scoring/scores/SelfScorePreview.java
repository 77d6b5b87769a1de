package io.kaohe.scoring.scores;

import io.kaohe.contracts.rubric.InvalidMeasurementException;
import io.kaohe.contracts.rubric.Judged;
import io.kaohe.contracts.rubric.MeasureSpec;
import io.kaohe.contracts.rubric.Measurements;
import io.kaohe.contracts.rubric.ScoringRule;
import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.scoring.rules.RuleEvaluator;
import io.kaohe.scoring.rules.RuleOutcome;
import io.kaohe.support.problems.Faults;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;

/**
 * What a unit's self-assessment values give under the item's rule, before anything is submitted:
 * the same {@link RuleEvaluator} and the same "nothing happened" starting values as
 * {@link ItemScorer#selfScore}, so the points shown while typing are the points the unit's
 * self-score layer will get. Side-effect free.
 */
final class SelfScorePreview {

    private static final RuleEvaluator EVALUATOR = new RuleEvaluator();

    private SelfScorePreview() {
    }

    /**
     * The points (null while a value the rule needs is still missing, named in {@code missing}),
     * the item's maximum, the rule's explanation and the points lost.
     */
    record Preview(String itemCode, BigDecimal points, BigDecimal maximum, BigDecimal deducted, String explanation,
                   String rule, List<String> missing) {
    }

    /**
     * @param measured  the values as the self-assessment carries them (JSON nulls already left out)
     * @param selfScore the unit's self-score, taken as the judged score under a judged rule when no
     *                  {@code score} value is given
     * @throws io.kaohe.support.problems.ProblemException 400 with each bad value located at
     *                                                    {@code measured.<name>}, in the caller's language
     */
    static Preview of(UnitItem item, Map<String, Object> measured, BigDecimal selfScore, MessageSource messages,
                      Locale locale) {
        ScoringRule rule = item.rule();
        Map<String, MeasureSpec> specs = new LinkedHashMap<>();
        rule.measures().forEach(spec -> specs.put(spec.name(), spec));

        Faults faults = new Faults(messages);
        Map<String, Object> values = ItemScorer.startingValues(rule);
        measured.forEach((name, value) -> {
            if (!specs.containsKey(name)) {
                faults.add("measured." + name, "scoring.preview.measure-unknown", name, String.join("、", specs.keySet()));
            } else if (value != null) {
                values.put(name, value);
            }
        });
        boolean judgedBySelfScore = rule instanceof Judged && values.get(Judged.SCORE) == null && selfScore != null;
        if (judgedBySelfScore) {
            values.put(Judged.SCORE, selfScore);
        }
        List<String> missing = new ArrayList<>();
        for (MeasureSpec spec : specs.values()) {
            Object value = values.get(spec.name());
            if (value == null || (value instanceof String text && text.isBlank())) {
                missing.add(spec.name());
                continue;
            }
            try {
                Measurements.check(spec, value);
            } catch (InvalidMeasurementException e) {
                faults.addText(location(e, judgedBySelfScore), e.message(locale));
            }
        }
        faults.throwIfAny("scoring.preview.invalid");
        BigDecimal maximum = item.points();
        if (!missing.isEmpty()) {
            return new Preview(item.itemCode(), null, maximum, null, null, rule.wording(), List.copyOf(missing));
        }
        RuleOutcome outcome;
        try {
            outcome = EVALUATOR.evaluate(rule, maximum, Measurements.of(values));
        } catch (InvalidMeasurementException e) {
            // Fine alone, not together (e.g. 0 activities required, a judged score above the points).
            faults.addText(location(e, judgedBySelfScore), e.message(locale));
            faults.throwIfAny("scoring.preview.invalid");
            throw e;
        }
        BigDecimal deducted = maximum.setScale(2, RoundingMode.HALF_UP).subtract(outcome.score()).max(BigDecimal.ZERO);
        return new Preview(item.itemCode(), outcome.score(), maximum, deducted, outcome.explanation(), rule.wording(),
                List.of());
    }

    /** Where the form has the value: the self-score field when it stood for the judged score. */
    private static String location(InvalidMeasurementException e, boolean judgedBySelfScore) {
        return judgedBySelfScore && Judged.SCORE.equals(e.measure()) ? "selfScore" : "measured." + e.measure();
    }
}
