package io.kaohe.rubric.importing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.rubric.RubricIntegrationTest;
import io.kaohe.testsupport.Tokens;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The roster as offices keep it: exported, edited in Excel, imported back. Every test starts from
 * the export, so the roster's other entries stay listed (a sheet's absentees are deactivated).
 */
class RosterImportIT extends RubricIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(RosterImportIT.class);

    private ResponseEntity<JsonNode> upload(String token, byte[] content) {
        return upload("/api/rubric/roster/imports", token, content, "名册.xlsx");
    }

    private ResponseEntity<JsonNode> apply(String token) {
        return call(HttpMethod.POST, "/api/rubric/roster/imports/" + token, office(), null);
    }

    private XSSFWorkbook exported() throws IOException {
        ResponseEntity<byte[]> export = http.exchange("/api/rubric/roster/export", HttpMethod.GET,
                new HttpEntity<>(bearer(office())), byte[].class);
        assertThat(export.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(export.getHeaders().getETag()).isNotBlank();
        return new XSSFWorkbook(new ByteArrayInputStream(export.getBody()));
    }

    private String etag() {
        return http.exchange("/api/rubric/roster/export", HttpMethod.GET, new HttpEntity<>(bearer(office())), byte[].class)
                .getHeaders().getETag();
    }

    private static byte[] bytes(XSSFWorkbook workbook) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        workbook.write(out);
        workbook.close();
        return out.toByteArray();
    }

    private static void append(Sheet sheet, String... cells) {
        Row row = sheet.createRow(sheet.getLastRowNum() + 1);
        for (int i = 0; i < cells.length; i++) {
            if (cells[i] != null) {
                row.createCell(i).setCellValue(cells[i]);
            }
        }
    }

    private static Row rowOf(Sheet sheet, String code) {
        for (Row row : sheet) {
            if (row.getCell(0) != null && code.equals(row.getCell(0).getStringCellValue())) {
                return row;
            }
        }
        throw new AssertionError("no row " + code);
    }

    private long count(String sql, String prefix) {
        return db.sql(sql).param("p", prefix + "%").query(Long.class).single();
    }

    @Test
    void aCountyOf130UnitsImportsInOneStepAndAReImportShowsWhatChangesBeforeItIsApplied() throws Exception {
        String p = unique("xz");
        XSSFWorkbook workbook = exported();
        append(workbook.getSheet(RosterSheets.CATEGORIES), p + "-township", "乡镇" + p);
        append(workbook.getSheet(RosterSheets.CATEGORIES), p + "-dept", "县直部门" + p);
        Sheet units = workbook.getSheet(RosterSheets.UNITS);
        List<String> codes = new ArrayList<>();
        for (int town = 0; town < 10; town++) {
            String parent = p + "-t" + town;
            append(units, parent, "第" + town + "镇", "乡镇" + p, null);
            codes.add(parent);
            for (int village = 0; village < 12; village++) {
                String code = parent + "-v" + village;
                append(units, code, "第" + town + "镇第" + village + "村", p + "-township", parent);
                codes.add(code);
            }
        }
        Sheet contacts = workbook.getSheet(RosterSheets.CONTACTS);
        append(contacts, "单位", p + "-t0", null, "填报人", "张三", "13800000001", "zhangsan@example.cn", null);
        append(contacts, "单位", p + "-t0", null, "单位负责人", "李四", "13800000002", null, null);
        assertThat(codes).hasSize(130);

        long started = System.nanoTime();
        ResponseEntity<JsonNode> preview = upload(office(), bytes(workbook));
        long previewed = System.nanoTime();
        assertThat(preview.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode diff = preview.getBody().get("diff");
        assertThat(diff.at("/units/added")).hasSize(130);
        assertThat(diff.at("/categories/added")).hasSize(2);
        assertThat(diff.at("/contacts/added")).hasSize(2);
        assertThat(preview.getBody().at("/counts/removed").asInt()).isZero();
        assertThat(preview.getBody().at("/counts/changed").asInt()).isZero();
        // a preview writes nothing to the roster
        assertThat(count("select count(*) from unit where code like :p", p)).isZero();

        String token = preview.getBody().get("token").asText();
        ResponseEntity<JsonNode> applied;
        try (KafkaConsumer<String, String> consumer = consumer()) {
            applied = apply(token);
            long done = System.nanoTime();
            log.info("130-unit roster workbook: preview {} ms, apply {} ms", (previewed - started) / 1_000_000,
                    (done - previewed) / 1_000_000);
            assertThat(applied.getStatusCode()).isEqualTo(HttpStatus.OK);
            JsonNode event = awaitEvent(consumer, e -> "RosterChanged".equals(e.get("type").asText())
                    && (p + "-t3-v7").equals(e.at("/data/code").asText()));
            assertThat(event.at("/data/action").asText()).isEqualTo("CREATED");
            assertThat(event.at("/data/parent").asText()).isEqualTo(p + "-t3");
            assertThat(event.at("/data/category").asText()).isEqualTo(p + "-township");
        }
        assertThat(count("select count(*) from unit where code like :p and active", p)).isEqualTo(130);
        // the office's order is the sheet's order
        List<String> listed = new ArrayList<>();
        call(HttpMethod.GET, "/api/rubric/roster/units", office(), null).getBody().forEach(u -> {
            if (u.get("code").asText().startsWith(p)) {
                listed.add(u.get("code").asText());
            }
        });
        assertThat(listed).containsExactlyElementsOf(codes);
        assertThat(db.sql("select count(*) from roster_history where action = 'IMPORTED' and detail ->> 'token' = :t")
                .param("t", token).query(Long.class).single()).isEqualTo(1);
        assertThat(apply(token).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

        // re-import: one unit renamed, one moved to another category, one dropped
        workbook = exported();
        units = workbook.getSheet(RosterSheets.UNITS);
        rowOf(units, p + "-t1-v1").getCell(1).setCellValue("第1镇第1村（更名）");
        rowOf(units, p + "-t2").getCell(2).setCellValue(p + "-dept");
        units.removeRow(rowOf(units, p + "-t9-v11"));
        ResponseEntity<JsonNode> again = upload(office(), bytes(workbook));
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        diff = again.getBody().get("diff");
        assertThat(diff.at("/units/added")).isEmpty();
        assertThat(diff.at("/units/changed")).extracting(c -> c.get("code").asText() + " " + c.at("/changes/0/field").asText()
                + " " + c.at("/changes/0/before").asText() + "→" + c.at("/changes/0/after").asText())
                .containsExactlyInAnyOrder(p + "-t1-v1 name 第1镇第1村→第1镇第1村（更名）",
                        p + "-t2 category " + p + "-township→" + p + "-dept");
        assertThat(diff.at("/units/removed")).singleElement().satisfies(r -> {
            assertThat(r.get("code").asText()).isEqualTo(p + "-t9-v11");
            assertThat(r.get("how").asText()).isEqualTo("DEACTIVATED");
        });

        // the roster changes after the preview: the preview is stale
        assertThat(call(HttpMethod.PUT, "/api/rubric/roster/categories/" + p + "-dept", office(),
                Map.of("name", "县直部门（改）" + p)).getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<JsonNode> stale = apply(again.getBody().get("token").asText());
        assertThat(stale.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(stale.getBody().get("code").asText()).isEqualTo("rubric.roster.import.stale");
        assertThat(db.sql("select name from unit where code = :c").param("c", p + "-t1-v1").query(String.class).single())
                .isEqualTo("第1镇第1村");

        ResponseEntity<JsonNode> fresh = upload(office(), bytes(editedAgain(p)));
        assertThat(apply(fresh.getBody().get("token").asText()).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(db.sql("select active from unit where code = :c").param("c", p + "-t9-v11").query(Boolean.class).single())
                .isFalse();
        assertThat(db.sql("select name from unit where code = :c").param("c", p + "-t1-v1").query(String.class).single())
                .isEqualTo("第1镇第1村（更名）");
    }

    private XSSFWorkbook editedAgain(String p) throws IOException {
        XSSFWorkbook workbook = exported();
        Sheet units = workbook.getSheet(RosterSheets.UNITS);
        rowOf(units, p + "-t1-v1").getCell(1).setCellValue("第1镇第1村（更名）");
        units.removeRow(rowOf(units, p + "-t9-v11"));
        return workbook;
    }

    @Test
    void fortyAssessingDepartmentsImportInOneStepFromAWorkbookOfThatSheetAlone() throws Exception {
        String p = unique("bm");
        XSSFWorkbook exported = exported();
        XSSFWorkbook workbook = new XSSFWorkbook();
        Sheet departments = workbook.createSheet(RosterSheets.DEPARTMENTS);
        for (Row row : exported.getSheet(RosterSheets.DEPARTMENTS)) {
            append(departments, row.getCell(0).getStringCellValue(), row.getCell(1).getStringCellValue());
        }
        exported.close();
        for (int i = 0; i < 40; i++) {
            append(departments, p + "-" + i, "县第" + i + "部门" + p);
        }
        long units = db.sql("select count(*) from unit where active").query(Long.class).single();

        long started = System.nanoTime();
        ResponseEntity<JsonNode> preview = upload(office(), bytes(workbook));
        ResponseEntity<JsonNode> applied = apply(preview.getBody().get("token").asText());
        log.info("40-department roster workbook: preview and apply {} ms", (System.nanoTime() - started) / 1_000_000);

        assertThat(applied.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(applied.getBody().at("/diff/departments/added")).hasSize(40);
        assertThat(applied.getBody().at("/counts/removed").asInt()).isZero();
        assertThat(count("select count(*) from assessing_department where code like :p and active", p)).isEqualTo(40);
        // the sheets left out are left alone
        assertThat(db.sql("select count(*) from unit where active").query(Long.class).single()).isEqualTo(units);
    }

    @Test
    void aWorkbookWithFaultsIsRefusedWithEachFaultLocatedAndNothingIsStoredOrChanged() throws Exception {
        String fingerprint = etag();
        long previews = db.sql("select count(*) from roster_import").query(Long.class).single();
        XSSFWorkbook workbook = new XSSFWorkbook();
        Sheet units = workbook.createSheet(RosterSheets.UNITS);
        append(units, "编码", "名称", "类别", "上级单位");
        append(units, "ok-unit", "好单位", "county", null);
        append(units, "bad-unit", "坏单位", "火星", null);
        append(units, "BAD", "", "county", "nowhere");

        ResponseEntity<JsonNode> refused = upload(office(), bytes(workbook));

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().get("code").asText()).isEqualTo("rubric.roster.import.invalid");
        assertThat(refused.getBody().get("errors")).extracting(e -> e.get("location").asText())
                .containsExactly("单位!R3:C3", "单位!R4:C1", "单位!R4:C2", "单位!R4:C4");
        assertThat(refused.getBody().at("/errors/0/message").asText()).contains("火星");
        assertThat(db.sql("select count(*) from roster_import").query(Long.class).single()).isEqualTo(previews);
        assertThat(etag()).isEqualTo(fingerprint);
    }

    @Test
    void contactsAreTheOfficesAndEachUnitsOwnAndRefusalsAreAudited() {
        long before = audited();
        assertThat(call(HttpMethod.GET, "/api/rubric/roster/contacts", Tokens.forUser("reporter.sjw"), null).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(http.exchange("/api/rubric/roster/export", HttpMethod.GET,
                new HttpEntity<>(bearer(Tokens.forUser("reviewer.swzzb"))), byte[].class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(call(HttpMethod.GET, "/api/rubric/roster/units/bz-sjw/contacts", Tokens.forUser("reporter.sjw"), null)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(call(HttpMethod.GET, "/api/rubric/roster/units/bz-zjfy/contacts", Tokens.forUser("reporter.sjw"), null)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(call(HttpMethod.GET, "/api/rubric/roster/departments/swzzb/contacts", Tokens.forUser("reviewer.swzzb"),
                null).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(upload(Tokens.forUser("reviewer.swzzb"), new byte[] {1}).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(audited()).isEqualTo(before + 4);
        assertThat(call(HttpMethod.GET, "/api/rubric/roster/contacts", office(), null).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void aSavedUnitListKeepsItsUnitsAndRefusesUnknownOnesAtTheirIndex() {
        String code = unique("list");
        ResponseEntity<JsonNode> refused = call(HttpMethod.PUT, "/api/rubric/roster/lists/" + code, office(),
                Map.of("name", "乡镇", "units", List.of("bz-sjw", "no-such-unit")));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().at("/errors/0/location").asText()).isEqualTo("units[1]");

        assertThat(call(HttpMethod.PUT, "/api/rubric/roster/lists/" + code, office(),
                Map.of("name", "纪检与法院", "units", List.of("bz-zjfy", "bz-sjw"))).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode list = call(HttpMethod.GET, "/api/rubric/roster/lists/" + code, Tokens.forUser("leader"), null).getBody();
        assertThat(list.get("units")).extracting(JsonNode::asText).containsExactly("bz-zjfy", "bz-sjw");
    }
}
