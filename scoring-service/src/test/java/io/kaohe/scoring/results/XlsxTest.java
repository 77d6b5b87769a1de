package io.kaohe.scoring.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** The results workbook: the published layout first, the per-indicator layout second, every cell safe. */
class XlsxTest {

    private static final DataFormatter SHOWN = new DataFormatter();

    static XSSFWorkbook written(ResultsTable table) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Xlsx.table(table, out);
        return new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()));
    }

    @Test
    void theFirstSheetIsTheSummaryInThePublishedLayout() throws IOException {
        ResultsTable table = TableAssemblerFixtures.table();
        try (XSSFWorkbook book = written(table)) {
            assertThat(book.getSheetName(0)).isEqualTo("汇总表");
            assertThat(book.getSheetName(1)).isEqualTo("分指标得分");
            Sheet sheet = book.getSheetAt(0);
            assertThat(text(sheet, 0, 0)).isEqualTo("2024年度乡镇和县直部门绩效考核考核结果汇总表");
            assertThat(List.of(text(sheet, 1, 0), text(sheet, 1, 1), text(sheet, 1, 2), text(sheet, 1, 3)))
                    .containsExactly("被考核单位", "指标完成情况", "得分", "备注");
            assertThat(text(sheet, 2, 0)).isEqualTo("乡镇（街道）");
            assertThat(sheet.getMergedRegions()).contains(new CellRangeAddress(0, 0, 0, 3),
                    new CellRangeAddress(2, 2, 0, 3), new CellRangeAddress(6, 6, 0, 3));
            assertThat(text(sheet, 3, 1)).isEqualTo(table.groups().get(0).templateText());
            assertThat(SHOWN.formatCellValue(sheet.getRow(3).getCell(2))).isEqualTo("4");
            assertThat(text(sheet, 4, 0)).isEqualTo("牛田镇");
            assertThat(text(sheet, 4, 1)).contains("2.意识形态工作（1.4分）：" + TableAssemblerFixtures.REASON);
            assertThat(SHOWN.formatCellValue(sheet.getRow(4).getCell(2))).isEqualTo("1.77");
            assertThat(text(sheet, 4, 3)).isEqualTo("较好（拟）；未评分1项");
            assertThat(text(sheet, 5, 0)).isEqualTo("城关镇");
            assertThat(text(sheet, 5, 1)).isEqualTo("同第一项");
            assertThat(text(sheet, 6, 0)).isEqualTo("县级部门");
            assertThat(text(sheet, 8, 0)).isEqualTo("县委办公室");
            assertThat(sheet.getRow(4).getHeightInPoints()).as("tall enough for three lines").isGreaterThan(40f);

            Sheet second = book.getSheetAt(1);
            assertThat(text(second, 3, 0)).isEqualTo("乡镇（街道）");
            assertThat(text(second, 1, 2)).isEqualTo("党的建设（2分）");
            // The unscored variant's column is blank, not 0.
            int svc = 2 + 2 * table.columns().stream().map(ResultsTable.Column::code).toList().indexOf("svc");
            assertThat(sheet(second, 4, svc)).isNull();
        }
    }

    @Test
    void pointsShowAsOfficesWriteThemAndBlankWhenUnscored() throws IOException {
        ResultsTable table = single("城关镇", new BigDecimal("1.50"), "1.城关镇（1.5分）", List.of(
                new ResultsTable.Cell("pb", new BigDecimal("0.40"), List.of(), ""),
                new ResultsTable.Cell("svc", null, List.of(), "")));
        try (XSSFWorkbook book = written(table)) {
            assertThat(SHOWN.formatCellValue(book.getSheetAt(0).getRow(4).getCell(2))).isEqualTo("1.5");
            Sheet second = book.getSheetAt(1);
            assertThat(SHOWN.formatCellValue(second.getRow(4).getCell(2))).isEqualTo("0.4");
            assertThat(sheet(second, 4, 4)).isNull();
            assertThat(SHOWN.formatCellValue(second.getRow(4).getCell(6))).isEqualTo("1.5");
        }
    }

    @Test
    void aFormulaLookingReasonIsWrittenAsTextAndAnOverlongOneIsCutVisibly() throws IOException {
        String formula = "=HYPERLINK(\"http://evil.example\",\"点击查看\")";
        String huge = "超长理由".repeat(10_000);
        ResultsTable table = single("-城关镇", null, formula, List.of(
                new ResultsTable.Cell("pb", null, List.of(huge), "@" + huge),
                new ResultsTable.Cell("svc", null, List.of(), "+1")));
        try (XSSFWorkbook book = written(table)) {
            Cell completion = book.getSheetAt(0).getRow(4).getCell(1);
            assertThat(completion.getStringCellValue()).isEqualTo(formula);
            assertThat(completion.getCellStyle().getQuotePrefixed()).isTrue();
            assertThat(book.getSheetAt(0).getRow(4).getCell(0).getCellStyle().getQuotePrefixed()).isTrue();
            Cell reasons = book.getSheetAt(1).getRow(4).getCell(3);
            assertThat(reasons.getStringCellValue()).hasSize(32_767).startsWith("@超长理由")
                    .endsWith(XlsxCells.CUT);
            assertThat(reasons.getCellStyle().getQuotePrefixed()).isTrue();
            assertThat(book.getSheetAt(1).getRow(4).getCell(5).getCellStyle().getQuotePrefixed()).isTrue();
            assertThat(book.getSheetAt(0).getRow(1).getCell(0).getCellStyle().getQuotePrefixed()).isFalse();
        }
    }

    private static ResultsTable single(String unit, BigDecimal total, String completion, List<ResultsTable.Cell> cells) {
        ResultsTable.Row row = new ResultsTable.Row(1, "t1", unit, 1, cells, total, new BigDecimal("3"), null, null,
                null, List.of(), false, completion);
        ResultsTable.Group group = new ResultsTable.Group("town", "乡镇（街道）", new BigDecimal("3"), List.of(),
                "1.城关镇（3分）", List.of(row));
        return new ResultsTable("2024", "2024年度", List.of(new ResultsTable.Column("pb", "党的建设", new BigDecimal("2")),
                new ResultsTable.Column("svc", "服务发展", new BigDecimal("1"))), List.of(group), null);
    }

    private static String text(Sheet sheet, int row, int column) {
        return sheet.getRow(row).getCell(column).getStringCellValue();
    }

    /** The cell's shown value, or null when blank. */
    private static String sheet(Sheet sheet, int row, int column) {
        Cell cell = sheet.getRow(row).getCell(column);
        String shown = cell == null ? "" : SHOWN.formatCellValue(cell);
        return shown.isEmpty() ? null : shown;
    }
}
