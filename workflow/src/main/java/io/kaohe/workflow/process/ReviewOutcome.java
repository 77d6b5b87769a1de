package io.kaohe.workflow.process;

/** A department's review of a period's submission. */
public enum ReviewOutcome {
    /** Every item the department owns is accepted as claimed and evidenced. */
    ACCEPTED,
    /** Items are returned for more (退回补充): the unit corrects them and signs off again. */
    RETURNED
}
