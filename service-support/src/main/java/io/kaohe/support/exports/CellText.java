package io.kaohe.support.exports;

/**
 * Text for a spreadsheet cell, the same in every export (.xlsx of results, score sheets, rubric
 * versions, rosters): one bad value must never break an export nor run as a formula.
 *
 * <ul>
 *   <li>A text longer than a cell holds (Excel: 32,767 characters) is cut with a visible marker
 *       ({@link #CUT}) instead of failing the whole workbook.</li>
 *   <li>A text a spreadsheet would take for a formula (starting with = + - @, a tab or a carriage
 *       return) is to be written quote-prefixed (the cell style's "this is text", as if typed after
 *       an apostrophe): the text itself stays as it is, so an export imports back unchanged.</li>
 * </ul>
 * Pure string logic, so it needs no spreadsheet library; the writers apply the quote prefix.
 */
public final class CellText {

    /** The most characters a cell holds (Excel 2007 and later; Apache POI refuses more). */
    public static final int MAX = 32_767;
    /** What ends a cut text. */
    public static final String CUT = "……（内容过长，以下已截断，全文见考核平台）";

    private CellText() {
    }

    /** Whether a spreadsheet would read the text as a formula when it is typed or edited. */
    public static boolean formulaLike(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    /** The text, or as much of it as a cell holds followed by {@link #CUT} (never a lone surrogate). */
    public static String fitting(String text) {
        if (text == null || text.length() <= MAX) {
            return text;
        }
        int end = MAX - CUT.length();
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + CUT;
    }
}
