package io.kaohe.rubric.importing;

import io.kaohe.support.exports.CellText;
import java.util.HashMap;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * Writes text cells that a spreadsheet never takes for a formula (CSV/formula injection): a text
 * starting with = + - @ (or a tab or carriage return) gets Excel's quote prefix (the cell's style
 * says "this is text", as typing ' before it would), so editing or re-saving the cell does not turn
 * "=HYPERLINK(…)" into a live formula. The text itself is kept as it is, so an export imports back
 * unchanged. A text longer than a cell holds is cut with a visible marker ({@link CellText}, the same
 * helper the scoring exports use).
 */
final class SafeText {

    private final Workbook workbook;
    private final Map<CellStyle, CellStyle> quoted = new HashMap<>();
    private CellStyle quotedDefault;

    SafeText(Workbook workbook) {
        this.workbook = workbook;
    }

    /** Whether a spreadsheet would read the text as a formula when it is typed or edited. */
    static boolean looksLikeFormula(String text) {
        return CellText.formulaLike(text);
    }

    /** A new cell in the row holding the text (nothing for null), safe against formula injection. */
    Cell set(Row row, int column, String text) {
        return set(row, column, text, null);
    }

    Cell set(Row row, int column, String text, CellStyle style) {
        Cell cell = row.createCell(column);
        // Longer than a cell holds (a title or rule pasted whole): cut with a marker, never a failed export.
        String value = text == null ? "" : CellText.fitting(text);
        cell.setCellValue(value);
        if (looksLikeFormula(value)) {
            cell.setCellStyle(quoted(style));
        } else if (style != null) {
            cell.setCellStyle(style);
        }
        return cell;
    }

    /** A new row of text cells from the first column on: a 信息 sheet's key and its values. */
    void row(Sheet sheet, int index, String... texts) {
        Row row = sheet.createRow(index);
        for (int i = 0; i < texts.length; i++) {
            set(row, i, texts[i]);
        }
    }

    private CellStyle quoted(CellStyle base) {
        if (base == null) {
            if (quotedDefault == null) {
                quotedDefault = workbook.createCellStyle();
                quotedDefault.setQuotePrefixed(true);
            }
            return quotedDefault;
        }
        return quoted.computeIfAbsent(base, b -> {
            CellStyle style = workbook.createCellStyle();
            style.cloneStyleFrom(b);
            style.setQuotePrefixed(true);
            return style;
        });
    }
}
