package io.kaohe.scoring.scores;

import java.math.BigDecimal;

/**
 * One reason an item lost (or gained) points, as the results table prints it, e.g.
 * "防范藏传佛教在非涉藏地区传播不到位（省委巡视通报），扣0.1分".
 *
 * @param points points deducted (negative for a bonus), or null where the rule decides the loss
 *               as a whole (a veto)
 */
public record DeductionLine(String decisionId, String itemCode, String reason, String source, String date,
                            BigDecimal points, String text, String decidedBy) {
}
