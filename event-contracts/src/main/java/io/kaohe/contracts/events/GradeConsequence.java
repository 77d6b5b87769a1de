package io.kaohe.contracts.events;

/**
 * What a grade obliges its unit to do once the results are published (seed 003's rectification).
 * Each band of a grading scheme names its own, so the office may rename the grades freely: consumers
 * act on the consequence, never on a grade's name.
 */
public enum GradeConsequence {
    /** Nothing to rectify (好 and 较好 in seed 003). */
    NONE,
    /** A written explanation with measures (一般 in seed 003): a rectification of kind {@code EXPLANATION}. */
    WRITTEN_EXPLANATION,
    /**
     * A talk (约谈) with the unit's head, then a written report with measures and time limits within a
     * week (较差 in seed 003): a rectification of kind {@code TALK_AND_REPORT}.
     */
    TALK_AND_REPORT
}
