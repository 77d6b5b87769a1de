package io.kaohe.contracts.rubric;

import io.kaohe.contracts.rubric.MeasureFault.Problem;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The one reading of a rule's {@link MeasureSpec}s, for every service that takes measured values:
 * what each {@link MeasureKind} accepts, and the values an assessor measured for one item, by name.
 *
 * <p>Accepted Java values are those a JSON reader gives (or an event carries): numbers as
 * {@link BigDecimal}, {@link BigInteger}, {@link Long}, {@link Integer}, {@link Short} or {@link Byte}
 * (never {@code double}/{@code float}: scores are exact decimals); {@link Boolean}; {@link String};
 * and for adjustments a list of {@link Adjustment}s or of {@code {"item": …, "amount": …}} maps.
 * A checked value comes back normalised: numbers as BigDecimal, adjustments as {@code List<Adjustment>}.
 * A refused one raises {@link InvalidMeasurementException} with a {@link MeasureFault} naming the value.
 *
 * <p>As a value, an immutable map of measured values checked against the rule's specs when read;
 * values the rule does not ask for are ignored.
 */
public final class Measurements {

    /** The longest text (a judged score's reason, an adjustment's item) a value may have. */
    public static final int MAX_TEXT = 2000;
    /** The largest count: incidents, people, items done. */
    public static final long MAX_COUNT = Integer.MAX_VALUE;

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final Set<String> ADJUSTMENT_FIELDS = Set.of("item", "amount");

    private final Map<String, Object> values;

