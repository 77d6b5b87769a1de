package io.kaohe.evidence.assessments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.contracts.rubric.Adjustment;
import io.kaohe.contracts.rubric.InvalidMeasurementException;
import io.kaohe.contracts.rubric.MeasureKind;
import io.kaohe.contracts.rubric.MeasureSpec;
import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.support.problems.Faults;
import io.kaohe.support.events.EventJson;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.i18n.LocaleContextHolder;

/**
 * What a unit enters for an item, checked against the item's rule: the self-score within [0, points]
 * with two decimals, and each measured value by the platform's one reading of its {@link MeasureSpec}
 * ({@link io.kaohe.contracts.rubric.Measurements}). What this adds is the self-assessment's own: a draft
 * may be partial (a JSON null leaves a value out, a text may still be blank) while a submission needs
 * every value; a value the rule does not ask for is refused; values are kept in the form stored and
 * published in SelfAssessmentSubmitted: counts as longs, decimals as BigDecimal, adjustments as
 * {@code {"item", "amount"}} maps.
 */
final class Measurements {

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
            Object value = plain(entry.getValue());
            if (value == null) {
                continue;
            }
            if (spec.kind() == MeasureKind.TEXT && value instanceof String text && text.isBlank()) {
                values.put(spec.name(), text); // not written yet: submission asks for it
                continue;
            }
            try {
                values.put(spec.name(), stored(spec, io.kaohe.contracts.rubric.Measurements.check(spec, value)));
            } catch (InvalidMeasurementException e) {
                faults.addText(field, e.message(LocaleContextHolder.getLocale()));
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
            } else {
                io.kaohe.contracts.rubric.Measurements.faultOf(spec, value).ifPresent(fault -> faults.addText(
                        at + ".measured." + spec.name(), fault.message(LocaleContextHolder.getLocale())));
            }
        }
    }

    /** A JSON value as plain Java (decimals exact), as the check reads it; null for JSON null. */
    private static Object plain(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            return EventJson.mapper().treeToValue(value, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The checked value as stored and published: a count as a long, adjustments as {"item", "amount"} maps. */
    private static Object stored(MeasureSpec spec, Object checked) {
        return switch (spec.kind()) {
            case COUNT -> ((BigDecimal) checked).longValueExact();
            case ADJUSTMENTS -> {
                @SuppressWarnings("unchecked")
                List<Adjustment> adjustments = (List<Adjustment>) checked;
                yield adjustments.stream().map(a -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("item", a.item());
                    entry.put("amount", a.amount());
                    return entry;
                }).toList();
            }
            default -> checked;
        };
    }
}
