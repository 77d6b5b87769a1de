package io.kaohe.support.exports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class ListWorkbookTest {

    private static final List<ListWorkbook.Column> COLUMNS = List.of(new ListWorkbook.Column("单位", 20),
            new ListWorkbook.Column("分值", 8), new ListWorkbook.Column("日期", 12), new ListWorkbook.Column("录入时间", 18),
            new ListWorkbook.Column("理由", 40));

    @Test
    void writesChineseHeadersNumbersAsOfficesWriteThemBlanksAndDatesInShanghai() throws Exception {
        Sheet sheet = written(book -> {
            book.row("县委办", new BigDecimal("1.50"), LocalDate.of(2026, 3, 31),
                    Instant.parse("2026-03-31T16:30:00Z"), "=HYPERLINK(\"http://x\")");
            book.row("县政府办", null, ListWorkbook.day(Instant.parse("2026-03-31T16:30:00Z")), null, "");
        });
        Row header = sheet.getRow(0);
        assertThat(header.getCell(0).getStringCellValue()).isEqualTo("单位");
        assertThat(header.getCell(4).getStringCellValue()).isEqualTo("理由");
        Row first = sheet.getRow(1);
        assertThat(first.getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
        assertThat(first.getCell(1).getNumericCellValue()).isEqualTo(1.5);
        assertThat(first.getCell(2).getStringCellValue()).isEqualTo("2026-03-31");
        // 16:30 UTC is the next morning in Shanghai.
        assertThat(first.getCell(3).getStringCellValue()).isEqualTo("2026-04-01 00:30");
        assertThat(first.getCell(4).getCellType()).isEqualTo(CellType.STRING);
        assertThat(first.getCell(4).getStringCellValue()).isEqualTo("=HYPERLINK(\"http://x\")");
        assertThat(first.getCell(4).getCellStyle().getQuotePrefixed()).isTrue();
        Row second = sheet.getRow(2);
        assertThat(second.getCell(1)).as("unscored is blank, never 0").isNull();
        assertThat(second.getCell(2).getStringCellValue()).isEqualTo("2026-04-01");
        assertThat(second.getCell(4)).isNull();
    }

    @Test
    void aTextTooLongForACellIsCutNotFailingTheFile() throws Exception {
        Sheet sheet = written(book -> book.row("单位", null, null, null, "长".repeat(40_000)));
        assertThat(sheet.getRow(1).getCell(4).getStringCellValue()).hasSize(CellText.MAX).endsWith(CellText.CUT);
    }

    private static Sheet written(java.util.function.Consumer<ListWorkbook> rows) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ListWorkbook book = new ListWorkbook("清单", COLUMNS)) {
            rows.accept(book);
            book.write(out);
        }
        return new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray())).getSheet("清单");
    }
}
