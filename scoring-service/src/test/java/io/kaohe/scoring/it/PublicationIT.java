package io.kaohe.scoring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.contracts.events.CycleOpened;
import io.kaohe.contracts.events.CyclePublished;
import io.kaohe.testsupport.Tokens;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.ofdrw.reader.ContentExtractor;
import org.ofdrw.reader.OFDReader;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The 汇总表 in the layout counties publish and the 通报 in Word, PDF and OFD, through the real API on
 * the real servers: what each says, read back by POI, PDFBox and ofdrw, and who may have it when.
 */
class PublicationIT extends ScoringITBase {

    private static final List<CycleOpened.Unit> UNITS = Fixtures.cycleUnits("bz-sjw", "bz-zjfy", "bz-x1", "bz-x2", "bz-y1");
    private static final String REASON = "防范藏传佛教在非涉藏地区传播不到位，被省委巡视通报，扣0.1分";
    private static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"详情\")";
    private static final String HUGE = "理由过长".repeat(10_000);
    private static final DataFormatter SHOWN = new DataFormatter();

    /**
     * bz-sjw keeps every point; bz-zjfy falls short on the quantified item, loses 0.1 for a reason that
     * names its source and amount, and is not yet scored on 服务发展; bz-x1's reason looks like a formula;
     * bz-x2's is 40,000 characters long (recorded before reasons had a limit); the mass organisation has its own variant of 服务发展.
     */
    private String scoredCycle(String prefix) {
        String cycle = newCycleId(prefix);
        openCycle(cycle, Fixtures.LAYOUT, UNITS);
        for (String unit : List.of("bz-sjw", "bz-x1", "bz-x2")) {
            created(decide(cycle, "reviewer.swzzb", "unitCode", unit, "itemCode", "q.1", "kind", "MEASUREMENT",
                    "measured", Map.of("actual", 12, "required", 12), "reason", "全年开展中心组学习12次"));
            created(decide(cycle, "reviewer.swzzb", "unitCode", unit, "itemCode", "v.party", "kind", "JUDGED",
                    "score", 2, "reason", "服务发展工作扎实"));
        }
        created(decide(cycle, "reviewer.swzzb", "unitCode", "bz-zjfy", "itemCode", "q.1", "kind", "MEASUREMENT",
                "measured", Map.of("actual", 37, "required", 50), "reason", "全年开展中心组学习37次"));
        created(decide(cycle, "reviewer.swzzb", "unitCode", "bz-zjfy", "itemCode", "d.1", "kind", "DEDUCTION",
                "count", 1, "reason", REASON, "source", "省委巡视通报"));
        created(decide(cycle, "reviewer.swzzb", "unitCode", "bz-x1", "itemCode", "d.1", "kind", "DEDUCTION",
                "count", 1, "reason", FORMULA, "source", "督查通报"));
        // Reasons are limited to 2,000 characters since; one recorded before still must not break an export.
        db.sql("""
                insert into decision (id, cycle_id, unit_code, item_code, kind, quantity, reason, decided_by, acting_as)
                values (gen_random_uuid(), ?, 'bz-x2', 'd.1', 'DEDUCTION', 1, ?, 'reviewer.swzzb', 'department:swzzb')
                """).params(cycle, HUGE).update();
        assertThat(call(HttpMethod.POST, "/api/scoring/cycles/" + cycle + "/recompute", "office", null)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        created(decide(cycle, "reviewer.swzzb", "unitCode", "bz-y1", "itemCode", "q.1", "kind", "MEASUREMENT",
                "measured", Map.of("actual", 10, "required", 10), "reason", "全年开展中心组学习10次"));
        created(decide(cycle, "reviewer.swzzb", "unitCode", "bz-y1", "itemCode", "v.mass", "kind", "JUDGED",
                "score", new BigDecimal("0.5"), "reason", "服务发展工作一般"));
        return cycle;
    }

    @Test
    void theSummaryComesOutInThePublishedLayout() throws IOException {
        String cycle = scoredCycle("layout");
        JsonNode table = call(HttpMethod.GET, "/api/scoring/cycles/" + cycle + "/results", "office", null).getBody();
        assertThat(table.get("groups")).extracting(g -> g.get("categoryName").asText())
                .containsExactly("市党群部门", "群团组织");
        JsonNode party = table.at("/groups/0");
        assertThat(party.get("rows")).extracting(r -> r.get("unitCode").asText())
                .containsExactly("bz-x1", "bz-sjw", "bz-zjfy", "bz-x2");
        assertThat(party.get("templateText").asText()).isEqualTo("""
                1.中心组学习（0.5分）：得分=单位活动实际开展数÷单位需开展活动数×0.5
                2.意识形态工作（1.5分）：每发生1起扣0.1分
                3.服务发展（党群部门）（2分）：根据完成情况计分""");
        // The variant of the other category appears in its own group only.
        assertThat(table.at("/groups/1/templateText").asText()).contains("3.服务发展（群团组织）（1分）")
                .doesNotContain("党群部门");
        JsonNode sjw = ResultsIT.rowOf(table, "bz-sjw");
        assertThat(sjw.get("completion").asText()).isEqualTo("同第一项");
        assertThat(sjw.get("sameAsFirst").asBoolean()).isTrue();
        JsonNode zjfy = ResultsIT.rowOf(table, "bz-zjfy");
        assertThat(zjfy.get("completion").asText()).isEqualTo("""
                1.中心组学习（0.37分）：全年开展中心组学习37次，实际完成37，应完成50，得0.37分
                2.意识形态工作（1.4分）：防范藏传佛教在非涉藏地区传播不到位，被省委巡视通报，扣0.1分
                3.服务发展（党群部门）（未评分）""");
        assertThat(zjfy.at("/lines/2/points").isNull()).as("unscored is null, not 0").isTrue();
        assertThat(zjfy.get("total").decimalValue()).isEqualByComparingTo("1.77");
        assertThat(zjfy.get("remark").asText()).isEqualTo("未评分1项");

        ResponseEntity<byte[]> xlsx = bytes("/api/scoring/cycles/" + cycle + "/results.xlsx", "office");
        assertThat(xlsx.getStatusCode()).as("a 40,000-character reason does not break the export")
                .isEqualTo(HttpStatus.OK);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.getBody()))) {
            Sheet sheet = book.getSheet("汇总表");
            assertThat(sheet.getRow(1).getCell(1).getStringCellValue()).isEqualTo("指标完成情况");
            assertThat(sheet.getRow(2).getCell(0).getStringCellValue()).isEqualTo("市党群部门");
            assertThat(sheet.getRow(3).getCell(1).getStringCellValue()).isEqualTo(party.get("templateText").asText());
            assertThat(sheet.getRow(5).getCell(0).getStringCellValue()).isEqualTo("市纪委（监察局）");
            assertThat(sheet.getRow(5).getCell(1).getStringCellValue()).isEqualTo("同第一项");
            String zjfyCell = sheet.getRow(6).getCell(1).getStringCellValue();
            assertThat(zjfyCell).isEqualTo(zjfy.get("completion").asText());
            assertThat(zjfyCell.split(Pattern.quote(REASON), -1)).as("the reason once").hasSize(2);
            assertThat(SHOWN.formatCellValue(sheet.getRow(6).getCell(2))).isEqualTo("1.77");
            assertThat(sheet.getRow(7).getCell(1).getStringCellValue()).hasSize(32_767)
                    .endsWith("（内容过长，以下已截断，全文见考核平台）");
            assertThat(sheet.getRow(8).getCell(0).getStringCellValue()).isEqualTo("群团组织");
            assertThat(SHOWN.formatCellValue(sheet.getRow(10).getCell(2))).as("2.5, not 2.50").isEqualTo("2.5");
        }
        // In a unit's score sheet the reason starts its cell: a formula-looking one stays text.
        ResponseEntity<byte[]> own = bytes("/api/scoring/cycles/" + cycle + "/units/bz-x1/sheet.xlsx", "reporter.sjw");
        assertThat(own.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<byte[]> x1 = bytes("/api/scoring/cycles/" + cycle + "/units/bz-x1/sheet.xlsx", "office");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(x1.getBody()))) {
            var reason = book.getSheet("得分表").getRow(3).getCell(9);
            assertThat(reason.getStringCellValue()).startsWith(FORMULA);
            assertThat(reason.getCellStyle().getQuotePrefixed()).isTrue();
        }
        assertThat(bytes("/api/scoring/cycles/" + cycle + "/units/bz-x2/sheet.xlsx", "office").getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void theNoticeIsPreviewedByTheOfficeThenPublishedInWordPdfAndOfd() throws IOException {
        String cycle = scoredCycle("notice");
        JsonNode proposal = call(HttpMethod.POST, "/api/scoring/cycles/" + cycle + "/grades/proposals", "office", null)
                .getBody();
        String base = "/api/scoring/cycles/" + cycle + "/notice";
        Map<String, Object> draft = Map.of("noticeTitle", "关于2015年度市党群部门目标绩效考核结果的通报",
                "issuingBody", "中共巴中市委目标绩效管理办公室", "documentNumber", "巴目绩办〔2016〕3号",
                "issuedOn", "2016-01-28", "body", "各被考核单位：\n根据考核细则，现将2015年度考核结果通报如下。");

        // Before publication: nobody downloads it; the office previews it.
        assertThat(bytes(base + ".pdf", "office").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(bytes(base + ".pdf", "reporter.sjw").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<byte[]> preview = post(base + "/preview?format=pdf", "office", draft);
        assertThat(preview.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(preview.getHeaders().getContentType()).hasToString("application/pdf");
        try (PDDocument doc = Loader.loadPDF(preview.getBody())) {
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s", "");
            assertThat(text).contains("预览稿", "巴目绩办〔2016〕3号", "现将2015年度考核结果通报如下。");
        }
        assertThat(post(base + "/preview?format=docx", "office", draft).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(post(base + "/preview", "leader", draft).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<JsonNode> refused = call(HttpMethod.POST, base + "/preview?format=pdf", "office",
                Map.of("noticeTitle", " ", "issuedOn", "2016-13-01"));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().get("errors")).extracting(e -> e.get("location").asText())
                .containsExactly("noticeTitle", "issuedOn");
        assertThat(call(HttpMethod.POST, base + "/preview?format=xls", "office", draft).getBody()
                .at("/errors/0/location").asText()).isEqualTo("format");

        // Published as workflow announces it, with the notice's fields.
        send("/workflow", CyclePublished.TYPE, "cycles/" + cycle + "/results", cycle, null, new CyclePublished(cycle,
                proposal.get("proposalId").asText(), (String) draft.get("noticeTitle"), 5, "office", Instant.now(),
                (String) draft.get("issuingBody"), (String) draft.get("documentNumber"), LocalDate.of(2016, 1, 28),
                (String) draft.get("body")));
        await().atMost(Duration.ofSeconds(60)).until(() -> bytes(base + ".pdf", "office").getStatusCode().is2xxSuccessful());

        JsonNode table = call(HttpMethod.GET, "/api/scoring/cycles/" + cycle + "/results", "office", null).getBody();
        JsonNode notice = call(HttpMethod.GET, base, "reporter.sjw", null).getBody();
        assertThat(notice.get("documentNumber").asText()).isEqualTo("巴目绩办〔2016〕3号");
        assertThat(notice.get("issuedOn").asText()).isEqualTo("2016-01-28");
        String sjwGrade = ResultsIT.rowOf(table, "bz-sjw").get("grade").asText();
        List<String> sameGrade = new ArrayList<>();
        table.get("groups").forEach(g -> g.get("rows").forEach(r -> {
            if (r.get("grade").asText().equals(sjwGrade)) {
                sameGrade.add(r.get("unitName").asText());
            }
        }));
        String gradeList = "“" + sjwGrade + "”等次（" + sameGrade.size() + "个）：" + String.join("、", sameGrade) + "。";

        for (String format : List.of("docx", "pdf", "ofd")) {
            for (String user : List.of("office", "leader", "reporter.zjfy")) {
                ResponseEntity<byte[]> document = bytes(base + "." + format, user);
                assertThat(document.getStatusCode()).as(format + " for " + user).isEqualTo(HttpStatus.OK);
                assertThat(document.getHeaders().getContentDisposition().getFilename())
                        .isEqualTo("关于2015年度市党群部门目标绩效考核结果的通报." + format);
                String text = text(format, document.getBody()).replaceAll("\\s", "");
                assertThat(text).as(format).contains("关于2015年度市党群部门目标绩效考核结果的通报", "巴目绩办〔2016〕3号",
                        "中共巴中市委目标绩效管理办公室", "各被考核单位：", "根据考核细则，现将2015年度考核结果通报如下。",
                        gradeList, "2016年1月28日", "被考核单位指标完成情况得分备注", "市纪委（监察局）同第一项",
                        "2.意识形态工作（1.4分）：" + REASON, "3.服务发展（党群部门）（未评分）")
                        .doesNotContain("预览稿");
                assertThat(text.split(Pattern.quote(REASON), -1)).as(format + ": the reason once").hasSize(2);
            }
            assertThat(bytes(base + "." + format, "reviewer.swzzb").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        }
        try (PDDocument doc = Loader.loadPDF(bytes(base + ".pdf", "leader").getBody())) {
            var resources = doc.getPage(0).getResources();
            var font = resources.getFont(resources.getFontNames().iterator().next());
            assertThat(font).isInstanceOf(PDType0Font.class);
            assertThat(font.isEmbedded()).isTrue();
        }
        assertThat(bytes(base + ".xls", "office").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    private static String text(String format, byte[] body) throws IOException {
        switch (format) {
            case "docx" -> {
                try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(body));
                     XWPFWordExtractor extractor = new XWPFWordExtractor(doc)) {
                    return extractor.getText();
                }
            }
            case "pdf" -> {
                try (PDDocument doc = Loader.loadPDF(body)) {
                    return new PDFTextStripper().getText(doc);
                }
            }
            default -> {
                try (OFDReader reader = new OFDReader(new ByteArrayInputStream(body))) {
                    assertThat(reader.getResMgt().getFonts()).allSatisfy(f -> assertThat(f.getFontFile()).isNotNull());
                    return String.join("", new ContentExtractor(reader).extractAll());
                }
            }
        }
    }

    private ResponseEntity<byte[]> post(String path, String user, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(Tokens.forUser(user));
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), byte[].class);
    }

    private static JsonNode created(ResponseEntity<JsonNode> response) {
        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.CREATED);
        return response.getBody();
    }
}
