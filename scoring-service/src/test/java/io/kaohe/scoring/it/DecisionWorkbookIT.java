package io.kaohe.scoring.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.contracts.events.CycleOpened;
import io.kaohe.contracts.events.Topics;
import io.kaohe.testsupport.Tokens;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/**
 * A department's deduction list (扣分清单) as a workbook: its template, the preview of the points each row
 * gives, every fault located at its cell with nothing written, and a 150-row commit in one step that a
 * second post does not record again.
 */
class DecisionWorkbookIT extends ScoringITBase {

    private static final List<CycleOpened.Unit> UNITS = Fixtures.cycleUnits("bz-sjw", "bz-zjfy", "bz-x1");
    /** Columns of sheet 扣分加分 (0-based) as the template writes them. */
    private static final int UNIT = 0, ITEM = 2, KIND = 4, AMOUNT = 5, COUNT = 6, MEASURE = 7, REASON = 8,
            SOURCE = 9, DATE = 10;

    @Test
    void theTemplateListsOnlyTheDepartmentsOwnUnitsAndItems() throws IOException {
        String cycle = newCycleId("wb-tpl");
        openCycle(cycle, Fixtures.TARGETS, UNITS);

        try (Workbook swzzb = template(cycle, "reviewer.swzzb", null)) {
            List<String> pairs = listed(swzzb);
            assertThat(pairs).contains("bz-sjw/eff.1", "bz-zjfy/duty.2", "bz-x1/key.2", "bz-sjw/key.3")
                    .doesNotContain("bz-sjw/duty.1", "bz-zjfy/key.3").hasSize(3 * 7 + 1);
            Sheet measured = swzzb.getSheet("测量值");
            List<String> quantified = new ArrayList<>();
            for (int r = 1; r <= measured.getLastRowNum(); r++) {
                quantified.add(measured.getRow(r).getCell(0).getStringCellValue() + "/"
                        + measured.getRow(r).getCell(2).getStringCellValue());
            }
            // The rate, the threshold, the all-or-nothing and the converted item; never a per-incident one.
            assertThat(quantified).contains("bz-sjw/eff.3", "bz-sjw/duty.3", "bz-sjw/key.2", "bz-sjw/key.3")
                    .doesNotContain("bz-sjw/eff.1").hasSize(3 * 3 + 1);
            assertThat(swzzb.getSheet("扣分加分").getDataValidations()).hasSize(3);
        }
        try (Workbook fpymj = template(cycle, "reviewer.fpymj", null)) {
            assertThat(listed(fpymj)).containsExactly("bz-sjw/duty.1", "bz-zjfy/duty.1", "bz-x1/duty.1");
        }
        try (Workbook office = template(cycle, "office", "sfpymj")) {
            assertThat(listed(office)).containsExactly("bz-sjw/duty.1", "bz-zjfy/duty.1", "bz-x1/duty.1");
        }
        // An inspector: the units assigned to it, with every item (it may decide on any of theirs).
        try (Workbook inspector = template(cycle, "inspector.1", null)) {
            assertThat(listed(inspector)).contains("bz-sjw/duty.1", "bz-sjw/eff.1", "bz-sjw/key.3")
                    .noneMatch(pair -> pair.startsWith("bz-x1/"));
        }
        assertThat(bytes("/api/scoring/cycles/" + cycle + "/decision-workbook", "office").getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bytes("/api/scoring/cycles/" + cycle + "/decision-workbook", "reporter.sjw").getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void thePreviewAnswersThePointsEachRowGivesAndWritesNothing() throws IOException {
        String cycle = newCycleId("wb-pre");
        openCycle(cycle, Fixtures.TARGETS, UNITS);
        byte[] file = filled(template(cycle, "reviewer.swzzb", null), book -> {
            Sheet sheet = book.getSheet("扣分加分");
            line(sheet, 1, Map.of(UNIT, "bz-sjw", ITEM, "eff.1", KIND, "扣分", AMOUNT, "0.1",
                    REASON, "市委交办事项未按时完成", SOURCE, "督查通报", DATE, "2015/7/15"));
            line(sheet, 2, Map.of(UNIT, "bz-sjw", ITEM, "duty.2", KIND, "扣分", COUNT, "3", MEASURE, "人",
                    REASON, "立案查办贪污贿赂犯罪少3人"));
            line(sheet, 3, Map.of(UNIT, "bz-zjfy", ITEM, "key.1", KIND, "加分", COUNT, "2", REASON, "完成2项"));
            measure(book, "bz-sjw", "eff.3", "应开展3次，实际1次", "1", "3");
        });

        JsonNode preview = post(cycle, "reviewer.swzzb", file, true);
        assertThat(preview.get("rows").asInt()).isEqualTo(4);
        assertThat(preview.get("faulty").asInt()).isZero();
        assertThat(preview.get("committed").asBoolean()).isFalse();
        Map<String, JsonNode> byRow = byRow(preview);
        JsonNode eff1 = byRow.get("扣分加分!2");
        assertThat(eff1.get("status").asText()).isEqualTo("NEW");
        assertThat(eff1.get("before").decimalValue()).isEqualByComparingTo("5.00");
        assertThat(eff1.get("after").decimalValue()).isEqualByComparingTo("4.90");
        assertThat(eff1.get("points").decimalValue()).isEqualByComparingTo("-0.10");
        assertThat(eff1.get("itemTitle").asText()).isEqualTo("按时完成市委安排各项工作和任务");
        assertThat(byRow.get("扣分加分!3").get("points").decimalValue()).isEqualByComparingTo("-0.30");
        assertThat(byRow.get("扣分加分!4").get("after").decimalValue()).isEqualByComparingTo("4.00");
        // A quantified item unmeasured so far: no score before, 1 of 3 → 0.17 after.
        JsonNode rate = byRow.values().stream().filter(r -> r.get("sheet").asText().equals("测量值")).findFirst()
                .orElseThrow();
        assertThat(rate.get("itemCode").asText()).isEqualTo("eff.3");
        assertThat(rate.get("kind").asText()).isEqualTo("MEASUREMENT");
        assertThat(rate.get("before").isNull()).isTrue();
        assertThat(rate.get("after").decimalValue()).isEqualByComparingTo("0.17");

        assertThat(decisionCount(cycle)).isZero();
        assertThat(reviewed(cycle, "bz-sjw", "eff.1")).isEqualByComparingTo("5.00");
        assertThat(reviewed(cycle, "bz-sjw", "eff.3")).isNull();
    }

    @Test
    void everyFaultIsLocatedAtItsCellAndNothingIsRecorded() throws IOException {
        String cycle = newCycleId("wb-bad");
        openCycle(cycle, Fixtures.TARGETS, UNITS);
        db.sql("update cycle_unit set frozen = true where cycle_id = ? and unit_code = 'bz-x1'").param(cycle).update();
        byte[] file = filled(template(cycle, "reviewer.swzzb", null), book -> {
            Sheet sheet = book.getSheet("扣分加分");
            line(sheet, 1, Map.of(UNIT, "bz-sjw", ITEM, "eff.1", KIND, "扣分", AMOUNT, "0.1", REASON, "正确的一行"));
            line(sheet, 2, Map.of(UNIT, "bz-nowhere", ITEM, "eff.1", KIND, "扣分", AMOUNT, "0.1", REASON, "未知单位"));
            line(sheet, 3, Map.of(UNIT, "bz-sjw", ITEM, "duty.1", KIND, "扣分", AMOUNT, "0.1", REASON, "不是本部门的"));
            line(sheet, 4, Map.of(UNIT, "bz-zjfy", ITEM, "key.3", KIND, "扣分", AMOUNT, "0.1", REASON, "不适用"));
            line(sheet, 5, Map.of(UNIT, "bz-sjw", ITEM, "eff.3", KIND, "扣分", AMOUNT, "0.6", REASON, "超过分值"));
            line(sheet, 6, Map.of(UNIT, "bz-sjw", ITEM, "eff.1", KIND, "扣分", AMOUNT, "0.1", REASON, "日期错",
                    DATE, "2015-13-45"));
            line(sheet, 7, Map.of(UNIT, "bz-sjw", ITEM, "eff.1", KIND, "扣分", AMOUNT, "0.1"));
            line(sheet, 8, Map.of(UNIT, "bz-x1", ITEM, "eff.1", KIND, "扣分", AMOUNT, "0.1", REASON, "已终审"));
        });
        long refusalsBefore = refusals();

        JsonNode preview = post(cycle, "reviewer.swzzb", file, true);
        assertThat(preview.get("faulty").asInt()).isEqualTo(7);
        Map<String, JsonNode> byRow = byRow(preview);
        assertThat(byRow.get("扣分加分!2").get("status").asText()).isEqualTo("NEW");
        assertFault(byRow.get("扣分加分!3"), "扣分加分!R3:C1", "bz-nowhere");
        assertFault(byRow.get("扣分加分!4"), "扣分加分!R4:C3", "sfpymj");
        assertFault(byRow.get("扣分加分!5"), "扣分加分!R5:C3", "不适用于单位“bz-zjfy”");
        assertFault(byRow.get("扣分加分!6"), "扣分加分!R6:C6", "0.5");
        assertFault(byRow.get("扣分加分!7"), "扣分加分!R7:C11", "2015-13-45");
        assertFault(byRow.get("扣分加分!8"), "扣分加分!R8:C9", "理由");
        assertFault(byRow.get("扣分加分!9"), "扣分加分!R9:C1", "bz-x1");
        // In words: the sheet, the row, the column and its header.
        assertThat(byRow.get("扣分加分!7").at("/faults/0/message").asText())
                .startsWith("工作表“扣分加分”第7行第11列（日期）：");

        ResponseEntity<JsonNode> commit = upload(cycle, "reviewer.swzzb", file, false);
        assertThat(commit.getStatusCode()).as(String.valueOf(commit.getBody())).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(commit.getBody().get("code").asText()).isEqualTo("scoring.workbook.invalid");
        List<String> locations = new ArrayList<>();
        commit.getBody().get("errors").forEach(e -> locations.add(e.get("location").asText()));
        assertThat(locations).containsExactly("扣分加分!R3:C1", "扣分加分!R4:C3", "扣分加分!R5:C3", "扣分加分!R6:C6",
                "扣分加分!R7:C11", "扣分加分!R8:C9", "扣分加分!R9:C1");
        assertThat(commit.getBody().get("rows")).hasSize(7);
        // All or nothing: not even the good first row.
        assertThat(decisionCount(cycle)).isZero();
        assertThat(reviewed(cycle, "bz-sjw", "eff.1")).isEqualByComparingTo("5.00");
        // The item of another department is a refusal on the object, audited like one decision's.
        assertThat(refusals()).isGreaterThan(refusalsBefore);

        // Another department's reviewer posting swzzb's items: every row refused at its item, nothing written.
        byte[] others = filled(template(cycle, "reviewer.swzzb", null), book -> line(book.getSheet("扣分加分"), 1,
                Map.of(UNIT, "bz-sjw", ITEM, "eff.1", KIND, "扣分", AMOUNT, "0.1", REASON, "越权")));
        ResponseEntity<JsonNode> foreign = upload(cycle, "reviewer.fpymj", others, false);
        assertThat(foreign.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(foreign.getBody().at("/errors/0/location").asText()).isEqualTo("扣分加分!R2:C3");
        assertThat(foreign.getBody().at("/errors/0/message").asText()).contains("sfpymj").contains("eff.1");
        assertThat(decisionCount(cycle)).isZero();

        // Over the size limit: 413 before anything is read.
        ResponseEntity<JsonNode> large = upload(cycle, "reviewer.swzzb", new byte[5 * 1024 * 1024 + 1], true);
        assertThat(large.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(large.getBody().get("code").asText()).isEqualTo("scoring.workbook.too-large");

        // Not a workbook at all.
        ResponseEntity<JsonNode> text = upload(cycle, "reviewer.swzzb", "单位代码,指标代码".getBytes(), true);
        assertThat(text.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(text.getBody().get("code").asText()).isEqualTo("scoring.workbook.not-xlsx");
    }

    @Test
    void aDepartmentsHundredAndFiftyRowListIsRecordedInOneStepAndNotTwice() throws IOException {
        String cycle = newCycleId("wb-150");
        List<CycleOpened.Unit> units = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            units.add(unit(String.format("bz-u%02d", i), "单位" + i, "party-dept"));
        }
        openCycle(cycle, Fixtures.TARGETS, units);
        byte[] file = filled(template(cycle, "reviewer.swzzb", null), book -> {
            Sheet sheet = book.getSheet("扣分加分");
            int r = 1;
            for (CycleOpened.Unit unit : units) {
                String code = unit.unitCode();
                line(sheet, r++, Map.of(UNIT, code, ITEM, "eff.1", KIND, "扣分", AMOUNT, "0.1",
                        REASON, "防范藏传佛教在非涉藏地区传播不到位", SOURCE, "省委巡视通报", DATE, "2015-07-15"));
                line(sheet, r++, Map.of(UNIT, code, ITEM, "eff.1", KIND, "扣分", AMOUNT, "0.1",
                        REASON, "网络舆情处置不及时", SOURCE, "网信办通报"));
                line(sheet, r++, Map.of(UNIT, code, ITEM, "eff.1", KIND, "扣分", COUNT, "1",
                        REASON, "市委交办事项未按时完成1次", SOURCE, "县委巡察通报"));
                line(sheet, r++, Map.of(UNIT, code, ITEM, "duty.2", KIND, "扣分", COUNT, "2", MEASURE, "人",
                        REASON, "少2人"));
                line(sheet, r++, Map.of(UNIT, code, ITEM, "key.1", KIND, "加分", COUNT, "1", REASON, "完成1项"));
            }
        });

        JsonNode preview = post(cycle, "reviewer.swzzb", file, true);
        assertThat(preview.get("rows").asInt()).isEqualTo(150);
        assertThat(preview.get("recorded").asInt()).isEqualTo(150);
        assertThat(decisionCount(cycle)).isZero();

        ResponseEntity<JsonNode> committed = upload(cycle, "reviewer.swzzb", file, false);
        assertThat(committed.getStatusCode()).as(String.valueOf(committed.getBody())).isEqualTo(HttpStatus.CREATED);
        assertThat(committed.getBody().get("recorded").asInt()).isEqualTo(150);
        assertThat(committed.getBody().get("committed").asBoolean()).isTrue();
        assertThat(decisionCount(cycle)).isEqualTo(150);
        // One audit record for the import, naming the workbook by its digest and every decision it recorded.
        String digest = committed.getBody().get("digest").asText();
        List<JsonNode> audited = io.kaohe.testsupport.AuditRecords.matching(dataSource,
                r -> "import-decisions".equals(r.path("verb").asText()) && digest.equals(r.path("objectId").asText()));
        assertThat(audited).singleElement().satisfies(r -> {
            assertThat(r.path("objectType").asText()).isEqualTo("decision-workbook");
            assertThat(r.path("username").asText()).isEqualTo("reviewer.swzzb");
            assertThat(r.path("after").asText()).contains("\"recorded\":150");
        });
        for (CycleOpened.Unit unit : units) {
            assertThat(reviewed(cycle, unit.unitCode(), "eff.1")).as(unit.unitCode()).isEqualByComparingTo("4.79");
            assertThat(reviewed(cycle, unit.unitCode(), "duty.2")).isEqualByComparingTo("4.80");
            assertThat(reviewed(cycle, unit.unitCode(), "key.1")).isEqualByComparingTo("2.00");
        }
        assertThat(db.sql("select count(*) from decision where cycle_id = ? and acting_as = 'department:swzzb' "
                + "and decided_by = 'reviewer.swzzb'").param(cycle).query(Long.class).single()).isEqualTo(150);
        // The same events as decisions entered one by one: the unit's totals after its last row.
        BigDecimal total = db.sql("select sum(reviewed_score) from item_score where cycle_id = ? and unit_code = 'bz-u30'")
                .param(cycle).query(BigDecimal.class).single();
        JsonNode event = awaitPublished(Topics.SCORING, "ScoresComputed", cycle,
                e -> "bz-u30".equals(e.path("unitid").asText())
                        && e.at("/data/reviewedTotal").decimalValue().compareTo(total) == 0);
        assertThat(event.at("/data/trigger").asText()).isEqualTo("DECISION");

        // Posted again (a double click, a retry): nothing recorded twice.
        ResponseEntity<JsonNode> again = upload(cycle, "reviewer.swzzb", file, false);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(again.getBody().get("recorded").asInt()).isZero();
        assertThat(again.getBody().get("alreadyRecorded").asInt()).isEqualTo(150);
        assertThat(decisionCount(cycle)).isEqualTo(150);
        assertThat(reviewed(cycle, "bz-u01", "eff.1")).isEqualByComparingTo("4.79");
    }

    // ------------------------------------------------------------------ helpers

    private Workbook template(String cycle, String user, String department) throws IOException {
        ResponseEntity<byte[]> response = bytes("/api/scoring/cycles/" + cycle + "/decision-workbook"
                + (department == null ? "" : "?department=" + department), user);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return new XSSFWorkbook(new ByteArrayInputStream(response.getBody()));
    }

    /** The unit/item pairs of sheet 单位和指标. */
    private static List<String> listed(Workbook book) {
        Sheet items = book.getSheet("单位和指标");
        List<String> pairs = new ArrayList<>();
        for (int r = 1; r <= items.getLastRowNum(); r++) {
            pairs.add(items.getRow(r).getCell(0).getStringCellValue() + "/" + items.getRow(r).getCell(2)
                    .getStringCellValue());
        }
        return pairs;
    }

    private interface Filling {
        void fill(Workbook book);
    }

    private static byte[] filled(Workbook book, Filling filling) throws IOException {
        try (book) {
            filling.fill(book);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            book.write(out);
            return out.toByteArray();
        }
    }

    private static void line(Sheet sheet, int index, Map<Integer, String> cells) {
        Row row = sheet.createRow(index);
        cells.forEach((column, value) -> row.createCell(column).setCellValue(value));
    }

    /** Fills the measured sheet's row of that unit and item (template order: 测量项1 值1 测量项2 值2 …). */
    private static void measure(Workbook book, String unit, String item, String reason, String... values) {
        Sheet sheet = book.getSheet("测量值");
        for (int r = 1; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            if (row.getCell(0).getStringCellValue().equals(unit) && row.getCell(2).getStringCellValue().equals(item)) {
                row.createCell(4).setCellValue(reason);
                for (int i = 0; i < values.length; i++) {
                    row.createCell(9 + 2 * i).setCellValue(Double.parseDouble(values[i]));
                }
                return;
            }
        }
        throw new AssertionError("no measured row for " + unit + "/" + item);
    }

    private JsonNode post(String cycle, String user, byte[] file, boolean preview) {
        ResponseEntity<JsonNode> response = upload(cycle, user, file, preview);
        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody()))
                .isEqualTo(preview ? HttpStatus.OK : HttpStatus.CREATED);
        return response.getBody();
    }

    private ResponseEntity<JsonNode> upload(String cycle, String user, byte[] file, boolean preview) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(Tokens.forUser(user));
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("file", new ByteArrayResource(file) {
            @Override
            public String getFilename() {
                return "扣分清单.xlsx";
            }
        });
        return http.exchange("/api/scoring/cycles/" + cycle + "/decision-workbook" + (preview ? "/preview" : ""),
                HttpMethod.POST, new HttpEntity<>(parts, headers), JsonNode.class);
    }

    private static Map<String, JsonNode> byRow(JsonNode outcome) {
        Map<String, JsonNode> rows = new HashMap<>();
        outcome.get("results").forEach(r -> rows.put(r.get("sheet").asText() + "!" + r.get("row").asInt(), r));
        return rows;
    }

    private static void assertFault(JsonNode row, String location, String words) {
        assertThat(row.get("status").asText()).as(String.valueOf(row)).isEqualTo("FAULT");
        assertThat(row.at("/faults/0/location").asText()).as(String.valueOf(row)).isEqualTo(location);
        assertThat(row.at("/faults/0/message").asText()).as(String.valueOf(row)).contains(words);
    }
}
