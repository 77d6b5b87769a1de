package io.kaohe.scoring.scores;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.contracts.InputLimits;
import io.kaohe.support.problems.Faults;
import java.math.BigDecimal;

/** Numbers in request bodies, read exactly (never through double) with a fault naming the field when they are not. */
public final class JsonNumbers {

    private JsonNumbers() {
    }

    /** A JSON number as an exact, non-negative decimal; null when absent; a fault at {@code location} if anything else. */
    public static BigDecimal decimal(Faults faults, String location, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (!node.isNumber()) {
            faults.add(location, "scoring.decision.not-a-number",
                    InputLimits.excerpt(node.isTextual() ? node.textValue() : node.toString()));
            return null;
        }
        if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
            // 1e309 is read as infinity: no decimal has that value
            faults.add(location, "input.points", InputLimits.POINTS_MIN, InputLimits.POINTS_MAX, node.asText());
            return null;
        }
        BigDecimal value = node.isIntegralNumber() ? new BigDecimal(node.bigIntegerValue()) : node.decimalValue();
        if (value.signum() < 0) {
            faults.add(location, "scoring.decision.negative", value.toPlainString());
            return null;
        }
        return value;
    }
}
