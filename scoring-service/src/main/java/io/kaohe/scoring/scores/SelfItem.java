package io.kaohe.scoring.scores;

import java.math.BigDecimal;
import java.util.Map;

/** What a unit said about one item in its latest self-assessment: its score and measured values. */
public record SelfItem(String itemCode, BigDecimal selfScore, Map<String, Object> measured) {
}
