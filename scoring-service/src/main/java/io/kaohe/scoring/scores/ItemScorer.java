package io.kaohe.scoring.scores;

import io.kaohe.contracts.rubric.Adjustment;
import io.kaohe.contracts.rubric.BasePlusAdjustments;
import io.kaohe.contracts.rubric.DeductionPerIncident;
import io.kaohe.contracts.rubric.Judged;
import io.kaohe.contracts.rubric.MeasureSpec;
import io.kaohe.contracts.rubric.Measurements;
import io.kaohe.contracts.rubric.PerCompletedItem;
import io.kaohe.contracts.rubric.ScoringRule;
import io.kaohe.contracts.rubric.Shortfall;
import io.kaohe.contracts.rubric.ShortfallTerm;
import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.contracts.rubric.Veto;
import io.kaohe.scoring.rules.RuleEvaluator;
import io.kaohe.scoring.rules.RuleOutcome;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores one item of one unit from its rule, the effective decisions on it (not superseded, not
 * withdrawn, in the order recorded) and the unit's self-assessment. Pure and thread-safe: the
 * incremental path (one item after a decision) and the full recompute call exactly this.
 *
 * <p><b>How decisions combine.</b> Measurements start from the rule's "nothing happened" values
 * where the rule has them (0 incidents, no shortfall, no adjustments: 扣分制 items keep full points
 * until a deduction is recorded); a MEASUREMENT overrides measured values (a later one wins per
 * value); JUDGED sets the judged score and its reason; a count-based DEDUCTION or BONUS adds to
 * the rule's count (incidents, a shortfall term, items completed); an amount under a
 * base-plus-adjustments rule becomes a named bonus or penalty (named by {@code item}, else by the
 * reason, so "单项不重复计分" applies); any other amount is deducted from (added to) the rule's
 * score, floored at 0 and capped at the item's points. An item whose rule still lacks a value is
 * not reviewed (null) unless amounts were recorded, which then count from full points.
 *
 * <p><b>Rounding.</b> The rule's score is rounded once, HALF_UP to 2 places; amounts have at most
 * 2 places, so adding them afterwards is exact.
 */
public final class ItemScorer {

    private static final RuleEvaluator EVALUATOR = new RuleEvaluator();
    private static final int SCALE = 2;

    private ItemScorer() {
    }

