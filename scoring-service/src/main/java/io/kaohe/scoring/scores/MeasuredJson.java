package io.kaohe.scoring.scores;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kaohe.contracts.rubric.Adjustment;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measured values between JSON and the evaluator's Java values: numbers as exact BigDecimal (never
 * double), booleans, text, and lists of {@code {"item", "amount"}} as {@link Adjustment}s.
 */
public final class MeasuredJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private MeasuredJson() {
    }

    public static Map<String, Object> toJava(JsonNode object) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (object != null && object.isObject()) {
            object.fields().forEachRemaining(field -> values.put(field.getKey(), value(field.getValue())));
        }
        return values;
    }

    /** One JSON value as the evaluator reads it; anything it cannot read is passed as text to be refused there. */
    public static Object value(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isNumber()) {
            return node.isIntegralNumber() ? new BigDecimal(node.bigIntegerValue()) : node.decimalValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            for (JsonNode element : node) {
                if (element.isObject() && element.has("item")) {
                    JsonNode amount = element.get("amount");
                    list.add(new Adjustment(element.get("item").asText(),
                            amount != null && amount.isNumber() ? amount.decimalValue() : null));
                } else {
                    list.add(value(element));
                }
            }
            return list;
        }
        return node.toString();
    }

    public static ObjectNode toJson(Map<String, Object> values) {
        ObjectNode object = NODES.objectNode();
        values.forEach((name, value) -> object.set(name, node(value)));
        return object;
    }

    private static JsonNode node(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof BigDecimal decimal) {
            return NODES.numberNode(decimal);
        }
        if (value instanceof Boolean flag) {
            return NODES.booleanNode(flag);
        }
        if (value instanceof Adjustment adjustment) {
            ObjectNode object = NODES.objectNode();
            object.put("item", adjustment.item());
            object.put("amount", adjustment.amount());
            return object;
        }
        if (value instanceof Collection<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(element -> array.add(node(element)));
            return array;
        }
        return NODES.textNode(String.valueOf(value));
    }
}
