package io.kaohe.scoring.results;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes the results table (汇总表) and a unit's score sheet as .xlsx with POI's streaming SXSSF (a
 * window of rows in memory, the rest flushed to a temporary file). The table's first sheet is the
 * layout counties publish; its second the same results per top-level indicator.
 */
public final class Xlsx {

    /** The first sheet: the 汇总表 as published. */
    public static final String SUMMARY = "汇总表";
    /** The second sheet: points and reasons per top-level indicator. */
    public static final String BY_INDICATOR = "分指标得分";
    private static final int[] SUMMARY_WIDTHS = {18, 100, 9, 20};

    private Xlsx() {
    }

    public static void table(ResultsTable table, OutputStream out) throws IOException {
        try (SXSSFWorkbook book = new SXSSFWorkbook(200)) {
            XlsxCells cells = new XlsxCells(book);
            summary(book.createSheet(SUMMARY), table, cells);
            byIndicator(book.createSheet(BY_INDICATOR), table, cells);
            book.write(out);
            book.dispose();
        }
    }

    /**
     * Columns 被考核单位 | 指标完成情况 | 得分 | 备注 under a title row; per category a row with its
     * name, its first row (every indicator with full points and scoring rule), then its units.
     */
    private static void summary(SXSSFSheet sheet, ResultsTable table, XlsxCells s) {
        for (int c = 0; c < SUMMARY_WIDTHS.length; c++) {
            sheet.setColumnWidth(c, SUMMARY_WIDTHS[c] * 256);
        }
        Row title = sheet.createRow(0);
        title.setHeightInPoints(30);
        s.text(title, 0, table.title() + "考核结果汇总表", s.title);
        XlsxCells.merge(sheet, 0, 0, 0, 3);
        Row header = sheet.createRow(1);
        String[] names = {"被考核单位", "指标完成情况", "得分", "备注"};
        for (int c = 0; c < names.length; c++) {
            s.text(header, c, names[c], s.header);
        }
        sheet.createFreezePane(0, 2);
        sheet.setRepeatingRows(CellRangeAddress.valueOf("2:2"));
        PrintSetup print = sheet.getPrintSetup();
        print.setLandscape(true);
        print.setPaperSize(PrintSetup.A4_PAPERSIZE);
        print.setFitWidth((short) 1);
        print.setFitHeight((short) 0);
        sheet.setFitToPage(true);

        int r = 2;
        for (ResultsTable.Group group : table.groups()) {
            Row head = sheet.createRow(r);
            for (int c = 0; c < 4; c++) {
                s.text(head, c, c == 0 ? group.categoryName() : null, s.group);
            }
            XlsxCells.merge(sheet, r, r, 0, 3);
            r++;
            Row first = sheet.createRow(r++);
            first.setHeightInPoints(XlsxCells.height(13.5f, SUMMARY_WIDTHS, "考核指标及评分标准", group.templateText()));
            s.text(first, 0, "考核指标及评分标准", s.text);
            s.text(first, 1, group.templateText(), s.wrap);
            s.number(first, 2, group.maximum(), s.number);
            s.text(first, 3, null, s.text);
            for (ResultsTable.Row row : group.rows()) {
                Row line = sheet.createRow(r++);
                String remark = row.remarkAsPrinted();
                line.setHeightInPoints(XlsxCells.height(13.5f, SUMMARY_WIDTHS, row.unitName(), row.completion(),
                        null, remark));
                s.text(line, 0, row.unitName(), s.text);
                s.text(line, 1, row.completion(), s.wrap);
                s.number(line, 2, row.total(), s.number);
                s.text(line, 3, remark, s.wrap);
            }
        }
    }

