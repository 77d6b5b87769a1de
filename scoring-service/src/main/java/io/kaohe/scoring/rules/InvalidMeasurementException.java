package io.kaohe.scoring.rules;

import io.kaohe.contracts.rubric.MeasureKind;

/**
 * A measured value is missing, of the wrong kind, or out of the range the rule allows. Names the
 * value and the kind expected, so a form can point at the field.
 */
public class InvalidMeasurementException extends IllegalArgumentException {

    private final String measure;
    private final MeasureKind expected;

    InvalidMeasurementException(String measure, MeasureKind expected, String message) {
        super(message);
        this.measure = measure;
        this.expected = expected;
    }

    /** The name of the offending measured value, e.g. {@code "incidents"}. */
    public String measure() {
        return measure;
    }

    /** The kind of value the rule expects under that name. */
    public MeasureKind expected() {
        return expected;
    }
}
