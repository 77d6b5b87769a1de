package io.kaohe.scoring.results;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import io.kaohe.support.exports.CellText;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;

/**
 * The cells of the results workbooks, written safely ({@link CellText}): a text that a spreadsheet would take for a
 * formula (starting with = + - @, a tab or a carriage return) is marked as text (quote prefix, as if
 * typed after an apostrophe); a text longer than a cell holds (32,767 characters) is cut with a visible
 * marker instead of failing the export; points show as offices write them (General format: 1.5, 0.4,
 * 100 — never 1.50); an unscored value is left blank, never 0.
 */
final class XlsxCells {

    static final String FONT = "宋体";
    static final int MAX_TEXT = CellText.MAX;
    static final String CUT = CellText.CUT;

    final CellStyle title;
    final CellStyle header;
    final CellStyle group;
    final CellStyle text;
    final CellStyle wrap;
    final CellStyle number;
    private final Workbook book;
    private final Map<CellStyle, CellStyle> quoted = new HashMap<>();

    XlsxCells(Workbook book) {
        this.book = book;
        Font titleFont = font((short) 16, true);
        Font bold = font((short) 11, true);
        Font plain = font((short) 10, false);
        title = book.createCellStyle();
        title.setFont(titleFont);
        title.setAlignment(HorizontalAlignment.CENTER);
        title.setVerticalAlignment(VerticalAlignment.CENTER);
        header = bordered(bold, HorizontalAlignment.CENTER, true);
        group = bordered(bold, HorizontalAlignment.LEFT, false);
        text = bordered(plain, HorizontalAlignment.CENTER, true);
        wrap = bordered(plain, HorizontalAlignment.LEFT, true);
        wrap.setVerticalAlignment(VerticalAlignment.TOP);
        number = bordered(plain, HorizontalAlignment.CENTER, false);
        number.setDataFormat(book.createDataFormat().getFormat("General"));
    }

    private Font font(short points, boolean bold) {
        Font font = book.createFont();
        font.setFontName(FONT);
        font.setFontHeightInPoints(points);
        font.setBold(bold);
        return font;
    }

    private CellStyle bordered(Font font, HorizontalAlignment align, boolean wrapText) {
        CellStyle style = book.createCellStyle();
        style.setFont(font);
        style.setAlignment(align);
        style.setVerticalAlignment(VerticalAlignment.CENTER);
        style.setWrapText(wrapText);
        style.setBorderTop(BorderStyle.THIN);
        style.setBorderBottom(BorderStyle.THIN);
        style.setBorderLeft(BorderStyle.THIN);
        style.setBorderRight(BorderStyle.THIN);
        return style;
    }

    void text(Row row, int column, String value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellStyle(style);
        if (value == null || value.isEmpty()) {
            return;
        }
        String safe = fitting(value);
        cell.setCellValue(safe);
        if (formulaLike(safe)) {
            cell.setCellStyle(quoted.computeIfAbsent(style, base -> {
                CellStyle q = book.createCellStyle();
                q.cloneStyleFrom(base);
                q.setQuotePrefixed(true);
                return q;
            }));
        }
    }

    /** Blank for null: an unscored item is blank, never 0. */
    void number(Row row, int column, BigDecimal value, CellStyle style) {
        Cell cell = row.createCell(column);
        if (value != null) {
            // Two-place scores are exact in a double's 15 significant digits; General shows 1.5, not 1.50.
            cell.setCellValue(value.doubleValue());
        }
        cell.setCellStyle(style);
    }

    static void merge(Sheet sheet, int firstRow, int lastRow, int firstCol, int lastCol) {
        // Unsafe = without POI's overlap scan over every earlier region; our regions never overlap.
        sheet.addMergedRegionUnsafe(new CellRangeAddress(firstRow, lastRow, firstCol, lastCol));
    }

    static boolean formulaLike(String value) {
        return CellText.formulaLike(value);
    }

    /** The text, or as much of it as a cell holds followed by {@link #CUT}. */
    static String fitting(String value) {
        return CellText.fitting(value);
    }

    /**
     * A row tall enough for its wrapped texts (a spreadsheet does not grow rows on opening): each text's
     * lines at about {@code width} characters (a CJK character counts two), capped at Excel's 409 points.
     */
    static float height(float linePoints, int[] widths, String... texts) {
        int lines = 1;
        for (int i = 0; i < texts.length && i < widths.length; i++) {
            if (texts[i] == null) {
                continue;
            }
            int n = 0;
            for (String part : fitting(texts[i]).split("\n", -1)) {
                int units = part.codePoints().map(c -> c < 0x2E80 ? 1 : 2).sum();
                n += Math.max(1, (units + widths[i] - 1) / widths[i]);
            }
            lines = Math.max(lines, n);
        }
        return Math.min(409f, lines * linePoints + 4);
    }
}
