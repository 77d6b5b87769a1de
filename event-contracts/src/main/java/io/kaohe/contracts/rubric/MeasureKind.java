package io.kaohe.contracts.rubric;

/** What kind of value an assessor enters for a {@link MeasureSpec}. */
public enum MeasureKind {
    /** A non-negative whole number: incidents, people, items done. */
    COUNT,
    /** A non-negative decimal (BigDecimal, never binary floating point). */
    DECIMAL,
    /** A percentage between 0 and 100 inclusive, e.g. 95 for 95%. */
    PERCENT,
    /** Yes or no. */
    BOOLEAN,
    /** Free text that must not be blank, e.g. the reason for a judged score. */
    TEXT,
    /** A list of {@link Adjustment}s (named bonuses or penalties), possibly empty. */
    ADJUSTMENTS
}
