package io.kaohe.scoring.rules;

import io.kaohe.contracts.rubric.MeasureKind;
import java.util.Locale;

/**
 * A measured value is missing, of the wrong kind, or out of the range the rule allows. Names the
 * value and the kind expected, so a form can point at the field.
 */
public class InvalidMeasurementException extends IllegalArgumentException {

    private final String measure;
    private final MeasureKind expected;
    private final String chinese;
    private final String english;

    /** The message is both texts, "中文 / English", as logs and the decision API show it. */
    InvalidMeasurementException(String measure, MeasureKind expected, String chinese, String english) {
        super(chinese + " / " + english);
        this.measure = measure;
        this.expected = expected;
        this.chinese = chinese;
        this.english = english;
    }

    /** The message in the caller's language alone: Chinese unless the locale is another language. */
    public String message(Locale locale) {
        return locale == null || locale.getLanguage().isEmpty() || "zh".equals(locale.getLanguage()) ? chinese : english;
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
