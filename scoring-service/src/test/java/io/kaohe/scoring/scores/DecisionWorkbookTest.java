package io.kaohe.scoring.scores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kaohe.contracts.rubric.DeductionPerIncident;
import io.kaohe.contracts.rubric.Judged;
import io.kaohe.contracts.rubric.QuantifiedRate;
import io.kaohe.contracts.rubric.Threshold;
import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.testsupport.HostileOoxml;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** The decisions workbook's reader and template, without a server: what each cell becomes. */
class DecisionWorkbookTest {

    private static final List<String> HEADERS = List.copyOf(DecisionWorkbook.DECISION_COLUMNS.values());

    @Test
    void readsDeductionsBonusesAndJudgedScoresWithTheirCells() throws IOException {
        byte[] file = workbook(book -> {
            Sheet sheet = decisions(book);
            row(sheet, 1, "bz-sjw", "市纪委", "eff.1", "中心组", "扣分", "0.1", null, null, "未按时完成", "省委巡视通报",
                    "2015/7/15", "通报〔2015〕3号；notice-2");
            row(sheet, 2, "bz-sjw", null, "key.1", null, "加分", null, "3", null, "完成3项", null, "2015年7月1日", null);
            row(sheet, 4, "bz-zjfy", null, "duty.1", null, "评定得分", "4.5", null, null, "良好", null, null, null);
        });
        DecisionWorkbookReader.Read read = DecisionWorkbookReader.read(new ByteArrayInputStream(file));

        assertThat(read.faults()).isEmpty();
        assertThat(read.rows()).hasSize(3);
        DecisionWorkbookReader.WorkbookRow first = read.rows().get(0);
        assertThat(first.sheet()).isEqualTo(DecisionWorkbook.DECISIONS);
        assertThat(first.number()).isEqualTo(2);
        DecisionRequest r = first.request();
        assertThat(r.unitCode()).isEqualTo("bz-sjw");
        assertThat(r.kind()).isEqualTo("DEDUCTION");
        assertThat(r.amount().decimalValue()).isEqualByComparingTo("0.1");
        assertThat(r.count()).isNull();
        assertThat(r.source()).isEqualTo("省委巡视通报");
        assertThat(r.date()).isEqualTo("2015-07-15");
        assertThat(r.evidenceRefs()).containsExactly("通报〔2015〕3号", "notice-2");
        assertThat(first.unitName()).isEqualTo("市纪委");
        assertThat(first.column("reason")).isEqualTo(9);
        assertThat(first.column("evidenceRefs[1]")).isEqualTo(12);

        DecisionRequest bonus = read.rows().get(1).request();
        assertThat(bonus.kind()).isEqualTo("BONUS");
        assertThat(bonus.count().decimalValue()).isEqualByComparingTo("3");
        assertThat(bonus.date()).isEqualTo("2015-07-01");

        DecisionWorkbookReader.WorkbookRow judged = read.rows().get(2);
        assertThat(judged.number()).isEqualTo(5);
        assertThat(judged.request().kind()).isEqualTo("JUDGED");
        assertThat(judged.request().score().decimalValue()).isEqualByComparingTo("4.5");
        assertThat(judged.request().amount()).isNull();
        // A judged score is written under 分值: its faults ("score") are located there.
        assertThat(judged.column("score")).isEqualTo(6);
    }