    public static ItemResult score(UnitItem item, List<Decision> effective, SelfItem self) {
        BigDecimal selfScore = selfScore(item, self);
        ScoringRule rule = item.rule();
        BigDecimal points = item.points();

        Map<String, Object> measured = startingValues(rule);
        List<Adjustment> bonuses = new ArrayList<>();
        List<Adjustment> penalties = new ArrayList<>();
        BigDecimal directDeduction = BigDecimal.ZERO;
        BigDecimal directBonus = BigDecimal.ZERO;
        List<DeductionLine> lines = new ArrayList<>();
        Decision lastAssessment = null;

        for (Decision d : effective) {
            switch (d.kind()) {
                case MEASUREMENT -> {
                    measured.putAll(d.measured());
                    lastAssessment = d;
                }
                case JUDGED -> {
                    measured.put(Judged.SCORE, d.score());
                    measured.put(Judged.REASON, d.reason());
                    lastAssessment = d;
                }
                case DEDUCTION, BONUS -> {
                    boolean deduction = d.kind() == DecisionKind.DEDUCTION;
                    if (d.quantity() != null) {
                        MeasureSpec target = countTarget(rule, d.kind(), d.measure());
                        BigDecimal before = measured.get(target.name()) instanceof BigDecimal b ? b : BigDecimal.ZERO;
                        measured.put(target.name(), before.add(d.quantity()));
                        lines.add(countLine(item, rule, d, target));
                    } else if (rule instanceof BasePlusAdjustments) {
                        String name = d.adjustmentItem() != null && !d.adjustmentItem().isBlank()
                                ? d.adjustmentItem().strip() : d.reason().strip();
                        (deduction ? penalties : bonuses).add(new Adjustment(name, d.amount()));
                        lines.add(line(item, d, deduction ? d.amount() : d.amount().negate()));
                    } else if (deduction) {
                        directDeduction = directDeduction.add(d.amount());
                        lines.add(line(item, d, d.amount()));
                    } else {
                        directBonus = directBonus.add(d.amount());
                        lines.add(line(item, d, d.amount().negate()));
                    }
                }
                case WITHDRAWAL -> {
                    // Never effective: it only marks the decision it supersedes as withdrawn.
                }
            }
        }
        if (rule instanceof BasePlusAdjustments) {
            measured.put(BasePlusAdjustments.BONUSES, bonuses);
            measured.put(BasePlusAdjustments.PENALTIES, penalties);
        }

        boolean complete = rule.measures().stream().allMatch(spec -> measured.get(spec.name()) != null);
        boolean amounts = directDeduction.signum() != 0 || directBonus.signum() != 0;
        BigDecimal base;
        String why;
        if (complete) {
            RuleOutcome outcome = EVALUATOR.evaluate(rule, points, Measurements.of(measured));
            base = outcome.score();
            why = outcome.explanation();
            if (lastAssessment != null && base.compareTo(points) < 0) {
                // A measured or judged loss is a deduction too: keep its reason for the table.
                lines.add(new DeductionLine(lastAssessment.id().toString(), item.itemCode(), lastAssessment.reason(),
                        lastAssessment.source(), date(lastAssessment), points.subtract(base),
                        item.title() + "：" + lastAssessment.reason() + sourceSuffix(lastAssessment) + "，" + why,
                        lastAssessment.decidedBy(), Findings.of(rule, measured, base)));
            }
        } else if (amounts) {
            base = points.setScale(SCALE, RoundingMode.HALF_UP);
            why = "按扣分制自满分" + plain(points) + "分计";
        } else {
            return new ItemResult(item.itemCode(), item.topLevelCode(), points, selfScore, null, null,
                    "未评分", List.copyOf(lines));
        }

        BigDecimal score = base;
        if (amounts) {
            BigDecimal adjusted = base.subtract(directDeduction).add(directBonus);
            StringBuilder text = new StringBuilder(why);
            if (directDeduction.signum() != 0) {
                text.append("；另扣").append(plain(directDeduction)).append("分");
            }
            if (directBonus.signum() != 0) {
                text.append("；另加").append(plain(directBonus)).append("分");
            }
            if (adjusted.signum() < 0) {
                adjusted = BigDecimal.ZERO;
                text.append("，扣完为止");
            } else if (adjusted.compareTo(points) > 0) {
                adjusted = points;
                text.append("，以分值").append(plain(points)).append("分为上限");
            }
            score = adjusted.setScale(SCALE, RoundingMode.HALF_UP);
            why = text.append("，最终得").append(score.toPlainString()).append("分").toString();
        }
        return new ItemResult(item.itemCode(), item.topLevelCode(), points, selfScore, score, null, why,
                List.copyOf(lines));
    }

    /**
     * The measures a count-based decision of this kind adds to: incidents for deductions under a
     * per-incident or veto rule, the shortfall terms, items completed for a bonus under a
     * per-completed-item rule; empty when the rule takes no count.
     */
    public static List<MeasureSpec> countableMeasures(ScoringRule rule, DecisionKind kind) {
        if (kind == DecisionKind.DEDUCTION && (rule instanceof DeductionPerIncident || rule instanceof Veto
                || rule instanceof Shortfall)) {
            return rule.measures();
        }
        if (kind == DecisionKind.BONUS && rule instanceof PerCompletedItem) {
            return rule.measures();
        }
        return List.of();
    }

