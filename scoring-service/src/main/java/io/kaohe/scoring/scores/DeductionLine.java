package io.kaohe.scoring.scores;

import java.math.BigDecimal;

/**
 * One reason an item lost (or gained) points. {@code reason} and {@code source} are the assessor's
 * words as recorded; the results table prints them from these fields (see results' {@code Reasons}).
 * {@code text} is the line with the item's title and the arithmetic, as the score sheet explains it.
 *
 * @param points  points deducted (negative for a bonus), or null where the rule decides the loss as a
 *                whole (a veto)
 * @param finding for a measured or judged loss, what was found and the points it gave in the words of
 *                a results table ("实际完成37，应完成50，得0.37分"); null for a deduction or bonus, and for
 *                lines stored before findings were kept
 */
public record DeductionLine(String decisionId, String itemCode, String reason, String source, String date,
                            BigDecimal points, String text, String decidedBy, String finding) {

    /** A deduction or bonus line (no finding). */
    public DeductionLine(String decisionId, String itemCode, String reason, String source, String date,
                         BigDecimal points, String text, String decidedBy) {
        this(decisionId, itemCode, reason, source, date, points, text, decidedBy, null);
    }
}
