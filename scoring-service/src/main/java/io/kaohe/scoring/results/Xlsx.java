package io.kaohe.scoring.results;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes the results table (汇总表) and a unit's score sheet as .xlsx with POI's streaming SXSSF
 * (a window of rows in memory, the rest flushed to a temporary file), in the layout offices
 * publish: a merged title row, two merged header rows, one merged row per unit category.
 */
public final class Xlsx {

    private static final String FONT = "宋体";

    private Xlsx() {
    }

    private record Styles(CellStyle title, CellStyle header, CellStyle group, CellStyle text, CellStyle wrap,
                          CellStyle number) {
        static Styles of(SXSSFWorkbook book) {
            Font titleFont = font(book, (short) 16, true);
            Font bold = font(book, (short) 11, true);
            Font plain = font(book, (short) 10, false);
            CellStyle title = book.createCellStyle();
            title.setFont(titleFont);
            title.setAlignment(HorizontalAlignment.CENTER);
            title.setVerticalAlignment(VerticalAlignment.CENTER);
            CellStyle header = bordered(book, bold, HorizontalAlignment.CENTER, true);
            CellStyle group = bordered(book, bold, HorizontalAlignment.LEFT, false);
            CellStyle text = bordered(book, plain, HorizontalAlignment.CENTER, true);
            CellStyle wrap = bordered(book, plain, HorizontalAlignment.LEFT, true);
            CellStyle number = bordered(book, plain, HorizontalAlignment.CENTER, false);
            number.setDataFormat(book.createDataFormat().getFormat("0.00"));
            return new Styles(title, header, group, text, wrap, number);
        }

        private static Font font(SXSSFWorkbook book, short points, boolean bold) {
            Font font = book.createFont();
            font.setFontName(FONT);
            font.setFontHeightInPoints(points);
            font.setBold(bold);
            return font;
        }

        private static CellStyle bordered(SXSSFWorkbook book, Font font, HorizontalAlignment align, boolean wrap) {
            CellStyle style = book.createCellStyle();
            style.setFont(font);
            style.setAlignment(align);
            style.setVerticalAlignment(VerticalAlignment.CENTER);
            style.setWrapText(wrap);
            style.setBorderTop(BorderStyle.THIN);
            style.setBorderBottom(BorderStyle.THIN);
            style.setBorderLeft(BorderStyle.THIN);
            style.setBorderRight(BorderStyle.THIN);
            return style;
        }
    }

    /**
     * Columns: 序号, 单位, per top-level indicator 得分 and 扣分原因 under one merged header
     * "职能职责（25分）", then 总分, 等次, 备注.
     */
    public static void table(ResultsTable table, OutputStream out) throws IOException {
        try (SXSSFWorkbook book = new SXSSFWorkbook(200)) {
            Styles s = Styles.of(book);
            SXSSFSheet sheet = book.createSheet("汇总表");
            int k = table.columns().size();
            int last = 2 + 2 * k + 2;
            sheet.setColumnWidth(0, 6 * 256);
            sheet.setColumnWidth(1, 24 * 256);
            for (int c = 0; c < k; c++) {
                sheet.setColumnWidth(2 + 2 * c, 9 * 256);
                sheet.setColumnWidth(3 + 2 * c, 44 * 256);
            }
            sheet.setColumnWidth(last - 2, 9 * 256);
            sheet.setColumnWidth(last - 1, 8 * 256);
            sheet.setColumnWidth(last, 30 * 256);

            Row title = sheet.createRow(0);
            title.setHeightInPoints(30);
            text(title, 0, table.title() + "考核结果汇总表", s.title());
            merge(sheet, 0, 0, 0, last);

            Row h1 = sheet.createRow(1);
            Row h2 = sheet.createRow(2);
            for (int c = 0; c <= last; c++) {
                text(h1, c, "", s.header());
                text(h2, c, "", s.header());
            }
            text(h1, 0, "序号", s.header());
            merge(sheet, 1, 2, 0, 0);
            text(h1, 1, "单位", s.header());
            merge(sheet, 1, 2, 1, 1);
            for (int c = 0; c < k; c++) {
                ResultsTable.Column column = table.columns().get(c);
                text(h1, 2 + 2 * c, column.title() + "（" + plain(column.maximum()) + "分）", s.header());
                merge(sheet, 1, 1, 2 + 2 * c, 3 + 2 * c);
                text(h2, 2 + 2 * c, "得分", s.header());
                text(h2, 3 + 2 * c, "扣分原因", s.header());
            }
            text(h1, last - 2, "总分", s.header());
            merge(sheet, 1, 2, last - 2, last - 2);
            text(h1, last - 1, "等次", s.header());
            merge(sheet, 1, 2, last - 1, last - 1);
            text(h1, last, "备注", s.header());
            merge(sheet, 1, 2, last, last);
            sheet.createFreezePane(2, 3);

            int r = 3;
            for (ResultsTable.Group group : table.groups()) {
                Row groupRow = sheet.createRow(r);
                for (int c = 0; c <= last; c++) {
                    text(groupRow, c, "", s.group());
                }
                text(groupRow, 0, group.category(), s.group());
                merge(sheet, r, r, 0, last);
                r++;
                for (ResultsTable.Row row : group.rows()) {
                    Row line = sheet.createRow(r++);
                    number(line, 0, BigDecimal.valueOf(row.number()), s.text());
                    text(line, 1, row.unitName(), s.text());
                    for (int c = 0; c < k; c++) {
                        ResultsTable.Cell cell = row.cells().get(c);
                        number(line, 2 + 2 * c, cell.points(), s.number());
                        text(line, 3 + 2 * c, cell.display(), s.wrap());
                    }
                    number(line, last - 2, row.total(), s.number());
                    text(line, last - 1, row.grade() == null ? "" : row.grade()
                            + ("PROPOSED".equals(row.status()) ? "（拟）" : ""), s.text());
                    text(line, last, row.remark(), s.wrap());
                }
            }
            book.write(out);
            book.dispose();
        }
    }

