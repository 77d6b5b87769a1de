package io.kaohe.contracts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The platform's one set of input limits: the code pattern, the length of every kind of text and
 * the range of points. Every service's request validation uses these (the constants fit
 * {@code @Pattern}/{@code @Size} annotations; the checks suit walks over nested input such as an
 * indicator tree), so a value one service accepts is never refused by the next. The table with
 * where each limit is enforced is docs/security/input-limits.md.
 *
 * <p>Each check answers a {@link Violation} whose key is a message key every service's bundle has
 * ({@code input.*} in service-support's platform messages), or nothing when the value is fine.
 */
public final class InputLimits {

    /**
     * A code (system, node, unit, category, department, list, section, cycle …): an ASCII letter or
     * digit, then up to 63 letters, digits, '.', '_' or '-'. Node codes such as {@code 1.2.3.4},
     * unit codes such as {@code ly-luanchuan} and item codes such as {@code T.ly-yanshi.3} fit;
     * quotes, spaces, semicolons and non-ASCII letters do not.
     */
    public static final String CODE_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    public static final int CODE_MAX = 64;
    /** The code pattern for a field that is also {@code @NotBlank}: a blank value is that constraint's fault only. */
    public static final String CODE_OR_BLANK = "\\s*|" + CODE_PATTERN;
    /**
     * A roster code (unit, department, category, unit list): the same pattern narrowed to lower-case
     * letters, digits and '-' and 40 characters, because it also names the unit's accounts and groups
     * in Keycloak. Every roster code is a code.
     */
    public static final String ROSTER_CODE_PATTERN = "[a-z0-9][a-z0-9-]{0,39}";
    /** A name: of a unit, a person, an office, a category, a file; a phone or e-mail. */
    public static final int NAME_MAX = 200;
    /** A title: of a system, an indicator, a notice; a deadline or a short wording. */
    public static final int TITLE_MAX = 500;
    /** A paragraph: a reason for a return, a review comment, a problem found, a measure planned. */
    public static final int PARAGRAPH_MAX = 2000;
    /** A text: a description, an item's content, a decision's reason, a summary, a note. */
    public static final int TEXT_MAX = 4000;
    /** A document's body: a published notice, a rectification report (several pages). */
    public static final int DOCUMENT_MAX = 20_000;
    /** Entries in one list of a request (units of a cycle, items of a bulk action …). */
    public static final int LIST_MAX = 20_000;
    /** Points of a node, an item, a section, a score: finite, 0 to 1000. */
    public static final String POINTS_MIN = "0";
    public static final String POINTS_MAX = "1000";
    /** Located faults listed in one answer; the rest are counted ("N more"). */
    public static final int FAULTS_LISTED = 100;
    /** A JSON request body (multipart uploads have their own limits). */
    public static final long JSON_BODY_MAX_BYTES = 2L * 1024 * 1024;

    private static final Pattern CODE = Pattern.compile(CODE_PATTERN);
    private static final Pattern ROSTER_CODE = Pattern.compile(ROSTER_CODE_PATTERN);
    private static final BigDecimal MIN = new BigDecimal(POINTS_MIN);
    private static final BigDecimal MAX = new BigDecimal(POINTS_MAX);

    private InputLimits() {
    }

    /** One value out of its limit: a message key and its arguments (after the value's location). */
    public record Violation(String key, List<Object> args) {
        public Violation {
            args = List.copyOf(args);
        }

        static Violation of(String key, Object... args) {
            return new Violation(key, List.of(args));
        }
    }

    /** A required code: present and of the pattern. */
    public static Optional<Violation> code(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(Violation.of("input.required"));
        }
        return optionalCode(value);
    }

    /** A code that may be absent; if present, of the pattern. */
    public static Optional<Violation> optionalCode(String value) {
        if (value == null) {
            return Optional.empty();
        }
        if (!isCode(value)) {
            return Optional.of(Violation.of("input.code", CODE_MAX, excerpt(value)));
        }
        return Optional.empty();
    }

    public static boolean isCode(String value) {
        return value != null && CODE.matcher(value).matches();
    }

    public static boolean isRosterCode(String value) {
        return value != null && ROSTER_CODE.matcher(value).matches();
    }

    /** A text of at most {@code max} characters (code points), absent allowed. */
    public static Optional<Violation> text(String value, int max) {
        if (value != null && length(value) > max) {
            return Optional.of(Violation.of("input.too-long", max, length(value)));
        }
        return Optional.empty();
    }

    /** Points, absent allowed; if present between 0 and 1000. */
    public static Optional<Violation> points(BigDecimal value) {
        if (value != null && (value.compareTo(MIN) < 0 || value.compareTo(MAX) > 0)) {
            return Optional.of(Violation.of("input.points", POINTS_MIN, POINTS_MAX, excerpt(value.toString())));
        }
        return Optional.empty();
    }

    /** Points as a double: finite (1e309 is read as infinity) and between 0 and 1000. */
    public static Optional<Violation> points(double value) {
        if (!Double.isFinite(value)) {
            return Optional.of(Violation.of("input.points", POINTS_MIN, POINTS_MAX, String.valueOf(value)));
        }
        return points(BigDecimal.valueOf(value));
    }

    /** A list of at most {@code max} entries, absent allowed. */
    public static Optional<Violation> list(List<?> value, int max) {
        if (value != null && value.size() > max) {
            return Optional.of(Violation.of("input.too-many", max, value.size()));
        }
        return Optional.empty();
    }

    /** Every violation of a list of codes, each with its index: {@code appliesTo[3]}. */
    public static List<Located> codes(String field, List<String> values) {
        List<Located> found = new ArrayList<>();
        list(values, LIST_MAX).ifPresent(v -> found.add(new Located(field, v)));
        if (values != null && found.isEmpty()) {
            for (int i = 0; i < values.size(); i++) {
                int index = i;
                code(values.get(i)).ifPresent(v -> found.add(new Located(field + "[" + index + "]", v)));
            }
        }
        return found;
    }

    /** A violation with where it is. */
    public record Located(String location, Violation violation) {
    }

    /** At most 40 characters of a refused value, so a 1 MB value is never echoed back. */
    public static String excerpt(String value) {
        if (value == null) {
            return "";
        }
        return length(value) <= 40 ? value : value.substring(0, value.offsetByCodePoints(0, 40)) + "…";
    }

    private static int length(String value) {
        return value.codePointCount(0, value.length());
    }
}
