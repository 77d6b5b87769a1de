package io.kaohe.rubric.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaohe.support.exports.CellText;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** Every text cell of the rubric exports: never a live formula, never longer than a cell holds. */
class SafeTextTest {

    @Test
    void aTextLongerThanACellIsCutWithAMarkerInsteadOfFailingTheExport() throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            Row row = book.createSheet("s").createRow(0);
            SafeText cells = new SafeText(book);
            cells.set(row, 0, "考核内容".repeat(10_000));
            cells.set(row, 1, "=HYPERLINK(\"http://evil.example\",\"x\")" + "长".repeat(40_000));
            assertThat(row.getCell(0).getStringCellValue()).hasSize(CellText.MAX).startsWith("考核内容")
                    .endsWith(CellText.CUT);
            assertThat(row.getCell(1).getStringCellValue()).startsWith("=HYPERLINK").endsWith(CellText.CUT);
            assertThat(row.getCell(1).getCellStyle().getQuotePrefixed()).isTrue();
            assertThat(row.getCell(0).getCellStyle().getQuotePrefixed()).isFalse();
            book.write(OutputStream.nullOutputStream()); // the workbook is written whole
        }
    }
}
