package io.kaohe.scoring.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.contracts.events.CycleOpened;
import io.kaohe.testsupport.AuditRecords;
import io.kaohe.testsupport.Tokens;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
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
 * Earlier years' published results (往年结果) imported for the cockpit: a real cycle's 汇总表 export read back as
 * an earlier year (preview = commit), replaced by a plain sheet, a broken sheet with every fault located and
 * nothing stored, a year the platform ran itself, deletion, and who may do it.
 */
class PastYearsIT extends ScoringITBase {

    private static final List<CycleOpened.Unit> UNITS = Fixtures.cycleUnits("bz-sjw", "bz-zjfy", "bz-x1", "bz-x2", "bz-y1");

    @Test
    void aPublishedYearIsImportedReplacedShownOnTheCockpitAndDeleted() throws IOException {
        int year = freeYear();
        int past = year - 1;
        // Two years back the platform ran a cycle itself (bz-sjw 81 of 100): an import of that year never shows.
        String earlier = newCycleId("past-years-ran");
        openCycle(earlier, year - 2, Fixtures.GRADING, List.of(UNITS.get(0)));
        judge(earlier, "bz-sjw", "76");
        String cycle = newCycleId("past-years");
        openCycle(cycle, year, Fixtures.GRADING, UNITS);
        judge(cycle, "bz-sjw", "85");
        judge(cycle, "bz-zjfy", "88");
        judge(cycle, "bz-x1", "80");
        judge(cycle, "bz-x2", "50");
        judge(cycle, "bz-y1", "70");
        assertThat(call(HttpMethod.POST, "/api/scoring/cycles/" + cycle + "/grades/proposals", "office", null)
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);

        // The platform's own 汇总表 export, read back as the year before: percent 90, 93, 85, 55 and 75 of 100.
        ResponseEntity<byte[]> export = bytes("/api/scoring/cycles/" + cycle + "/results.xlsx", "office");
        assertThat(export.getStatusCode()).isEqualTo(HttpStatus.OK);
        String title = past + "年度目标绩效考核";
        ResponseEntity<JsonNode> preview = upload("preview", export.getBody(), past, title, null, "office");
        assertThat(preview.getStatusCode()).as(String.valueOf(preview.getBody())).isEqualTo(HttpStatus.OK);
        JsonNode seen = preview.getBody();
        assertThat(seen.get("committed").asBoolean()).isFalse();
        assertThat(seen.get("faulty").asInt()).isZero();
        assertThat(seen.get("faults")).isEmpty();
        assertThat(seen.get("replaces").isNull()).isTrue();
        assertThat(seen.get("notices")).isEmpty();
        assertThat(rows(seen)).containsExactly(
                "bz-x1 party-dept 85.00/100.00 85.00 较好", "bz-sjw party-dept 90.00/100.00 90.00 好",
                "bz-zjfy party-dept 93.00/100.00 93.00 好", "bz-x2 party-dept 55.00/100.00 55.00 较差",
                "bz-y1 mass-org 75.00/100.00 75.00 一般");
        assertThat(seen.at("/results/0/sheet").asText()).isEqualTo("汇总表");
        assertThat(seen.at("/results/0/categoryName").asText()).isEqualTo("市党群部门");
        assertThat(seen.at("/results/0/notes/0").asText()).contains("考核指标及评分标准");
        assertThat(importedRows(past)).isZero();

        ResponseEntity<JsonNode> committed = upload("", export.getBody(), past, title, null, "office");
        assertThat(committed.getStatusCode()).as(String.valueOf(committed.getBody())).isEqualTo(HttpStatus.CREATED);
        assertThat(committed.getBody().get("committed").asBoolean()).isTrue();
        assertThat(committed.getBody().get("results")).isEqualTo(seen.get("results"));
        assertThat(committed.getBody().get("digest")).isEqualTo(seen.get("digest"));
        assertThat(importedRows(past)).isEqualTo(5);

        // The same export imported as the year the platform ran itself: stored, but the preview and the commit say
        // the cockpit keeps the platform's cycle of that year.
        ResponseEntity<JsonNode> ran = upload("", export.getBody(), year - 2, (year - 2) + "年度", null, "office");
        assertThat(ran.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(ran.getBody().get("platformCycles")).extracting(JsonNode::asText).containsExactly(earlier);
        assertThat(ran.getBody().get("notices")).hasSize(1);
        assertThat(importedRows(year - 2)).isEqualTo(5);

        // The cockpit: the imported year before this cycle, marked as imported, per unit and per category; the year
        // the platform ran shows its cycle only.
        JsonNode view = cockpit(cycle);
        String ranTitle = db.sql("select title from cycle where cycle_id = ?").param(earlier).query(String.class).single();
        assertThat(history(view.get("unitHistory"), "unitCode", "bz-sjw", year, cycle, earlier)).containsExactly(
                (year - 2) + " PLATFORM " + earlier + " 81.00 null " + ranTitle,
                past + " IMPORTED null 90.00 好 " + title, year + " PLATFORM " + cycle + " 90.00 好 " + view.get("title").asText());
        assertThat(history(view.get("categoryHistory"), "category", "party-dept", year, cycle, earlier))
                .containsExactly((year - 2) + " PLATFORM " + earlier + " 81.00 null " + ranTitle,
                        past + " IMPORTED null 80.75 null " + title, year + " PLATFORM " + cycle + " 80.75 null "
                        + view.get("title").asText());
        assertThat(call(HttpMethod.DELETE, "/api/scoring/past-years/" + (year - 2), "office", null).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);

        // The same year again, as a plain sheet: a title, a header further down, units by name or by code, the full
        // marks from the sheet or from the form (群团组织 by its name), grades where the sheet has them.
        byte[] plain = workbook("2024年各单位考核得分", new String[] {"序号", "单位代码", "单位名称", "类别", "得分", "满分", "等次"},
                new Object[][] {
                        {1, null, "市纪委（监察局）", "市党群部门", 45, 50, "一般"},
                        {2, "bz-x1", "检察院", null, "48.5", 50, null},
                        {3, null, "团市委", "群团组织", 80, null, "好"}});
        JsonNode again = upload("preview", plain, past, past + "年度考核（重新导入）", "{\"群团组织\": 80}", "office")
                .getBody();
        assertThat(again.get("faulty").asInt()).as(again.toString()).isZero();
        assertThat(again.at("/replaces/title").asText()).isEqualTo(title);
        assertThat(again.at("/replaces/units").asInt()).isEqualTo(5);
        assertThat(again.get("notices")).hasSize(1);
        assertThat(rows(again)).containsExactly("bz-sjw party-dept 45.00/50.00 90.00 一般",
                "bz-x1 party-dept 48.50/50.00 97.00 null", "bz-y1 mass-org 80.00/80.00 100.00 好");
        assertThat(again.at("/results/0/row").asInt()).isEqualTo(4);
        assertThat(upload("", plain, past, past + "年度考核（重新导入）", "{\"群团组织\": 80}", "office")
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(importedRows(past)).isEqualTo(3);
        assertThat(history(cockpit(cycle).get("unitHistory"), "unitCode", "bz-x1", year, cycle, earlier).get(0))
                .isEqualTo(past + " IMPORTED null 97.00 null " + past + "年度考核（重新导入）");

        // A broken sheet: an unknown unit, a score missing, a score in words, a unit twice, no full marks known:
        // every fault at its sheet, row and column, the commit refused whole, the stored year untouched.
        byte[] broken = workbook(null, new String[] {"被考核单位", "得分", "等次"}, new Object[][] {
                {"市某某局", 80, "好"},
                {"市中级法院", null, "好"},
                {"市委办公室", "九十", "一般"},
                {"团市委", 70, null},
                {"团市委", 71, null}});
        JsonNode faulty = upload("preview", broken, past, "坏的", "{\"party-dept\": 100}", "office").getBody();
        assertThat(faulty.get("faulty").asInt()).isEqualTo(5);
        assertThat(faulty.get("faults")).extracting(f -> f.get("location").asText()).containsExactly(
                "Sheet1!R2:C1", "Sheet1!R3:C2", "Sheet1!R4:C2", "Sheet1!R5", "Sheet1!R6:C1", "Sheet1!R6");
        assertThat(faulty.at("/faults/0/message").asText()).contains("Sheet1", "市某某局");
        assertThat(faulty.at("/faults/0/columnName").asText()).isEqualTo("被考核单位");
        assertThat(faulty.at("/faults/2/message").asText()).contains("九十");
        assertThat(faulty.at("/faults/3/message").asText()).contains("群团组织");
        ResponseEntity<JsonNode> refused = upload("", broken, past, "坏的", "{\"party-dept\": 100}", "office");
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().get("code").asText()).isEqualTo("scoring.past-years.invalid");
        assertThat(refused.getBody().get("errors")).hasSize(6);
        assertThat(importedRows(past)).isEqualTo(3);
        assertThat(db.sql("select title from imported_year where year = ?").param(past).query(String.class).single())
                .isEqualTo(past + "年度考核（重新导入）");

        // Not a workbook, no year: problems, nothing read.
        assertThat(upload("preview", "no workbook".getBytes(), past, title, null, "office").getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(upload("preview", plain, null, title, null, "office").getBody().get("code").asText())
                .isEqualTo("scoring.past-years.year-required");

        // This cycle's own year: the preview names the cycle, whose results the cockpit keeps.
        JsonNode thisYear = upload("preview", export.getBody(), year, year + "年度", null, "office").getBody();
        assertThat(thisYear.get("platformCycles")).extracting(JsonNode::asText).contains(cycle);
        assertThat(thisYear.get("notices")).hasSize(1);

        JsonNode listed = call(HttpMethod.GET, "/api/scoring/past-years", "office", null).getBody();
        JsonNode ours = null;
        for (JsonNode y : listed) {
            if (y.get("year").asInt() == past) {
                ours = y;
            }
        }
        assertThat(ours).isNotNull();
        assertThat(ours.get("units").asInt()).isEqualTo(3);
        assertThat(ours.get("importedBy").asText()).isNotBlank();

        // Who may: a unit's reporter and a department's reviewer are refused (audited); leaders see it only on the cockpit.
        long refusals = refusals();
        ResponseEntity<JsonNode> reporter = upload("preview", plain, past, title, null, "reporter.sjw");
        assertThat(reporter.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(reporter.getHeaders().getContentType().toString()).contains("problem+json");
        assertThat(call(HttpMethod.DELETE, "/api/scoring/past-years/" + past, "reviewer.swzzb", null).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(call(HttpMethod.GET, "/api/scoring/past-years", "reporter.sjw", null).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> refusals() >= refusals + 3);
        assertThat(importedRows(past)).isEqualTo(3);

        // Deleted: gone from the cockpit; the imports and the deletion are in the audit trail.
        assertThat(call(HttpMethod.DELETE, "/api/scoring/past-years/" + past, "office", null).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(importedRows(past)).isZero();
        assertThat(history(cockpit(cycle).get("unitHistory"), "unitCode", "bz-sjw", year, cycle, earlier))
                .containsExactly((year - 2) + " PLATFORM " + earlier + " 81.00 null " + ranTitle,
                        year + " PLATFORM " + cycle + " 90.00 好 " + view.get("title").asText());
        assertThat(call(HttpMethod.DELETE, "/api/scoring/past-years/" + past, "office", null).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        List<String> trail = new ArrayList<>();
        AuditRecords.matching(dataSource, r -> "scoring-service".equals(r.path("service").asText())
                        && "imported-year".equals(r.path("objectType").asText())
                        && String.valueOf(past).equals(r.path("objectId").asText()))
                .forEach(r -> trail.add(r.path("verb").asText() + " " + r.path("outcome").asText()));
        assertThat(trail).contains("preview SUCCESS", "import SUCCESS", "replace SUCCESS", "delete SUCCESS");
    }

    @Test
    void theImportIsDocumented() {
        JsonNode docs = http.getForObject("http://127.0.0.1:" + managementPort + "/actuator/openapi", JsonNode.class);
        assertThat(docs.get("paths").has("/api/scoring/past-years/preview")).isTrue();
        assertThat(docs.get("paths").has("/api/scoring/past-years/{year}")).isTrue();
    }

    /** A year that, with the two before it, neither a cycle nor an import of this database has (earlier runs leave theirs). */
    private int freeYear() {
        while (true) {
            int year = 2100 + ThreadLocalRandom.current().nextInt(800);
            int taken = db.sql("select (select count(*) from cycle where year between ? and ?) + "
                    + "(select count(*) from imported_year where year between ? and ?)")
                    .params(year - 2, year, year - 2, year).query(Integer.class).single();
            if (taken == 0) {
                return year;
            }
        }
    }

    private int importedRows(int year) {
        return db.sql("select count(*) from imported_result where year = ?").param(year).query(Integer.class).single();
    }

    private JsonNode cockpit(String cycle) {
        ResponseEntity<JsonNode> response = call(HttpMethod.GET, "/api/scoring/cycles/" + cycle + "/cockpit", "leader",
                null);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    /**
     * The years of one unit's or category's history this test made (its cycles, and imports of the two years before
     * {@code year}): year, source, cycle, percent, grade, title.
     */
    private static List<String> history(JsonNode histories, String key, String value, int year, String cycle,
                                        String earlier) {
        List<String> found = new ArrayList<>();
        for (JsonNode h : histories) {
            if (h.get(key).asText().equals(value)) {
                h.get("years").forEach(y -> {
                    boolean ours = y.get("year").asInt() >= year - 2 && "IMPORTED".equals(y.get("source").asText())
                            || cycle.equals(y.get("cycleId").asText()) || earlier.equals(y.get("cycleId").asText());
                    if (ours) {
                        found.add(y.get("year").asInt() + " " + y.get("source").asText() + " "
                                + (y.get("cycleId").isNull() ? "null" : y.get("cycleId").asText()) + " "
                                + y.get("percent").decimalValue().setScale(2) + " "
                                + (y.get("grade").isNull() ? "null" : y.get("grade").asText()) + " "
                                + y.get("title").asText());
                    }
                });
            }
        }
        return found;
    }

    private static List<String> rows(JsonNode outcome) {
        List<String> rows = new ArrayList<>();
        outcome.get("results").forEach(r -> rows.add(r.get("unitCode").asText() + " " + r.get("category").asText() + " "
                + r.get("score").decimalValue().setScale(2) + "/" + r.get("fullMarks").decimalValue().setScale(2) + " "
                + r.get("percent").decimalValue().setScale(2) + " "
                + (r.get("grade").isNull() ? "null" : r.get("grade").asText())));
        return rows;
    }

    /** A plain sheet "Sheet1": an optional title row and a blank row, the header, then the rows (null: no cell). */
    private static byte[] workbook(String title, String[] header, Object[][] rows) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("Sheet1");
            int r = 0;
            if (title != null) {
                sheet.createRow(r).createCell(0).setCellValue(title);
                r += 2;
            }
            Row head = sheet.createRow(r++);
            for (int c = 0; c < header.length; c++) {
                head.createCell(c).setCellValue(header[c]);
            }
            for (Object[] values : rows) {
                Row row = sheet.createRow(r++);
                for (int c = 0; c < values.length; c++) {
                    if (values[c] instanceof Number n) {
                        row.createCell(c).setCellValue(n.doubleValue());
                    } else if (values[c] != null) {
                        row.createCell(c).setCellValue(values[c].toString());
                    }
                }
            }
            book.write(out);
            return out.toByteArray();
        }
    }

    private ResponseEntity<JsonNode> upload(String what, byte[] file, Integer year, String title, String fullMarks,
                                            String user) {
        LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new ByteArrayResource(file) {
            @Override
            public String getFilename() {
                return "汇总表.xlsx";
            }
        });
        if (year != null) {
            form.add("year", String.valueOf(year));
        }
        form.add("title", title);
        if (fullMarks != null) {
            form.add("fullMarks", fullMarks);
        }
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(Tokens.forUser(user));
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return http.exchange("/api/scoring/past-years" + (what.isEmpty() ? "" : "/" + what), HttpMethod.POST,
                new HttpEntity<>(form, headers), JsonNode.class);
    }

    private void judge(String cycle, String unit, String score) {
        ResponseEntity<JsonNode> response = decide(cycle, "reviewer.fpymj", "unitCode", unit, "itemCode", "g.1",
                "kind", "JUDGED", "score", new BigDecimal(score), "reason", "根据完成情况");
        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.CREATED);
    }
}
