package io.kaohe.scoring.rules;

import io.kaohe.contracts.rubric.Adjustment;
import io.kaohe.contracts.rubric.MeasureKind;
import io.kaohe.contracts.rubric.MeasureSpec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The values an assessor measured for one item, by name (see {@code ScoringRule.measures()}).
 *
 * <p>Values are kept as given and checked against the rule's {@link MeasureSpec}s when read: a
 * missing value or a value of the wrong kind raises {@link InvalidMeasurementException} naming the
 * value and the expected kind. Accepted Java types: numbers as {@link BigDecimal}, {@link BigInteger},
 * {@link Long}, {@link Integer}, {@link Short} or {@link Byte} (never {@code double}/{@code float}:
 * scores are exact decimals); {@link Boolean}; {@link String}; a {@code List<Adjustment>}. Values
 * the rule does not ask for are ignored.
 */
public final class Measurements {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

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
     * Checks one value against its spec exactly as evaluation would, e.g. to refuse a decision
     * before it is recorded; returns it normalised (numbers as BigDecimal).
     *
     * @throws InvalidMeasurementException naming the value and what is wrong with it
     */
    public static Object check(MeasureSpec spec, Object value) {
        Map<String, Object> single = new LinkedHashMap<>();
        single.put(spec.name(), value);
        return new Measurements(single).read(spec);
    }

    /** A COUNT, DECIMAL or PERCENT value, checked against its kind. */
    BigDecimal number(MeasureSpec spec) {
        return (BigDecimal) read(spec);
    }

    boolean flag(MeasureSpec spec) {
        return (Boolean) read(spec);
    }

    String text(MeasureSpec spec) {
        return (String) read(spec);
    }

    @SuppressWarnings("unchecked")
    List<Adjustment> adjustments(MeasureSpec spec) {
        return (List<Adjustment>) read(spec);
    }

    /** The value for {@code spec}, normalised (numbers as BigDecimal), or an exception naming it. */
    Object read(MeasureSpec spec) {
        Object value = values.get(spec.name());
        if (value == null || (value instanceof String text && text.isBlank())) {
            throw invalid(spec, "缺少测量值", "missing");
        }
        return switch (spec.kind()) {
            case COUNT, DECIMAL, PERCENT -> checkNumber(spec, value);
            case BOOLEAN -> checkType(spec, value, Boolean.class);
            case TEXT -> checkType(spec, value, String.class);
            case ADJUSTMENTS -> checkAdjustments(spec, value);
        };
    }

    private static Object checkType(MeasureSpec spec, Object value, Class<?> expected) {
        if (expected.isInstance(value)) {
            return value;
        }
        throw invalid(spec, "类型不符，实际为 " + describe(value), "wrong kind, was " + describe(value));
    }

    private static BigDecimal checkNumber(MeasureSpec spec, Object value) {
        if (value instanceof Double || value instanceof Float) {
            throw invalid(spec, "不接受二进制浮点数 " + value + "，请用 BigDecimal",
                    "binary floating point " + value + " is not accepted, use BigDecimal");
        }
        BigDecimal number = toDecimal(value);
        if (number == null) {
            throw invalid(spec, "类型不符，实际为 " + describe(value), "wrong kind, was " + describe(value));
        }
        if (number.signum() < 0) {
            throw invalid(spec, "不能为负，实际为 " + number.toPlainString(),
                    "must not be negative, was " + number.toPlainString());
        }
        if (spec.kind() == MeasureKind.COUNT && number.stripTrailingZeros().scale() > 0) {
            throw invalid(spec, "必须是整数，实际为 " + number.toPlainString(),
                    "must be a whole number, was " + number.toPlainString());
        }
        if (spec.kind() == MeasureKind.PERCENT && number.compareTo(HUNDRED) > 0) {
            throw invalid(spec, "不能超过100，实际为 " + number.toPlainString(),
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
            throw invalid(spec, "类型不符，实际为 " + describe(value), "wrong kind, was " + describe(value));
        }
        int position = 0;
        for (Object element : list) {
            position++;
            if (!(element instanceof Adjustment adjustment)) {
                throw invalid(spec, "第" + position + "项不是加扣分项", "entry " + position + " is not an Adjustment");
            }
            if (adjustment.item() == null || adjustment.item().isBlank()) {
                throw invalid(spec, "第" + position + "项缺少事项名称", "entry " + position + " has no item");
            }
            if (adjustment.amount() == null || adjustment.amount().signum() < 0) {
                throw invalid(spec, "第" + position + "项「" + adjustment.item() + "」分数必须为非负数",
                        "entry " + position + " (" + adjustment.item() + ") must have a non-negative amount, was "
                                + adjustment.amount());
            }
        }
        @SuppressWarnings("unchecked")
        Collection<Adjustment> adjustments = (Collection<Adjustment>) list;
        return List.copyOf(adjustments);
    }

    private static String describe(Object value) {
        return value + " (" + value.getClass().getSimpleName() + ")";
    }

    /**
     * E.g. "测量值「incidents」（发生起数）应为非负整数，缺少测量值 / measured value 'incidents' (COUNT): missing".
     */
    static InvalidMeasurementException invalid(MeasureSpec spec, String chineseProblem, String englishProblem) {
        return new InvalidMeasurementException(spec.name(), spec.kind(),
                "测量值「" + spec.name() + "」（" + spec.label() + "）应为" + chinese(spec.kind()) + "，" + chineseProblem,
                "measured value '" + spec.name() + "' (" + spec.kind() + "): " + englishProblem);
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
