package io.kaohe.scoring.rules;

import java.math.BigDecimal;

/**
 * The result of scoring one item under its rule.
 *
 * @param score       the score, 2 decimal places, between 0 and the item's points
 * @param explanation why, in Chinese, as it would read in the results table
 *                    (e.g. "发生3起，每起扣0.1分，扣0.3分，得4.70分")
 */
public record RuleOutcome(BigDecimal score, String explanation) {
}