    @Test
    void leavesWhatIsNotANumberOrADateForTheDecisionsOwnChecksAndLocatesUnknownKinds() throws IOException {
        byte[] file = workbook(book -> {
            Sheet sheet = decisions(book);
            row(sheet, 1, "bz-sjw", null, "eff.1", null, "罚款", "三分", null, null, "x", null, "去年夏天", null);
        });
        DecisionWorkbookReader.Read read = DecisionWorkbookReader.read(new ByteArrayInputStream(file));

        DecisionRequest r = read.rows().get(0).request();
        assertThat(r.amount().isTextual()).isTrue();
        assertThat(r.amount().textValue()).isEqualTo("三分");
        assertThat(r.date()).isEqualTo("去年夏天");
        assertThat(read.faults()).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo("scoring.workbook.kind-unknown");
            assertThat(f.row()).isEqualTo(2);
            assertThat(f.column()).isEqualTo(5);
        });
    }

    @Test
    void readsExcelDatesAndNumbersAsTheyAreShownNotAsBinaryFractions() throws IOException {
        byte[] file = workbook(book -> {
            Sheet sheet = decisions(book);
            row(sheet, 1, "bz-sjw", null, "eff.1", null, "DEDUCTION", null, null, null, "迟报", null, null, null);
            Row row = sheet.getRow(1);
            row.createCell(5).setCellValue(0.1 + 0.2);
            CellStyle dates = book.createCellStyle();
            dates.setDataFormat(book.createDataFormat().getFormat("yyyy/m/d"));
            row.createCell(10).setCellValue(LocalDate.of(2015, 12, 31));
            row.getCell(10).setCellStyle(dates);
        });
        DecisionRequest r = DecisionWorkbookReader.read(new ByteArrayInputStream(file)).rows().get(0).request();
        assertThat(r.amount().decimalValue()).isEqualByComparingTo("0.3");
        assertThat(r.date()).isEqualTo("2015-12-31");
        assertThat(r.amount().decimalValue().scale()).isEqualTo(1);
        assertThat(r.kind()).isEqualTo("DEDUCTION");
    }

    @Test
    void readsADateInExcelsDefaultShortFormatAsAnIsoDate() throws IOException {
        byte[] file = workbook(book -> {
            Sheet sheet = decisions(book);
            row(sheet, 1, "bz-sjw", null, "eff.1", null, "扣分", "0.1", null, null, "迟报", null, null, null);
            CellStyle builtin = book.createCellStyle();
            builtin.setDataFormat((short) 14); // m/d/yy, shown in the reader's locale
            sheet.getRow(1).createCell(10).setCellValue(LocalDate.of(2015, 7, 5));
            sheet.getRow(1).getCell(10).setCellStyle(builtin);
        });
        assertThat(DecisionWorkbookReader.read(new ByteArrayInputStream(file)).rows().get(0).request().date())
                .isEqualTo("2015-07-05");
    }

    @Test
    void rowsPastTheLimitAreCountedNotKept() throws IOException {
        byte[] file = workbook(book -> {
            Sheet sheet = decisions(book);
            for (int r = 1; r <= DecisionWorkbook.MAX_ROWS + 2; r++) {
                row(sheet, r, "bz-sjw", null, "eff.1", null, "扣分", "0.01", null, null, "第" + r + "次", null, null, null);
            }
        });
        DecisionWorkbookReader.Read read = DecisionWorkbookReader.read(new ByteArrayInputStream(file));
        assertThat(read.rows()).hasSize(DecisionWorkbook.MAX_ROWS);
        assertThat(read.faults()).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo("scoring.workbook.too-many-rows");
            assertThat(f.args()).containsExactly(DecisionWorkbook.MAX_ROWS + 2, DecisionWorkbook.MAX_ROWS);
        });
    }

    @Test
    void aMissingColumnIsAFaultOfTheHeaderAndNoRowIsRead() throws IOException {
        byte[] file = workbook(book -> {
            Sheet sheet = book.createSheet(DecisionWorkbook.DECISIONS);
            Row head = sheet.createRow(0);
            head.createCell(0).setCellValue("单位代码");
            head.createCell(1).setCellValue("指标代码");
            head.createCell(2).setCellValue("类 型");
            sheet.createRow(1).createCell(0).setCellValue("bz-sjw");
        });
        DecisionWorkbookReader.Read read = DecisionWorkbookReader.read(new ByteArrayInputStream(file));
        assertThat(read.rows()).isEmpty();
        assertThat(read.faults()).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo("scoring.workbook.column-missing");
            assertThat(f.args()).containsExactly("理由");
            assertThat(f.row()).isEqualTo(1);
        });
    }

    @Test
    void aFileThatIsNoWorkbookIsRefused() {
        assertThatThrownBy(() -> DecisionWorkbookReader.read(new ByteArrayInputStream("单位代码,指标代码\n".getBytes())))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aWorkbookWhoseXmlDeclaresEntitiesIsRefusedAndNeverReadsWhatTheyPointAt(@TempDir Path dir) throws IOException {
        String marker = "SECRET-" + UUID.randomUUID();
        Path secret = Files.writeString(dir.resolve("secret.txt"), marker);
        Path workbook = Files.write(dir.resolve("decisions.xlsx"),
                workbook(book -> row(decisions(book), 1, "bz-sjw", "1.2", "扣分", "0.5", "三会一课记录不全")));
        assertThat(DecisionWorkbookReader.read(Files.newInputStream(workbook)).rows()).hasSize(1);
        Path hostile = HostileOoxml.externalEntity(workbook, "xl/sharedStrings.xml", secret.toUri().toString());
        assertThat(HostileOoxml.naiveText(hostile, "xl/sharedStrings.xml")).as("a resolving parser reads the file")
                .contains(marker);

        assertThatThrownBy(() -> DecisionWorkbookReader.read(Files.newInputStream(hostile)))
                .isInstanceOf(IOException.class).hasStackTraceContaining("DOCTYPE").hasMessageNotContaining(marker);
        assertThatThrownBy(() -> DecisionWorkbookReader.read(Files.newInputStream(
                HostileOoxml.entityExpansion(workbook, "xl/sharedStrings.xml")))).isInstanceOf(IOException.class);
    }

    @Test
    void theTemplateListsTheDepartmentsUnitsAndItemsAndReadsBackItsMeasuredRowsOnceFilled() throws IOException {
        UnitItem rate = item("eff.3", "中心组学习", new QuantifiedRate("得分=单位活动实际开展数÷单位需开展活动数×0.5"), "0.5");
        UnitItem threshold = item("duty.3", "审限内结案率达95%", new Threshold(new BigDecimal("95"), new BigDecimal("0.1"),
                "每少完成一个百分点扣0.1分"), "2");
        UnitItem incidents = item("eff.1", "按时完成", new DeductionPerIncident(new BigDecimal("0.01"), "1次扣0.01分"), "5");
        UnitItem judged = item("duty.1", "驻村帮扶", new Judged("根据完成情况计分"), "5");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DecisionTemplate.write("2015年度考核", List.of(
                new DecisionTemplate.UnitItems("bz-sjw", "市纪委", List.of(rate, incidents, judged)),
                new DecisionTemplate.UnitItems("bz-zjfy", "市中级法院", List.of(threshold))), out);

        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            assertThat(book.getSheetAt(0).getSheetName()).isEqualTo(DecisionWorkbook.DECISIONS);
            Row head = book.getSheet(DecisionWorkbook.DECISIONS).getRow(0);
            assertThat(head.getCell(0).getStringCellValue()).isEqualTo("单位代码");
            assertThat(head.getCell(4).getStringCellValue()).isEqualTo("类型");
            assertThat(book.getSheet(DecisionWorkbook.DECISIONS).getDataValidations()).hasSize(3);
            Sheet items = book.getSheet(DecisionTemplate.ITEMS);
            assertThat(items.getLastRowNum()).isEqualTo(4);
            assertThat(items.getRow(4).getCell(2).getStringCellValue()).isEqualTo("duty.3");
            Sheet measured = book.getSheet(DecisionWorkbook.MEASURED);
            // Only the quantified items: the rate and the threshold, not the per-incident or judged ones.
            assertThat(measured.getLastRowNum()).isEqualTo(2);
            assertThat(measured.getRow(1).getCell(2).getStringCellValue()).isEqualTo("eff.3");
            assertThat(measured.getRow(1).getCell(8).getStringCellValue()).isEqualTo("实际完成数");
            assertThat(measured.getRow(1).getCell(10).getStringCellValue()).isEqualTo("应完成数");

            measured.getRow(1).createCell(9).setCellValue(1);
            measured.getRow(1).createCell(11).setCellValue(3);
            measured.getRow(1).createCell(4).setCellValue("应开展3次，实际1次");
            ByteArrayOutputStream filled = new ByteArrayOutputStream();
            book.write(filled);

            DecisionWorkbookReader.Read read = DecisionWorkbookReader.read(new ByteArrayInputStream(filled.toByteArray()));
            assertThat(read.faults()).isEmpty();
            // The threshold row has no value: the department has not measured it, so it is not a row to record.
            assertThat(read.rows()).singleElement().satisfies(row -> {
                assertThat(row.measured()).isTrue();
                assertThat(row.number()).isEqualTo(2);
                assertThat(row.request().kind()).isEqualTo("MEASUREMENT");
                assertThat(row.request().measured().get("实际完成数").decimalValue()).isEqualByComparingTo("1");
                assertThat(row.request().measured().get("应完成数").decimalValue()).isEqualByComparingTo("3");
                assertThat(row.column("measured.应完成数")).isEqualTo(12);
                assertThat(row.request().reason()).isEqualTo("应开展3次，实际1次");
            });
        }
    }

    @Test
    void measuredValuesReadAsOfficesWriteThem() {
        assertThat(DecisionWorkbookReader.measuredValue("93.5%").decimalValue()).isEqualByComparingTo("93.5");
        assertThat(DecisionWorkbookReader.measuredValue("是").booleanValue()).isTrue();
        assertThat(DecisionWorkbookReader.measuredValue("未完成").booleanValue()).isFalse();
        assertThat(DecisionWorkbookReader.measuredValue("约九成").textValue()).isEqualTo("约九成");
        assertThat(DecisionWorkbookReader.date("2015.7.5")).isEqualTo("2015-07-05");
        assertThat(DecisionWorkbookReader.date("2015-02-30")).isEqualTo("2015-02-30");
    }

    private static UnitItem item(String code, String title, io.kaohe.contracts.rubric.ScoringRule rule, String points) {
        return new UnitItem(code, title, List.of("工作效能"), "eff", "工作效能", new BigDecimal(points), rule,
                List.of("swzzb"), "12月底", null);
    }

    private interface Filler {
        void fill(Workbook book) throws IOException;
    }

    private static byte[] workbook(Filler filler) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            filler.fill(book);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            book.write(out);
            return out.toByteArray();
        }
    }

    private static Sheet decisions(Workbook book) {
        Sheet sheet = book.createSheet(DecisionWorkbook.DECISIONS);
        Row head = sheet.createRow(0);
        for (int c = 0; c < HEADERS.size(); c++) {
            head.createCell(c).setCellValue(HEADERS.get(c));
        }
        return sheet;
    }

    private static void row(Sheet sheet, int index, String... values) {
        Row row = sheet.createRow(index);
        for (int c = 0; c < values.length; c++) {
            if (values[c] != null) {
                row.createCell(c).setCellValue(values[c]);
            }
        }
    }
}
