package io.kaohe.rubric.importing;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How offices write things in cells: "政治建设 (35分)", "职能职责（25分）", "马同沛13551791147". */
final class Cells {

    /** A label ending in its points: "(35分)", "（25分）", "(15)"; trailing ;；。 allowed. */
    private static final Pattern LABEL = Pattern.compile(
            "^(.*?)\\s*[(（]\\s*([0-9]+(?:\\.[0-9]+)?)\\s*分?\\s*[)）]\\s*[;；。,，.]*\\s*$", Pattern.DOTALL);
    /** Something that looks like points but is not a number: "(三分)", "(4.5.1分)". */
    private static final Pattern BAD_POINTS = Pattern.compile("[(（][^()（）]*分\\s*[)）]\\s*[;；。,，.]*\\s*$");
    private static final Pattern SECTION = Pattern.compile("^(.*?)\\s*[(（]\\s*([^()（）]*?)\\s*分?\\s*[)）]\\s*$", Pattern.DOTALL);

    private Cells() {
    }

    /** A title and its points, as parsed from a label. */
    record Label(String title, BigDecimal points) {
    }

    /** The label's title and points; empty when there are no points; points null when they are not a number. */
    static Optional<Label> label(String text) {
        String t = text.strip();
        Matcher m = LABEL.matcher(t);
        if (m.matches()) {
            return Optional.of(new Label(m.group(1).strip(), points(m.group(2))));
        }
        if (BAD_POINTS.matcher(t).find()) {
            return Optional.of(new Label(t.replaceAll("\\s*[(（][^()（）]*[)）]\\s*[;；。,，.]*\\s*$", ""), null));
        }
        return Optional.empty();
    }

    /** A 类别 cell: "职能职责（25分）" or "重点特色工作（15）"; points null when not a number. */
    static Optional<Label> section(String text) {
        Matcher m = SECTION.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String title = m.group(1).replaceAll("\\s+", "");
        try {
            return Optional.of(new Label(title, points(m.group(2))));
        } catch (NumberFormatException e) {
            return Optional.of(new Label(title, null));
        }
    }

    /** A number as points: exact decimal, trailing zeros dropped (5.0 is 5). */
    static BigDecimal points(String text) {
        BigDecimal value = new BigDecimal(text.strip());
        value = value.stripTrailingZeros();
        return value.scale() < 0 ? value.setScale(0) : value;
    }

    /** Points from a number cell; null when it is not a number. */
    static BigDecimal pointsOrNull(String text) {
        try {
            return points(text.replace(",", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Headers compared without any whitespace: "完成\n时限" is 完成时限. */
    static String compact(String text) {
        return text == null ? "" : text.replaceAll("[\\s\\u3000]+", "");
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** Writes points as offices do: 35, 1.5, 12.5. */
    static String plain(BigDecimal points) {
        return points == null ? "" : points.stripTrailingZeros().toPlainString();
    }
}
