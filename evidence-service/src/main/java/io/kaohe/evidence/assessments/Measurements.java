package io.kaohe.evidence.assessments;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.contracts.rubric.MeasureKind;
import io.kaohe.contracts.rubric.MeasureSpec;
import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.evidence.access.Faults;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks what a unit enters for an item against the item's rule: the self-score within
 * [0, points] with two decimals, and each measured value of the kind its {@link MeasureSpec} says.
 * Values are normalized for storage and events: counts as longs, decimals as BigDecimal,
 * adjustments as {@code {"item", "amount"}} maps.
 */
final class Measurements {

    static final int MAX_TEXT = 2000;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Measurements() {
    }

    static List<MeasureSpec> specs(UnitItem item) {
        return item.rule() == null ? List.of() : item.rule().measures();
    }

    static void checkScore(UnitItem item, BigDecimal score, String at, Faults faults) {
        if (score == null) {
            return;
        }
        if (score.signum() < 0 || score.compareTo(item.points()) > 0) {
            faults.add(at + ".selfScore", "evidence.score.out-of-range", item.points().toPlainString());
        } else if (score.stripTrailingZeros().scale() > 2) {
            faults.add(at + ".selfScore", "evidence.score.scale");
        }
    }

    /** The given values, checked and normalized; a JSON null leaves a value out (a draft may be partial). */
    static Map<String, Object> check(UnitItem item, Map<String, JsonNode> given, String at, Faults faults) {
        Map<String, MeasureSpec> specs = specs(item).stream()
                .collect(Collectors.toMap(MeasureSpec::name, s -> s, (a, b) -> a, LinkedHashMap::new));
        Map<String, Object> values = new LinkedHashMap<>();
        if (given == null) {
            return values;
        }
        for (Map.Entry<String, JsonNode> entry : given.entrySet()) {
            String field = at + ".measured." + entry.getKey();
            MeasureSpec spec = specs.get(entry.getKey());
            if (spec == null) {
                faults.add(field, "evidence.measure.unknown", entry.getKey(),
                        specs.isEmpty() ? "—" : String.join(", ", specs.keySet()));
                continue;
            }
            JsonNode value = entry.getValue();
            if (value == null || value.isNull()) {
                continue;
            }
            Object normalized = normalize(spec.kind(), value);
            if (normalized == null) {
                faults.add(field, "evidence.measure." + spec.kind().name().toLowerCase());
            } else {
                values.put(spec.name(), normalized);
            }
        }
        return values;
    }

    /** For submission: a self-score and every measured value the rule needs, texts not blank. */
    static void requireComplete(UnitItem item, BigDecimal score, Map<String, Object> measured, String at,
                                Faults faults) {
        if (score == null) {
            faults.add(at + ".selfScore", "evidence.measure.missing");
        }
        for (MeasureSpec spec : specs(item)) {
            Object value = measured.get(spec.name());
            if (value == null) {
                faults.add(at + ".measured." + spec.name(), "evidence.measure.missing");
            } else if (spec.kind() == MeasureKind.TEXT && value.toString().isBlank()) {
                faults.add(at + ".measured." + spec.name(), "evidence.measure.text-blank");
            }
        }
    }

    private static Object normalize(MeasureKind kind, JsonNode value) {
        return switch (kind) {
            case COUNT -> {
                BigDecimal number = number(value);
                if (number == null || number.signum() < 0 || number.stripTrailingZeros().scale() > 0
                        || number.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
                    yield null;
                }
                yield number.longValueExact();
            }
            case DECIMAL -> {
                BigDecimal number = number(value);
                yield number == null || number.signum() < 0 ? null : number;
            }
            case PERCENT -> {
                BigDecimal number = number(value);
                yield number == null || number.signum() < 0 || number.compareTo(HUNDRED) > 0 ? null : number;
            }
            case BOOLEAN -> value.isBoolean() ? value.booleanValue() : null;
            case TEXT -> value.isTextual() && value.textValue().length() <= MAX_TEXT ? value.textValue() : null;
            case ADJUSTMENTS -> adjustments(value);
        };
    }

    private static BigDecimal number(JsonNode value) {
        return value.isNumber() ? value.decimalValue() : null;
    }

    private static List<Map<String, Object>> adjustments(JsonNode value) {
        if (!value.isArray()) {
            return null;
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isObject() || element.size() != 2) {
                return null;
            }
            JsonNode item = element.get("item");
            JsonNode amount = element.get("amount");
            if (item == null || !item.isTextual() || item.textValue().isBlank() || item.textValue().length() > MAX_TEXT
                    || amount == null || !amount.isNumber() || amount.decimalValue().signum() < 0) {
                return null;
            }
            Map<String, Object> adjustment = new LinkedHashMap<>();
            adjustment.put("item", item.textValue());
            adjustment.put("amount", amount.decimalValue());
            list.add(adjustment);
        }
        return list;
    }
}
