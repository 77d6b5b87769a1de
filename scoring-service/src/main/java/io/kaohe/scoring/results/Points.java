package io.kaohe.scoring.results;

import java.math.BigDecimal;

/** Points as offices print them: no trailing zeros (1.5, 0.4, 100), never "1.50". */
public final class Points {

    private Points() {
    }

    /** The points in plain digits; "" for null (an unscored item is blank, never 0). */
    public static String plain(BigDecimal points) {
        return points == null ? "" : points.stripTrailingZeros().toPlainString();
    }
}