    /** Columns: 一级指标 (merged over its items), 考核内容, 分值, 评分标准, 自评分, 审核分, 最终得分, 差额, 得分说明, 扣分原因. */
    public static void sheet(ScoreSheet unit, OutputStream out) throws IOException {
        try (SXSSFWorkbook book = new SXSSFWorkbook(200)) {
            Styles s = Styles.of(book);
            SXSSFSheet sheet = book.createSheet("得分表");
            int[] widths = {16, 36, 7, 36, 8, 8, 9, 8, 40, 40};
            for (int c = 0; c < widths.length; c++) {
                sheet.setColumnWidth(c, widths[c] * 256);
            }
            int last = widths.length - 1;
            Row title = sheet.createRow(0);
            title.setHeightInPoints(30);
            text(title, 0, unit.unitName() + " " + unit.cycleTitle() + "考核得分表", s.title());
            merge(sheet, 0, 0, 0, last);
            Row header = sheet.createRow(1);
            String[] names = {"一级指标", "考核内容", "分值", "评分标准", "自评分", "审核分", "最终得分", "差额", "得分说明", "扣分原因"};
            for (int c = 0; c < names.length; c++) {
                text(header, c, names[c], s.header());
            }
            int r = 2;
            for (ScoreSheet.Section section : unit.sections()) {
                int first = r;
                for (ScoreSheet.Item item : section.items()) {
                    Row line = sheet.createRow(r++);
                    text(line, 0, section.title() + "（" + plain(section.maximum()) + "分）", s.text());
                    text(line, 1, item.title(), s.wrap());
                    number(line, 2, item.points(), s.number());
                    text(line, 3, item.rule(), s.wrap());
                    number(line, 4, item.selfScore(), s.number());
                    number(line, 5, item.reviewedScore(), s.number());
                    number(line, 6, item.finalScore(), s.number());
                    number(line, 7, item.gap(), s.number());
                    text(line, 8, item.explanation(), s.wrap());
                    text(line, 9, String.join("；", item.deductions().stream()
                            .map(io.kaohe.scoring.scores.DeductionLine::text).toList()), s.wrap());
                }
                if (r - first > 1) {
                    merge(sheet, first, r - 1, 0, 0);
                }
            }
            Row total = sheet.createRow(r);
            text(total, 0, "合计", s.header());
            merge(sheet, r, r, 0, 1);
            text(total, 1, "", s.header());
            number(total, 2, unit.maximum(), s.number());
            text(total, 3, unit.grade() == null ? "" : "等次：" + unit.grade(), s.text());
            number(total, 4, unit.selfTotal(), s.number());
            number(total, 5, unit.reviewedTotal(), s.number());
            number(total, 6, unit.finalTotal(), s.number());
            number(total, 7, unit.selfTotal() == null ? null : unit.selfTotal().subtract(unit.reviewedTotal()),
                    s.number());
            text(total, 8, "", s.text());
            text(total, 9, "", s.text());
            book.write(out);
            book.dispose();
        }
    }

    private static void merge(Sheet sheet, int firstRow, int lastRow, int firstCol, int lastCol) {
        // Unsafe = without POI's overlap scan over every earlier region; our regions never overlap.
        sheet.addMergedRegionUnsafe(new CellRangeAddress(firstRow, lastRow, firstCol, lastCol));
    }

    private static void text(Row row, int column, String value, CellStyle style) {
        Cell cell = row.createCell(column);
        if (value != null) {
            cell.setCellValue(value);
        }
        cell.setCellStyle(style);
    }

    private static void number(Row row, int column, BigDecimal value, CellStyle style) {
        Cell cell = row.createCell(column);
        if (value != null) {
            // Two-place scores are exact in a double's 15 significant digits; the cell shows 0.00.
            cell.setCellValue(value.doubleValue());
        }
        cell.setCellStyle(style);
    }

    private static String plain(BigDecimal value) {
        return value == null ? "" : value.stripTrailingZeros().toPlainString();
    }
}