    /**
     * Columns: 序号, 单位, per top-level indicator 得分 and 扣分原因 under one merged header
     * "职能职责（25分）", then 总分, 等次, 备注.
     */
    private static void byIndicator(SXSSFSheet sheet, ResultsTable table, XlsxCells s) {
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
        s.text(title, 0, table.title() + "考核结果汇总表", s.title);
        XlsxCells.merge(sheet, 0, 0, 0, last);

        Row h1 = sheet.createRow(1);
        Row h2 = sheet.createRow(2);
        for (int c = 0; c <= last; c++) {
            s.text(h1, c, "", s.header);
            s.text(h2, c, "", s.header);
        }
        s.text(h1, 0, "序号", s.header);
        XlsxCells.merge(sheet, 1, 2, 0, 0);
        s.text(h1, 1, "单位", s.header);
        XlsxCells.merge(sheet, 1, 2, 1, 1);
        for (int c = 0; c < k; c++) {
            ResultsTable.Column column = table.columns().get(c);
            s.text(h1, 2 + 2 * c, column.title() + "（" + Points.plain(column.maximum()) + "分）", s.header);
            XlsxCells.merge(sheet, 1, 1, 2 + 2 * c, 3 + 2 * c);
            s.text(h2, 2 + 2 * c, "得分", s.header);
            s.text(h2, 3 + 2 * c, "扣分原因", s.header);
        }
        s.text(h1, last - 2, "总分", s.header);
        XlsxCells.merge(sheet, 1, 2, last - 2, last - 2);
        s.text(h1, last - 1, "等次", s.header);
        XlsxCells.merge(sheet, 1, 2, last - 1, last - 1);
        s.text(h1, last, "备注", s.header);
        XlsxCells.merge(sheet, 1, 2, last, last);
        sheet.createFreezePane(2, 3);

        int r = 3;
        for (ResultsTable.Group group : table.groups()) {
            Row groupRow = sheet.createRow(r);
            for (int c = 0; c <= last; c++) {
                s.text(groupRow, c, c == 0 ? group.categoryName() : "", s.group);
            }
            XlsxCells.merge(sheet, r, r, 0, last);
            r++;
            for (ResultsTable.Row row : group.rows()) {
                Row line = sheet.createRow(r++);
                s.number(line, 0, BigDecimal.valueOf(row.number()), s.text);
                s.text(line, 1, row.unitName(), s.text);
                for (int c = 0; c < k; c++) {
                    ResultsTable.Cell cell = row.cells().get(c);
                    s.number(line, 2 + 2 * c, cell.points(), s.number);
                    s.text(line, 3 + 2 * c, cell.display(), s.wrap);
                }
                s.number(line, last - 2, row.total(), s.number);
                s.text(line, last - 1, row.grade() == null ? "" : row.grade()
                        + ("PROPOSED".equals(row.status()) ? "（拟）" : ""), s.text);
                s.text(line, last, row.remark(), s.wrap);
            }
        }
    }

    /** Columns: 一级指标 (merged over its items), 考核内容, 分值, 评分标准, 自评分, 审核分, 最终得分, 差额, 得分说明, 扣分原因. */
    public static void sheet(ScoreSheet unit, OutputStream out) throws IOException {
        try (SXSSFWorkbook book = new SXSSFWorkbook(200)) {
            XlsxCells s = new XlsxCells(book);
            SXSSFSheet sheet = book.createSheet("得分表");
            int[] widths = {16, 36, 7, 36, 8, 8, 9, 8, 40, 40};
            for (int c = 0; c < widths.length; c++) {
                sheet.setColumnWidth(c, widths[c] * 256);
            }
            int last = widths.length - 1;
            Row title = sheet.createRow(0);
            title.setHeightInPoints(30);
            s.text(title, 0, unit.unitName() + " " + unit.cycleTitle() + "考核得分表", s.title);
            XlsxCells.merge(sheet, 0, 0, 0, last);
            Row header = sheet.createRow(1);
            String[] names = {"一级指标", "考核内容", "分值", "评分标准", "自评分", "审核分", "最终得分", "差额", "得分说明", "扣分原因"};
            for (int c = 0; c < names.length; c++) {
                s.text(header, c, names[c], s.header);
            }
            int r = 2;
            for (ScoreSheet.Section section : unit.sections()) {
                int first = r;
                for (ScoreSheet.Item item : section.items()) {
                    Row line = sheet.createRow(r++);
                    s.text(line, 0, section.title() + "（" + Points.plain(section.maximum()) + "分）", s.text);
                    s.text(line, 1, item.title(), s.wrap);
                    s.number(line, 2, item.points(), s.number);
                    s.text(line, 3, item.rule(), s.wrap);
                    s.number(line, 4, item.selfScore(), s.number);
                    s.number(line, 5, item.reviewedScore(), s.number);
                    s.number(line, 6, item.finalScore(), s.number);
                    s.number(line, 7, item.gap(), s.number);
                    s.text(line, 8, item.explanation(), s.wrap);
                    s.text(line, 9, String.join("；", item.deductions().stream().map(Reasons::printed).toList()),
                            s.wrap);
                }
                if (r - first > 1) {
                    XlsxCells.merge(sheet, first, r - 1, 0, 0);
                }
            }
            Row total = sheet.createRow(r);
            s.text(total, 0, "合计", s.header);
            XlsxCells.merge(sheet, r, r, 0, 1);
            s.text(total, 1, "", s.header);
            s.number(total, 2, unit.maximum(), s.number);
            s.text(total, 3, unit.grade() == null ? "" : "等次：" + unit.grade(), s.text);
            s.number(total, 4, unit.selfTotal(), s.number);
            s.number(total, 5, unit.reviewedTotal(), s.number);
            s.number(total, 6, unit.finalTotal(), s.number);
            s.number(total, 7, unit.selfTotal() == null || unit.reviewedTotal() == null ? null
                    : unit.selfTotal().subtract(unit.reviewedTotal()), s.number);
            s.text(total, 8, "", s.text);
            s.text(total, 9, "", s.text);
            book.write(out);
            book.dispose();
        }
    }
}