    /** The unit's self-score: as given (kept within [0, points]), else its measured values under the rule. */
    static BigDecimal selfScore(UnitItem item, SelfItem self) {
        if (self == null) {
            return null;
        }
        if (self.selfScore() != null) {
            return self.selfScore().max(BigDecimal.ZERO).min(item.points()).setScale(SCALE, RoundingMode.HALF_UP);
        }
        if (self.measured() == null || self.measured().isEmpty()) {
            return null;
        }
        try {
            Map<String, Object> values = startingValues(item.rule());
            values.putAll(self.measured());
            return EVALUATOR.evaluate(item.rule(), item.points(), Measurements.of(values)).score();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static MeasureSpec countTarget(ScoringRule rule, DecisionKind kind, String measure) {
        List<MeasureSpec> candidates = countableMeasures(rule, kind);
        for (MeasureSpec spec : candidates) {
            if (measure == null ? candidates.size() == 1 : spec.name().equals(measure)) {
                return spec;
            }
        }
        throw new IllegalStateException("a " + kind + " count cannot apply to " + rule + " (measure " + measure + ")");
    }

    static Map<String, Object> startingValues(ScoringRule rule) {
        Map<String, Object> values = new HashMap<>();
        if (rule instanceof DeductionPerIncident) {
            values.put(DeductionPerIncident.INCIDENTS, BigDecimal.ZERO);
        } else if (rule instanceof Veto) {
            values.put(Veto.INCIDENTS, BigDecimal.ZERO);
        } else if (rule instanceof Shortfall shortfall && shortfall.terms() != null) {
            for (ShortfallTerm term : shortfall.terms()) {
                values.put(term.label(), BigDecimal.ZERO);
            }
        } else if (rule instanceof BasePlusAdjustments) {
            values.put(BasePlusAdjustments.BONUSES, List.of());
            values.put(BasePlusAdjustments.PENALTIES, List.of());
        }
        return values;
    }

    private static DeductionLine countLine(UnitItem item, ScoringRule rule, Decision d, MeasureSpec target) {
        BigDecimal perUnit = null;
        if (rule instanceof DeductionPerIncident r) {
            perUnit = r.deductionPerIncident();
        } else if (rule instanceof Shortfall r) {
            perUnit = r.terms().stream().filter(t -> t.label().equals(target.name())).findFirst()
                    .map(ShortfallTerm::deductionPerUnit).orElse(null);
        } else if (rule instanceof PerCompletedItem r) {
            perUnit = r.pointsPerItem().negate();
        }
        String what = item.title() + "：" + d.reason() + sourceSuffix(d);
        if (rule instanceof Veto) {
            return new DeductionLine(d.id().toString(), item.itemCode(), d.reason(), d.source(), date(d), null,
                    what + "，发生" + plain(d.quantity()) + "起，该项不计分", d.decidedBy());
        }
        BigDecimal points = perUnit == null ? null : perUnit.multiply(d.quantity());
        String q = plain(d.quantity());
        String effect;
        if (rule instanceof DeductionPerIncident) {
            effect = "发生" + q + "起，扣" + plain(points) + "分";
        } else if (rule instanceof PerCompletedItem) {
            effect = "完成" + q + "项，加" + plain(points.negate()) + "分";
        } else if (points != null) {
            effect = "少" + q + target.label() + "，扣" + plain(points) + "分";
        } else {
            effect = q + target.label();
        }
        return new DeductionLine(d.id().toString(), item.itemCode(), d.reason(), d.source(), date(d), points,
                what + "，" + effect, d.decidedBy());
    }

    private static DeductionLine line(UnitItem item, Decision d, BigDecimal points) {
        String effect = points.signum() >= 0 ? "扣" + plain(points) + "分" : "加" + plain(points.negate()) + "分";
        return new DeductionLine(d.id().toString(), item.itemCode(), d.reason(), d.source(), date(d), points,
                item.title() + "：" + d.reason() + sourceSuffix(d) + "，" + effect, d.decidedBy());
    }

    private static String sourceSuffix(Decision d) {
        return d.source() == null || d.source().isBlank() ? "" : "（" + d.source().strip() + "）";
    }

    private static String date(Decision d) {
        return d.decidedOn() == null ? null : d.decidedOn().toString();
    }

    static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
