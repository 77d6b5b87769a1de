package io.kaohe.contracts.rubric;

import java.util.Locale;

/**
 * A measured value is missing, of the wrong kind, or out of the range the rule allows. Names the
 * value and the kind expected, so a form can point at the field.
 */
public class InvalidMeasurementException extends IllegalArgumentException {

    private final transient MeasureFault fault;

    /** The message is both texts, "中文 / English", as logs and the decision API show it. */
    public InvalidMeasurementException(MeasureFault fault) {
        super(fault.toString());
        this.fault = fault;
    }

    public MeasureFault fault() {
        return fault;
    }

    /** The message in the caller's language alone: Chinese unless the locale is another language. */
    public String message(Locale locale) {
        return fault.message(locale);
    }

    /** The name of the offending measured value, e.g. {@code "incidents"}. */
    public String measure() {
        return fault.measure();
    }

    /** The kind of value the rule expects under that name. */
    public MeasureKind expected() {
        return fault.expected();
    }
}
