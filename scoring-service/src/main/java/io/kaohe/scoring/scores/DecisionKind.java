package io.kaohe.scoring.scores;

/** What an assessing department or inspector decided about an item. */
public enum DecisionKind {
    /** 扣分: an amount of points, or a count the rule turns into points (incidents, shortfall). */
    DEDUCTION,
    /** 加分: an amount of points, or a count of completed items. */
    BONUS,
    /** Measured values the item's rule turns into points (a rate, actual/required, completed …). */
    MEASUREMENT,
    /** A judged score in [0, points] for a "根据完成情况计分" item, the reason saying why. */
    JUDGED,
    /** Withdraws the decision it supersedes without replacing it. */
    WITHDRAWAL
}
