package io.kaohe.scoring.rules;

import io.kaohe.contracts.rubric.Adjustment;
import io.kaohe.contracts.rubric.AllOrNothing;
import io.kaohe.contracts.rubric.BasePlusAdjustments;
import io.kaohe.contracts.rubric.Converted;
import io.kaohe.contracts.rubric.DeductionPerIncident;
import io.kaohe.contracts.rubric.InvalidMeasurementException;
import io.kaohe.contracts.rubric.Judged;
import io.kaohe.contracts.rubric.MeasureSpec;
import io.kaohe.contracts.rubric.Measurements;
import io.kaohe.contracts.rubric.PerCompletedItem;
import io.kaohe.contracts.rubric.QuantifiedRate;
import io.kaohe.contracts.rubric.ScoringRule;
import io.kaohe.contracts.rubric.Shortfall;
import io.kaohe.contracts.rubric.ShortfallTerm;
import io.kaohe.contracts.rubric.Threshold;
import io.kaohe.contracts.rubric.Veto;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Scores one item under its {@link ScoringRule} from the measured values, with an explanation in
 * the words of the results table.
 *
 * <p><b>Arithmetic.</b> Everything is {@link BigDecimal}, never binary floating point. Sums and
 * products are exact; divisions (quantified rate, converted sub-score) use
 * {@link MathContext#DECIMAL128}. Floors ("扣完为止" = not below 0) and caps (never above the item's
 * points) apply to the exact value. Only the final score is rounded: to 2 decimal places with
 * {@link RoundingMode#HALF_UP}, e.g. 1 of 3 activities × 0.5 = 0.1666… → 0.17, 2 of 3 → 0.33.
 *
 * <p>Stateless and thread-safe.
 */
public final class RuleEvaluator {

    /** Scores are published with two decimal places (0.37, 2.87). */
    private static final int SCORE_SCALE = 2;

    /**
     * @throws IllegalArgumentException     if the rule's parameters are invalid for {@code points}
     *                                      (see {@link ScoringRule#problems(BigDecimal)})
     * @throws InvalidMeasurementException if a measured value is missing, of the wrong kind or out
     *                                      of range for this rule
     */
    public RuleOutcome evaluate(ScoringRule rule, BigDecimal points, Measurements measured) {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(measured, "measured");
        List<String> problems = rule.problems(points);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("评分标准参数有误 / invalid scoring rule: " + String.join("; ", problems));
        }
        // Check every value before any arithmetic, so the first problem reported is the first field.
        rule.measures().forEach(measured::read);

        Scored scored = score(rule, points, measured);
        BigDecimal score = scored.exact.max(BigDecimal.ZERO).min(points).setScale(SCORE_SCALE, RoundingMode.HALF_UP);
        return new RuleOutcome(score, scored.why + "，得" + score.toPlainString() + "分");
    }

    /** The exact, unrounded score and the explanation so far. */
    private record Scored(BigDecimal exact, String why) {
    }

    private static Scored score(ScoringRule rule, BigDecimal points, Measurements measured) {
        if (rule instanceof DeductionPerIncident r) {
            return deductionPerIncident(r, points, measured);
        } else if (rule instanceof QuantifiedRate r) {
            return quantifiedRate(r, points, measured);
        } else if (rule instanceof Shortfall r) {
            return shortfall(r, points, measured);
        } else if (rule instanceof Threshold r) {
            return threshold(r, points, measured);
        } else if (rule instanceof PerCompletedItem r) {
            return perCompletedItem(r, points, measured);
        } else if (rule instanceof AllOrNothing r) {
            return measured.flag(spec(r, AllOrNothing.COMPLETED))
                    ? new Scored(points, "已完成，计满分")
                    : new Scored(BigDecimal.ZERO, "未完成，不计分");
        } else if (rule instanceof Veto r) {
            BigDecimal incidents = measured.number(spec(r, Veto.INCIDENTS));
            return incidents.signum() == 0
                    ? new Scored(points, "未发生事件，计满分")
                    : new Scored(BigDecimal.ZERO, "发生" + plain(incidents) + "起，不计分");
        } else if (rule instanceof Judged r) {
            return judged(r, points, measured);
        } else if (rule instanceof Converted r) {
            return converted(r, points, measured);
        } else if (rule instanceof BasePlusAdjustments r) {
            return basePlusAdjustments(r, measured);
        }
        throw new IllegalStateException("unknown rule type " + rule.getClass().getName());
    }

    private static Scored deductionPerIncident(DeductionPerIncident rule, BigDecimal points, Measurements measured) {
        BigDecimal incidents = measured.number(spec(rule, DeductionPerIncident.INCIDENTS));
        if (incidents.signum() == 0) {
            return new Scored(points, "未发生，不扣分");
        }
        BigDecimal deduction = incidents.multiply(rule.deductionPerIncident());
        String why = "发生" + plain(incidents) + "起，每起扣" + plain(rule.deductionPerIncident()) + "分，扣" + plain(deduction) + "分";
        return deductFromPoints(points, deduction, why);
    }

    private static Scored quantifiedRate(QuantifiedRate rule, BigDecimal points, Measurements measured) {
        BigDecimal actual = measured.number(spec(rule, QuantifiedRate.ACTUAL));
        MeasureSpec requiredSpec = spec(rule, QuantifiedRate.REQUIRED);
        BigDecimal required = measured.number(requiredSpec);
        if (required.signum() == 0) {
            throw Measurements.invalid(requiredSpec, "必须大于0", "must be > 0, was 0");
        }
        BigDecimal rate = actual.divide(required, MathContext.DECIMAL128);
        String why = "实际完成" + plain(actual) + "，应完成" + plain(required)
                + "，得分=" + plain(actual) + "÷" + plain(required) + "×" + plain(points);
        if (rate.compareTo(BigDecimal.ONE) > 0) {
            return new Scored(points, why + "，超额完成按满分计");
        }
        return new Scored(points.multiply(rate), why);
    }

    private static Scored shortfall(Shortfall rule, BigDecimal points, Measurements measured) {
        BigDecimal total = BigDecimal.ZERO;
        List<String> parts = new ArrayList<>();
        for (ShortfallTerm term : rule.terms()) {
            BigDecimal shortBy = measured.number(spec(rule, term.label()));
            BigDecimal deduction = shortBy.multiply(term.deductionPerUnit());
            total = total.add(deduction);
            parts.add(shortBy.signum() == 0
                    ? term.label() + "无短少"
                    : "少" + plain(shortBy) + term.label() + "，每" + term.label() + "扣" + plain(term.deductionPerUnit())
                            + "分，扣" + plain(deduction) + "分");
        }
        String why = String.join("；", parts);
        if (parts.size() > 1) {
            why += "；共扣" + plain(total) + "分";
        }
        return deductFromPoints(points, total, why);
    }

    private static Scored threshold(Threshold rule, BigDecimal points, Measurements measured) {
        BigDecimal rate = measured.number(spec(rule, Threshold.RATE));
        BigDecimal below = rule.threshold().subtract(rate);
        if (below.signum() <= 0) {
            return new Scored(points, "完成率" + plain(rate) + "%，达到" + plain(rule.threshold()) + "%，不扣分");
        }
        BigDecimal deduction = below.multiply(rule.deductionPerPointBelow());
        String why = "完成率" + plain(rate) + "%，低于" + plain(rule.threshold()) + "%共" + plain(below)
                + "个百分点，每个百分点扣" + plain(rule.deductionPerPointBelow()) + "分，扣" + plain(deduction) + "分";
        return deductFromPoints(points, deduction, why);
    }

    private static Scored perCompletedItem(PerCompletedItem rule, BigDecimal points, Measurements measured) {
        BigDecimal items = measured.number(spec(rule, PerCompletedItem.ITEMS_COMPLETED));
        BigDecimal earned = items.multiply(rule.pointsPerItem());
        String why = "完成" + plain(items) + "项，每项计" + plain(rule.pointsPerItem()) + "分";
        if (earned.compareTo(points) > 0) {
            return new Scored(points, why + "，计" + plain(earned) + "分，以分值" + plain(points) + "分为上限");
        }
        return new Scored(earned, why);
    }

    private static Scored judged(Judged rule, BigDecimal points, Measurements measured) {
        MeasureSpec scoreSpec = spec(rule, Judged.SCORE);
        BigDecimal score = measured.number(scoreSpec);
        if (score.compareTo(points) > 0) {
            throw Measurements.invalid(scoreSpec, "不能超过分值" + plain(points) + "分，实际为" + plain(score),
                    "must be within [0, " + plain(points) + "], was " + plain(score));
        }
        String reason = measured.text(spec(rule, Judged.REASON)).strip();
        return new Scored(score, "评定" + plain(score) + "分，理由：" + reason);
    }

    private static Scored converted(Converted rule, BigDecimal points, Measurements measured) {
        MeasureSpec subScoreSpec = spec(rule, Converted.SUB_SCORE);
        BigDecimal subScore = measured.number(subScoreSpec);
        if (subScore.compareTo(rule.subMaximum()) > 0) {
            throw Measurements.invalid(subScoreSpec,
                    "不能超过细则满分" + plain(rule.subMaximum()) + "分，实际为" + plain(subScore),
                    "must be within [0, " + plain(rule.subMaximum()) + "], was " + plain(subScore));
        }
        // Multiply first, divide once: one DECIMAL128 rounding instead of two.
        BigDecimal exact = subScore.multiply(points).divide(rule.subMaximum(), MathContext.DECIMAL128);
        return new Scored(exact, "按" + rule.scheme() + "得" + plain(subScore) + "分（满分" + plain(rule.subMaximum())
                + "分），折算" + plain(subScore) + "÷" + plain(rule.subMaximum()) + "×" + plain(points));
    }

    private static Scored basePlusAdjustments(BasePlusAdjustments rule, Measurements measured) {
        StringBuilder why = new StringBuilder("基础分" + plain(rule.base()) + "分");
        BigDecimal bonuses = sumOnce(measured.adjustments(spec(rule, BasePlusAdjustments.BONUSES)), "加分", "+", why);
        BigDecimal penalties = sumOnce(measured.adjustments(spec(rule, BasePlusAdjustments.PENALTIES)), "扣分", "−", why);
        BigDecimal total = rule.base().add(bonuses).subtract(penalties);
        why.append("；合计").append(plain(total)).append("分");
        if (total.compareTo(rule.cap()) > 0) {
            why.append("，最高得分为").append(plain(rule.cap())).append("分");
            return new Scored(rule.cap(), why.toString());
        }
        if (total.signum() < 0) {
            why.append("，最低为0分");
            return new Scored(BigDecimal.ZERO, why.toString());
        }
        return new Scored(total, why.toString());
    }

    /**
     * "单项不重复计分": each item counts once, by name; when an item is entered more than once the
     * highest amount counts ("加分、扣分均取最高分"). Appends the items to {@code why}.
     */
    private static BigDecimal sumOnce(List<Adjustment> adjustments, String heading, String sign, StringBuilder why) {
        Map<String, BigDecimal> highest = new LinkedHashMap<>();
        List<String> repeated = new ArrayList<>();
        for (Adjustment adjustment : adjustments) {
            String item = adjustment.item().strip();
            BigDecimal previous = highest.get(item);
            if (previous != null && !repeated.contains(item)) {
                repeated.add(item);
            }
            if (previous == null || adjustment.amount().compareTo(previous) > 0) {
                highest.put(item, adjustment.amount());
            }
        }
        if (highest.isEmpty()) {
            why.append("；无").append(heading);
            return BigDecimal.ZERO;
        }
        List<String> parts = new ArrayList<>();
        highest.forEach((item, amount) -> parts.add(item + sign + plain(amount)));
        why.append("；").append(heading).append("：").append(String.join("、", parts));
        if (!repeated.isEmpty()) {
            why.append("（").append(String.join("、", repeated)).append("单项不重复计分，取最高分）");
        }
        return highest.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** points − deduction, floored at 0 ("扣完为止"). */
    private static Scored deductFromPoints(BigDecimal points, BigDecimal deduction, String why) {
        if (deduction.compareTo(points) >= 0) {
            return new Scored(BigDecimal.ZERO, why + "，扣完为止");
        }
        return new Scored(points.subtract(deduction), why);
    }

    private static MeasureSpec spec(ScoringRule rule, String name) {
        return rule.measures().stream()
                .filter(measure -> measure.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(rule.getClass().getSimpleName() + " does not measure " + name));
    }

    /** A parameter or measured value as a person would write it: 0.1, 3, 95. */
    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