    private Measurements(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static Measurements empty() {
        return new Measurements(new LinkedHashMap<>());
    }

    public static Measurements of(Map<String, ?> values) {
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((name, value) -> copy.put(Objects.requireNonNull(name, "measure name"), value));
        return new Measurements(copy);
    }

    /** A copy with {@code name} set to {@code value}. */
    public Measurements with(String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(Objects.requireNonNull(name, "measure name"), value);
        return new Measurements(copy);
    }

    /**
     * Checks one value against its spec; returns it normalised (numbers as BigDecimal, adjustments as
     * {@code List<Adjustment>}).
     *
     * @throws InvalidMeasurementException naming the value and what is wrong with it
     */
    public static Object check(MeasureSpec spec, Object value) {
        if (value == null || (value instanceof String text && text.isBlank())) {
            throw invalid(spec, Problem.MISSING, "缺少测量值", "missing");
        }
        return switch (spec.kind()) {
            case COUNT, DECIMAL, PERCENT -> checkNumber(spec, value);
            case BOOLEAN -> checkType(spec, value, Boolean.class);
            case TEXT -> checkText(spec, value);
            case ADJUSTMENTS -> checkAdjustments(spec, value);
        };
    }

    /** What is wrong with one value for its spec, if anything: for callers that collect every fault. */
    public static Optional<MeasureFault> faultOf(MeasureSpec spec, Object value) {
        try {
            check(spec, value);
            return Optional.empty();
        } catch (InvalidMeasurementException e) {
            return Optional.of(e.fault());
        }
    }

    /** A COUNT, DECIMAL or PERCENT value, checked against its kind. */
    public BigDecimal number(MeasureSpec spec) {
        return (BigDecimal) read(spec);
    }

    public boolean flag(MeasureSpec spec) {
        return (Boolean) read(spec);
    }

    public String text(MeasureSpec spec) {
        return (String) read(spec);
    }

    @SuppressWarnings("unchecked")
    public List<Adjustment> adjustments(MeasureSpec spec) {
        return (List<Adjustment>) read(spec);
    }

    /** The value for {@code spec}, normalised, or an exception naming it. */
    public Object read(MeasureSpec spec) {
        return check(spec, values.get(spec.name()));
    }

    private static Object checkType(MeasureSpec spec, Object value, Class<?> expected) {
        if (expected.isInstance(value)) {
            return value;
        }
        throw wrongKind(spec, value);
    }

    private static String checkText(MeasureSpec spec, Object value) {
        String text = (String) checkType(spec, value, String.class);
        if (text.length() > MAX_TEXT) {
            throw invalid(spec, Problem.TOO_LONG, "不能超过" + MAX_TEXT + "字，实际为" + text.length() + "字",
                    "must be at most " + MAX_TEXT + " characters, was " + text.length());
        }
        return text;
    }

    private static BigDecimal checkNumber(MeasureSpec spec, Object value) {
        if (value instanceof Double || value instanceof Float) {
            throw invalid(spec, Problem.BINARY_FLOATING_POINT, "不接受二进制浮点数 " + value + "，请用 BigDecimal",
                    "binary floating point " + value + " is not accepted, use BigDecimal");
        }
        BigDecimal number = toDecimal(value);
        if (number == null) {
            throw wrongKind(spec, value);
        }
        if (number.signum() < 0) {
            throw invalid(spec, Problem.NEGATIVE, "不能为负，实际为 " + number.toPlainString(),
                    "must not be negative, was " + number.toPlainString());
        }
        if (spec.kind() == MeasureKind.COUNT && number.stripTrailingZeros().scale() > 0) {
            throw invalid(spec, Problem.NOT_WHOLE, "必须是整数，实际为 " + number.toPlainString(),
                    "must be a whole number, was " + number.toPlainString());
        }
        if (spec.kind() == MeasureKind.COUNT && number.compareTo(BigDecimal.valueOf(MAX_COUNT)) > 0) {
            throw invalid(spec, Problem.TOO_LARGE, "不能超过" + MAX_COUNT + "，实际为 " + number.toPlainString(),
                    "must be at most " + MAX_COUNT + ", was " + number.toPlainString());
        }
        if (spec.kind() == MeasureKind.PERCENT && number.compareTo(HUNDRED) > 0) {
            throw invalid(spec, Problem.TOO_LARGE, "不能超过100，实际为 " + number.toPlainString(),
                    "must be at most 100, was " + number.toPlainString());
        }
        return number;
    }

    private static BigDecimal toDecimal(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof BigInteger integer) {
            return new BigDecimal(integer);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        return null;
    }

    private static List<Adjustment> checkAdjustments(MeasureSpec spec, Object value) {
        if (!(value instanceof Collection<?> list)) {
            throw wrongKind(spec, value);
        }
        List<Adjustment> adjustments = new ArrayList<>();
        int position = 0;
        for (Object element : list) {
            position++;
            Adjustment adjustment = adjustment(element);
            if (adjustment == null) {
                throw invalid(spec, Problem.BAD_ADJUSTMENT, "第" + position + "项不是加扣分项（只含 item 与 amount）",
                        "entry " + position + " is not an Adjustment (item and amount, nothing else)");
            }
            if (adjustment.item() == null || adjustment.item().isBlank()) {
                throw invalid(spec, Problem.BAD_ADJUSTMENT, "第" + position + "项缺少事项名称",
                        "entry " + position + " has no item");
            }
            if (adjustment.item().length() > MAX_TEXT) {
                throw invalid(spec, Problem.BAD_ADJUSTMENT, "第" + position + "项事项名称超过" + MAX_TEXT + "字",
                        "entry " + position + " has an item longer than " + MAX_TEXT + " characters");
            }
            if (adjustment.amount() == null || adjustment.amount().signum() < 0) {
                throw invalid(spec, Problem.BAD_ADJUSTMENT, "第" + position + "项「" + adjustment.item() + "」分数必须为非负数",
                        "entry " + position + " (" + adjustment.item() + ") must have a non-negative amount, was "
                                + adjustment.amount());
            }
            adjustments.add(adjustment);
        }
        return List.copyOf(adjustments);
    }

    /** An entry as an Adjustment: itself, or its JSON form {"item": text, "amount": number}; null if neither. */
    private static Adjustment adjustment(Object element) {
        if (element instanceof Adjustment adjustment) {
            return adjustment;
        }
        if (element instanceof Map<?, ?> map && map.keySet().equals(ADJUSTMENT_FIELDS)
                && (map.get("item") == null || map.get("item") instanceof String)) {
            Object amount = map.get("amount");
            if (amount instanceof Double || amount instanceof Float || (amount != null && toDecimal(amount) == null)) {
                return null;
            }
            return new Adjustment((String) map.get("item"), amount == null ? null : toDecimal(amount));
        }
        return null;
    }

    private static InvalidMeasurementException wrongKind(MeasureSpec spec, Object value) {
        String was = value + " (" + value.getClass().getSimpleName() + ")";
        return invalid(spec, Problem.WRONG_KIND, "类型不符，实际为 " + was, "wrong kind, was " + was);
    }

    /**
     * A value the rule refuses in its own terms (e.g. a judged score above the item's points), worded
     * like every other fault: "测量值「score」（评定得分）应为非负小数，{chinese} / measured value 'score' (DECIMAL): {english}".
     */
    public static InvalidMeasurementException invalid(MeasureSpec spec, String chineseProblem, String englishProblem) {
        return invalid(spec, Problem.REFUSED_BY_RULE, chineseProblem, englishProblem);
    }

    private static InvalidMeasurementException invalid(MeasureSpec spec, Problem problem, String chineseProblem,
                                                        String englishProblem) {
        return new InvalidMeasurementException(new MeasureFault(spec.name(), spec.kind(), problem,
                "测量值「" + spec.name() + "」（" + spec.label() + "）应为" + chinese(spec.kind()) + "，" + chineseProblem,
                "measured value '" + spec.name() + "' (" + spec.kind() + "): " + englishProblem));
    }

    private static String chinese(MeasureKind kind) {
        return switch (kind) {
            case COUNT -> "非负整数";
            case DECIMAL -> "非负小数";
            case PERCENT -> "0到100之间的百分数";
            case BOOLEAN -> "是或否";
            case TEXT -> "非空文字";
            case ADJUSTMENTS -> "加扣分项列表";
        };
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Measurements that && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "Measurements" + values;
    }
}
