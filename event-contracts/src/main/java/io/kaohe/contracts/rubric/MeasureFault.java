package io.kaohe.contracts.rubric;

import java.util.Locale;

/**
 * What is wrong with one measured value, located by the value's name, in Chinese and English, e.g.
 * "测量值「incidents」（发生起数）应为非负整数，缺少测量值 / measured value 'incidents' (COUNT): missing".
 *
 * @param measure  the name of the value ({@link MeasureSpec#name()}): where a form shows the fault
 * @param expected the kind of value the rule expects under that name
 * @param problem  what is wrong, for callers that react to it
 */
public record MeasureFault(String measure, MeasureKind expected, Problem problem, String chinese, String english) {

    /** What can be wrong with a measured value. */
    public enum Problem {
        /** No value, or blank text. */
        MISSING,
        /** A value of another kind, e.g. text where a number belongs. */
        WRONG_KIND,
        /** A double or float: scores are exact decimals. */
        BINARY_FLOATING_POINT,
        NEGATIVE,
        /** A count with a fraction. */
        NOT_WHOLE,
        /** Above what the kind or the rule allows: a percent over 100, a judged score over the points … */
        TOO_LARGE,
        /** Text longer than {@link Measurements#MAX_TEXT}. */
        TOO_LONG,
        /** One entry of an adjustments list is not an item with a non-negative amount. */
        BAD_ADJUSTMENT,
        /** A value the rule refuses in its own terms, e.g. 0 activities required. */
        REFUSED_BY_RULE
    }

    /** The message in the caller's language alone: Chinese unless the locale is another language. */
    public String message(Locale locale) {
        return locale == null || locale.getLanguage().isEmpty() || "zh".equals(locale.getLanguage()) ? chinese : english;
    }

    /** Both texts, "中文 / English", as logs and APIs without a language show it. */
    @Override
    public String toString() {
        return chinese + " / " + english;
    }
}
