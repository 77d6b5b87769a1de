package io.kaohe.scoring.publication;

/** Texts shared by the notice's formats. */
final class NoticeText {

    /** A table cell of a notice holds at most this much; the workbook export keeps more. */
    static final int MAX_CELL = 5000;
    static final String CUT = "……（内容过长，以下已截断，全文见考核平台）";
    static final String DRAFT = "预览稿 尚未通报";
    static final String FIRST_ROW = "考核指标及评分标准";
    static final String[] HEADER = {"被考核单位", "指标完成情况", "得分", "备注"};

    private static final String[] DIGITS = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

    private NoticeText() {
    }

    /** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (grades never number more than 99). */
    static String numeral(int n) {
        if (n < 10) {
            return DIGITS[n];
        }
        return (n / 10 == 1 ? "" : DIGITS[n / 10]) + "十" + DIGITS[n % 10];
    }

    /** The text, or its first {@link #MAX_CELL} characters followed by {@link #CUT}. */
    static String capped(String text) {
        if (text == null) {
            return "";
        }
        if (text.length() <= MAX_CELL) {
            return text;
        }
        int end = MAX_CELL;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + CUT;
    }
}
