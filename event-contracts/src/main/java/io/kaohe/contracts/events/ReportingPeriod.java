package io.kaohe.contracts.events;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A reporting period of a cycle, in calendar order: the four quarterly self-checks (季度自检自查)
 * and the year-end evaluation (年度考核总评). Events carry it as its code ({@code "Q1"} … {@code "YEAR"});
 * {@link #compareTo} orders by the calendar.
 */
public enum ReportingPeriod {
    Q1("第一季度"), Q2("第二季度"), Q3("第三季度"), Q4("第四季度"), YEAR("年度");

    /** Every code as one regular expression, for request validation ({@code @Pattern} needs a constant). */
    public static final String PATTERN = "Q1|Q2|Q3|Q4|YEAR";

    private static final List<ReportingPeriod> QUARTERS = List.of(Q1, Q2, Q3, Q4);

    private final String chineseName;

    ReportingPeriod(String chineseName) {
        this.chineseName = chineseName;
    }

    /** The period as offices write it in their tables (第一季度 … 年度). */
    public String chineseName() {
        return chineseName;
    }

    /** A code's name as offices write it; anything that is not a code as given (null stays null). */
    public static String chineseName(String code) {
        return parse(code).map(ReportingPeriod::chineseName).orElse(code);
    }

    /** The code on the wire and in process variables. */
    public String code() {
        return name();
    }

    public boolean isQuarter() {
        return this != YEAR;
    }

    /** The four quarters, in order. */
    public static List<ReportingPeriod> quarters() {
        return QUARTERS;
    }

    /** The quarter numbered 1 to 4. */
    public static ReportingPeriod quarter(int number) {
        if (number < 1 || number > 4) {
            throw new IllegalArgumentException("a quarter is numbered 1 to 4, was " + number);
        }
        return QUARTERS.get(number - 1);
    }

    /** Every code, in calendar order. */
    public static List<String> codes() {
        return Arrays.stream(values()).map(ReportingPeriod::code).toList();
    }

    /** The period of an exact code; empty for null, blank or anything else (codes are case-sensitive). */
    public static Optional<ReportingPeriod> parse(String code) {
        for (ReportingPeriod period : values()) {
            if (period.code().equals(code)) {
                return Optional.of(period);
            }
        }
        return Optional.empty();
    }

    /**
     * The period of a code that must be one.
     *
     * @throws IllegalArgumentException naming the code and the codes there are
     */
    public static ReportingPeriod of(String code) {
        return parse(code).orElseThrow(() -> new IllegalArgumentException(
                "报送期间应为 " + String.join("、", codes()) + "，实际为 " + code + " / a reporting period is one of "
                        + String.join(", ", codes()) + ", was " + code));
    }
}
