package io.kaohe.scoring.pastyears;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kaohe.scoring.pastyears.PublishedWorkbook.Column;
import io.kaohe.scoring.workbooks.UploadedWorkbook;
import io.kaohe.testsupport.HostileOoxml;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A published 汇总表 read without a server: the header found by its words, only the columns read, hostile files refused. */
class PublishedWorkbookTest {

    @Test
    void findsTheHeaderBelowTitleRowsAndReadsOnlyItsColumns() throws IOException {
        byte[] file = workbook(book -> {
            Sheet notes = book.createSheet("说明");
            notes.createRow(0).createCell(0).setCellValue("本表为2023年度考核结果");
            Sheet sheet = book.createSheet("结果");
            sheet.createRow(0).createCell(0).setCellValue("2023年度目标绩效考核结果汇总表");
            Row head = sheet.createRow(3);
            String[] words = {"序号", "被考核 单位", "指标完成情况", "总分", "等  次", "满分"};
            for (int c = 0; c < words.length; c++) {
                head.createCell(c).setCellValue(words[c]);
            }
            Row unit = sheet.createRow(4);
            unit.createCell(0).setCellValue(1);
            unit.createCell(1).setCellValue("市检察院");
            unit.createCell(2).setCellValue("x".repeat(10_000));
            unit.createCell(3).setCellValue(0.1 + 92.2);
            unit.createCell(4).setCellValue("好");
            sheet.createRow(5).createCell(1).setCellValue("群团组织");
        });
        PublishedWorkbook.Read read = PublishedWorkbook.read(new ByteArrayInputStream(file));
        assertThat(read.without()).containsExactly("说明");
        assertThat(read.sheets()).hasSize(1);
        PublishedWorkbook.Sheet sheet = read.sheets().get(0);
        assertThat(sheet.headerRow()).isEqualTo(4);
        assertThat(sheet.columns()).containsExactlyInAnyOrderEntriesOf(
                Map.of(Column.UNIT, 2, Column.SCORE, 4, Column.GRADE, 5, Column.FULL_MARKS, 6));
        assertThat(sheet.headers().get(Column.SCORE)).isEqualTo("总分");
        PublishedWorkbook.Row unit = sheet.rows().get(0);
        assertThat(unit.number()).isEqualTo(5);
        assertThat(unit.cells()).containsExactlyInAnyOrderEntriesOf(
                Map.of(Column.UNIT, "市检察院", Column.SCORE, "92.3", Column.GRADE, "好"));
        PublishedWorkbook.Row heading = sheet.rows().get(1);
        assertThat(heading.nonBlank()).isEqualTo(1);
        assertThat(heading.get(Column.UNIT)).isEqualTo("群团组织");
    }

    @Test
    void aSheetWithoutUnitAndScoreColumnsHasNoHeader() {
        assertThat(PublishedWorkbook.header(Map.of(1, "单位", 2, "备注"))).isNull();
        assertThat(PublishedWorkbook.header(Map.of(1, "单位", 2, "被考核单位", 3, "得分", 4, "总分")))
                .containsEntry(Column.UNIT, 2).containsEntry(Column.SCORE, 4);
    }

    @Test
    void numbersAsOfficesWriteThem() {
        assertThat(PastYearImports.decimal("92.5分")).isEqualByComparingTo("92.5");
        assertThat(PastYearImports.decimal(" 1,000 ")).isEqualByComparingTo("1000");
        assertThat(PastYearImports.decimal("九十")).isNull();
        assertThat(PastYearImports.decimal("1e400")).isNull();
    }

    @Test
    void aFileThatIsNoWorkbookIsRefused() throws IOException {
        byte[] csv = "被考核单位,得分\n".getBytes();
        assertThat(UploadedWorkbook.isXlsx(new ByteArrayInputStream(csv))).isFalse();
        assertThatThrownBy(() -> PublishedWorkbook.read(new ByteArrayInputStream(csv))).isInstanceOf(IOException.class);
    }

    @Test
    void aWorkbookWhoseXmlDeclaresEntitiesIsRefusedAndNeverReadsWhatTheyPointAt(@TempDir Path dir) throws IOException {
        String marker = "SECRET-" + UUID.randomUUID();
        Path secret = Files.writeString(dir.resolve("secret.txt"), marker);
        Path workbook = Files.write(dir.resolve("published.xlsx"), workbook(book -> {
            Sheet sheet = book.createSheet("汇总表");
            Row head = sheet.createRow(0);
            head.createCell(0).setCellValue("被考核单位");
            head.createCell(1).setCellValue("得分");
            Row row = sheet.createRow(1);
            row.createCell(0).setCellValue("市检察院");
            row.createCell(1).setCellValue(90);
        }));
        assertThat(PublishedWorkbook.read(Files.newInputStream(workbook)).sheets().get(0).rows()).hasSize(1);
        Path hostile = HostileOoxml.externalEntity(workbook, "xl/sharedStrings.xml", secret.toUri().toString());
        assertThat(HostileOoxml.naiveText(hostile, "xl/sharedStrings.xml")).as("a resolving parser reads the file")
                .contains(marker);

        assertThatThrownBy(() -> PublishedWorkbook.read(Files.newInputStream(hostile)))
                .isInstanceOf(IOException.class).hasMessageNotContaining(marker);
        assertThatThrownBy(() -> PublishedWorkbook.read(Files.newInputStream(
                HostileOoxml.entityExpansion(workbook, "xl/sharedStrings.xml")))).isInstanceOf(IOException.class);
    }

    private static byte[] workbook(java.util.function.Consumer<XSSFWorkbook> fill) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            fill.accept(book);
            book.write(out);
            return out.toByteArray();
        }
    }
}
