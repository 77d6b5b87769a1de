package io.kaohe.scoring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.contracts.events.ComputeScores;
import io.kaohe.contracts.events.CycleOpened;
import io.kaohe.contracts.events.CyclePublished;
import io.kaohe.contracts.events.GradesApproved;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Grades, full recompute, the results table and score sheets with their access rules. */
class ResultsIT extends ScoringITBase {

    private static final List<CycleOpened.Unit> UNITS = Fixtures.cycleUnits("bz-sjw", "bz-zjfy", "bz-x1", "bz-x2", "bz-y1");

    @Test
    void gradesWithAQuotaAtItsBoundaryWithTiesThenApproval() {
        String cycle = newCycleId("grades");
        openCycle(cycle, Fixtures.GRADING, UNITS);
        judge(cycle, "bz-sjw", "90");
        judge(cycle, "bz-zjfy", "90");
        String x1 = judge(cycle, "bz-x1", "90");
        judge(cycle, "bz-x2", "80");
        judge(cycle, "bz-y1", "60");
        Map<String, Object> scheme = Map.of(
                "bands", List.of(Map.of("grade", "好", "minPercent", 90, "consequence", "NONE"),
                        Map.of("grade", "较好", "minPercent", 80, "consequence", "NONE"),
                        Map.of("grade", "一般", "minPercent", 60, "consequence", "WRITTEN_EXPLANATION"),
                        Map.of("grade", "较差", "minPercent", 0, "consequence", "TALK_AND_REPORT")),
                "quotas", List.of(Map.of("grade", "好", "maxShare", new BigDecimal("0.5"))),
                "vetoes", List.of(Map.of("itemCode", "g.veto", "capGrade", "一般", "reason", "信访稳定")));
        assertThat(call(HttpMethod.PUT, "/api/scoring/cycles/" + cycle + "/grading", "office", scheme)
                .getStatusCode()).isEqualTo(HttpStatus.OK);

        // The preview shows what a proposal would give, storing and publishing nothing.
        ResponseEntity<JsonNode> preview = call(HttpMethod.GET, "/api/scoring/cycles/" + cycle + "/grades/preview",
                "office", null);
        assertThat(preview.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(preview.getBody().at("/scheme/quotas/0/maxShare").decimalValue()).isEqualByComparingTo("0.5");
        Map<String, JsonNode> previewed = grades(preview.getBody());
        assertThat(preview.getBody().get("latestProposalId").isNull()).as("nothing proposed yet").isTrue();
        assertThat(call(HttpMethod.GET, "/api/scoring/cycles/" + cycle + "/grades", "office", null).getStatusCode())
                .as("a preview is no proposal").isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(call(HttpMethod.GET, "/api/scoring/cycles/" + cycle + "/grades/preview", "reporter.sjw", null)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        // 4 party departments, at most 50% 好 = 2 places; three are tied at 95%: they do not all fit, so all drop.
        JsonNode firstProposal = call(HttpMethod.POST, "/api/scoring/cycles/" + cycle + "/grades/proposals", "office",
                null).getBody();
        Map<String, JsonNode> first = grades(firstProposal);
        assertThat(call(HttpMethod.GET, "/api/scoring/cycles/" + cycle + "/grades/preview", "office", null).getBody()
                .get("latestProposalId").asText()).isEqualTo(firstProposal.get("proposalId").asText());
        assertThat(previewed.keySet()).isEqualTo(first.keySet());
        previewed.forEach((unit, g) -> {
            assertThat(g.get("grade").asText()).as(unit).isEqualTo(first.get(unit).get("grade").asText());
            assertThat(g.get("rank").asInt()).as(unit).isEqualTo(first.get(unit).get("rank").asInt());
            assertThat(g.get("percent").decimalValue()).as(unit).isEqualByComparingTo(first.get(unit).get("percent").decimalValue());
        });
        assertThat(List.of("bz-sjw", "bz-zjfy", "bz-x1")).allSatisfy(u -> {
            assertThat(first.get(u).get("bandGrade").asText()).isEqualTo("好");
            assertThat(first.get(u).get("grade").asText()).isEqualTo("较好");
            assertThat(first.get(u).get("rank").asInt()).isEqualTo(1);
        });
        assertThat(first.get("bz-x2").get("grade").asText()).isEqualTo("较好");
        assertThat(first.get("bz-x2").get("rank").asInt()).isEqualTo(4);
        assertThat(first.get("bz-y1").get("grade").asText()).isEqualTo("一般");
        assertThat(first.get("bz-y1").get("rank").asInt()).isEqualTo(1);

        // A correction leaves two tied at 95%: exactly the two places, so both keep 好; 90% drops.
        judge(cycle, "bz-x1", "85", x1);
        JsonNode proposal = call(HttpMethod.POST, "/api/scoring/cycles/" + cycle + "/grades/proposals", "office", null)
                .getBody();
        Map<String, JsonNode> second = grades(proposal);
        assertThat(second.get("bz-sjw").get("grade").asText()).isEqualTo("好");
        assertThat(second.get("bz-zjfy").get("grade").asText()).isEqualTo("好");
        assertThat(second.get("bz-x1").get("grade").asText()).isEqualTo("较好");
        assertThat(second.get("bz-x1").get("note").asText()).contains("名额限制");
        JsonNode published = awaitPublished(io.kaohe.contracts.events.Topics.SCORING, "GradesProposed", cycle,
                event -> event.at("/data/proposalId").asText().equals(proposal.get("proposalId").asText()));
        assertThat(published.at("/data/grades")).hasSize(5);
        assertThat(published.at("/data/proposedBy").asText()).isEqualTo("office");

        // A veto caps the grade whatever the score.
        created(decide(cycle, "reviewer.swzzb", "unitCode", "bz-zjfy", "itemCode", "g.veto", "kind", "DEDUCTION",
                "count", 1, "reason", "发生进京上访1起", "source", "县委巡察通报"));
        Map<String, JsonNode> third = grades(call(HttpMethod.POST, "/api/scoring/cycles/" + cycle
                + "/grades/proposals", "office", null).getBody());
        assertThat(third.get("bz-zjfy").get("grade").asText()).isEqualTo("一般");
        assertThat(third.get("bz-zjfy").get("note").asText()).contains("一票否决");

        send("/workflow", GradesApproved.TYPE, "cycles/" + cycle + "/grades", cycle, null, new GradesApproved(cycle,
                proposal.get("proposalId").asText(), List.of(), List.of(), "leader", Instant.now()));
        await().atMost(Duration.ofSeconds(60)).until(() -> db.sql("select count(*) from final_grade where cycle_id = ?")
                .param(cycle).query(Integer.class).single() == 5);
        JsonNode table = call(HttpMethod.GET, "/api/scoring/cycles/" + cycle + "/results", "leader", null).getBody();
        JsonNode sjw = rowOf(table, "bz-sjw");
        assertThat(sjw.get("grade").asText()).isEqualTo("好");
        assertThat(sjw.get("status").asText()).isEqualTo("APPROVED");
        assertThat(table.get("publication").isNull()).as("not official before the office publishes").isTrue();
        // The unit learns its grade from the 通报: until then its sheet says there is one, not which.
        JsonNode ownSheet = call(HttpMethod.GET, "/api/scoring/cycles/" + cycle + "/units/bz-sjw/sheet", "reporter.sjw",
                null).getBody();
        assertThat(ownSheet.get("grade").isNull()).isTrue();
        assertThat(ownSheet.get("gradeStatus").asText()).isEqualTo("UNPUBLISHED");
        assertThat(ownSheet.get("sections")).as("the scores themselves are the unit's to see").isNotEmpty();
        assertThat(call(HttpMethod.GET, "/api/scoring/cycles/" + cycle + "/units/bz-sjw/sheet", "office", null)
                .getBody().get("grade").asText()).isEqualTo("好");

        // The office's 通报 (workflow's CyclePublished) makes the table the official one, once.
        var publication = send("/workflow", CyclePublished.TYPE, "cycles/" + cycle, cycle, null, new CyclePublished(cycle,
                proposal.get("proposalId").asText(), "关于2015年度考核结果的通报", 5, "office", Instant.now()));
        send(publication, CyclePublished.TYPE);
        await().atMost(Duration.ofSeconds(60)).until(() -> !call(HttpMethod.GET, "/api/scoring/cycles/" + cycle
                + "/results", "leader", null).getBody().get("publication").isNull());
        JsonNode official = call(HttpMethod.GET, "/api/scoring/cycles/" + cycle + "/results", "leader", null).getBody();
        assertThat(official.at("/publication/noticeTitle").asText()).isEqualTo("关于2015年度考核结果的通报");
        assertThat(official.at("/publication/publishedBy").asText()).isEqualTo("office");
        JsonNode publishedSheet = call(HttpMethod.GET, "/api/scoring/cycles/" + cycle + "/units/bz-sjw/sheet",
                "reporter.sjw", null).getBody();
        assertThat(publishedSheet.get("grade").asText()).isEqualTo("好");
        assertThat(publishedSheet.get("gradeStatus").asText()).isEqualTo("APPROVED");
        assertThat(db.sql("select count(*) from cycle_publication where cycle_id = ?").param(cycle)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aFullRecomputeGivesExactlyTheIncrementalResult() {
        String cycle = newCycleId("recompute");
        openCycle(cycle, Fixtures.TARGETS, UNITS);
        decideSome(cycle);
        List<String> incremental = scoreRows(cycle);
        assertThat(incremental).hasSize(9 + 4 * 8);

        JsonNode recomputed = call(HttpMethod.POST, "/api/scoring/cycles/" + cycle + "/recompute", "office", null)
                .getBody();
        assertThat(recomputed.get("items").asInt()).isEqualTo(41);
        assertThat(scoreRows(cycle)).containsExactlyElementsOf(incremental);

        // The same through workflow's command; a redelivered command runs once.
        var command = send("/workflow", ComputeScores.TYPE, "cycles/" + cycle + "/scores", cycle, null,
                new ComputeScores(cycle, List.of(), "workflow", "年度考核总评"));
        send(command, ComputeScores.TYPE);
        await().atMost(Duration.ofSeconds(60)).until(() -> db.sql(
                "select count(*) from processed_event where event_id = ?").param(command.id()).query(Integer.class)
                .single() == 1);
        assertThat(scoreRows(cycle)).containsExactlyElementsOf(incremental);
        assertThat(call(HttpMethod.POST, "/api/scoring/cycles/" + cycle + "/recompute", "reviewer.swzzb", null)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void theResultsTableComesOutAsJsonAndAsXlsxInThePublishedLayout() throws IOException {
        String cycle = newCycleId("table");
        openCycle(cycle, Fixtures.TARGETS, UNITS);
        decideSome(cycle);

        JsonNode table = call(HttpMethod.GET, "/api/scoring/cycles/" + cycle + "/results", "office", null).getBody();
        assertThat(table.get("columns")).extracting(c -> c.get("title").asText())
                .containsExactly("职能职责", "工作效能", "重点特色工作");
        assertThat(table.get("groups")).extracting(g -> g.get("category").asText())
                .containsExactly("party-dept", "mass-org");
        assertThat(table.get("groups")).extracting(g -> g.get("categoryName").asText())
                .containsExactly("市党群部门", "群团组织");
        JsonNode rows = table.at("/groups/0/rows");
        // The roster's order, not the ranking.
        assertThat(rows).extracting(r -> r.get("unitCode").asText())
                .containsExactly("bz-x1", "bz-sjw", "bz-zjfy", "bz-x2");
        // Every party department lost the same on 工作效能: the reason as recorded, the source once, the amount once.
        assertThat(rows).allSatisfy(row -> assertThat(row.at("/cells/1/display").asText())
                .isEqualTo("按时完成市委安排各项工作和任务：市委交办事项未按时完成1次（督查通报），扣0.01分"));
        assertThat(rows.get(1).at("/cells/1/reasons/0").asText()).contains("市委交办事项未按时完成1次");

        ResponseEntity<byte[]> xlsx = bytes("/api/scoring/cycles/" + cycle + "/results.xlsx", "office");
        assertThat(xlsx.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(xlsx.getHeaders().getContentDisposition().getFilename()).endsWith("考核结果汇总表.xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.getBody()))) {
            assertThat(book.getSheetName(0)).isEqualTo("汇总表");
            // The per-indicator layout, as before, on the second sheet.
            Sheet sheet = book.getSheet("分指标得分");
            int last = 2 + 2 * 3 + 2;
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue())
                    .isEqualTo("2015年度市党群部门目标绩效考核考核结果汇总表");
            assertThat(sheet.getMergedRegions()).contains(new CellRangeAddress(0, 0, 0, last),
                    new CellRangeAddress(1, 2, 0, 0), new CellRangeAddress(1, 2, 1, 1),
                    new CellRangeAddress(1, 1, 2, 3), new CellRangeAddress(1, 1, 4, 5), new CellRangeAddress(1, 1, 6, 7),
                    new CellRangeAddress(1, 2, last - 2, last - 2), new CellRangeAddress(3, 3, 0, last));
            Row header = sheet.getRow(1);
            assertThat(header.getCell(2).getStringCellValue()).isEqualTo("职能职责（12分）");
            assertThat(header.getCell(4).getStringCellValue()).isEqualTo("工作效能（10.5分）");
            assertThat(sheet.getRow(2).getCell(2).getStringCellValue()).isEqualTo("得分");
            assertThat(sheet.getRow(2).getCell(3).getStringCellValue()).isEqualTo("扣分原因");
            assertThat(header.getCell(last).getStringCellValue()).isEqualTo("备注");
            assertThat(sheet.getRow(3).getCell(0).getStringCellValue()).isEqualTo("市党群部门");
            Row top = sheet.getRow(4);
            assertThat(top.getCell(1).getStringCellValue()).isEqualTo(rows.get(0).get("unitName").asText());
            assertThat(top.getCell(4).getNumericCellValue())
                    .isEqualTo(rows.get(0).at("/cells/1/points").decimalValue().doubleValue());
            assertThat(top.getCell(5).getStringCellValue()).contains("市委交办事项未按时完成1次");
            assertThat(sheet.getRow(5).getCell(5).getStringCellValue())
                    .isEqualTo(rows.get(1).at("/cells/1/display").asText());
            assertThat(top.getCell(last - 2).getNumericCellValue())
                    .isEqualTo(rows.get(0).get("total").decimalValue().doubleValue());
            assertThat(sheet.getRow(8).getCell(0).getStringCellValue()).isEqualTo("群团组织");
            assertThat(sheet.getRow(9).getCell(1).getStringCellValue()).isEqualTo("团市委");
        }

        ResponseEntity<byte[]> unitSheet = bytes("/api/scoring/cycles/" + cycle + "/units/bz-sjw/sheet.xlsx",
                "reporter.sjw");
        assertThat(unitSheet.getStatusCode()).isEqualTo(HttpStatus.OK);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(unitSheet.getBody()))) {
            Sheet sheet = book.getSheet("得分表");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).startsWith("市纪委（监察局）");
            assertThat(sheet.getRow(2).getCell(0).getStringCellValue()).isEqualTo("职能职责（12分）");
            assertThat(sheet.getMergedRegions()).contains(new CellRangeAddress(2, 4, 0, 0));
            assertThat(sheet.getRow(11).getCell(0).getStringCellValue()).isEqualTo("合计");
            assertThat(sheet.getRow(11).getCell(2).getNumericCellValue()).isEqualTo(38.5);
        }
    }

    @Test
    void aUnitSeesOnlyItsOwnSheetDepartmentsTheirItemsAndOnlyOfficeAndLeadersTheTable() {
        String cycle = newCycleId("access");
        openCycle(cycle, Fixtures.TARGETS, UNITS);
        long audited = refusals();

        assertThat(call(HttpMethod.GET, "/api/scoring/cycles/" + cycle + "/units/bz-sjw/sheet", "reporter.sjw", null)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<JsonNode> other = call(HttpMethod.GET, "/api/scoring/cycles/" + cycle + "/units/bz-zjfy/sheet",
                "reporter.sjw", null);
        assertThat(other.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(bytes("/api/scoring/cycles/" + cycle + "/units/bz-zjfy/sheet.xlsx", "head.sjw").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(refusals()).isEqualTo(audited + 2);
        assertThat(io.kaohe.testsupport.AuditRecords.matching(dataSource,
                r -> "REFUSED".equals(r.path("outcome").asText()) && r.path("path").asText().contains(cycle)))
                .extracting(r -> r.path("status").asInt(), r -> r.path("username").asText())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(404, "reporter.sjw"),
                        org.assertj.core.groups.Tuple.tuple(404, "head.sjw"));

        JsonNode department = call(HttpMethod.GET, "/api/scoring/cycles/" + cycle + "/units/bz-zjfy/sheet",
                "reviewer.fpymj", null).getBody();
        assertThat(department.get("partial").asBoolean()).isTrue();
        assertThat(department.findValues("itemCode")).extracting(JsonNode::asText).containsExactly("duty.1");
        assertThat(call(HttpMethod.GET, "/api/scoring/cycles/" + cycle + "/units/bz-x1/sheet", "inspector.1", null)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        assertThat(call(HttpMethod.GET, "/api/scoring/cycles/" + cycle + "/results", "reporter.sjw", null)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(call(HttpMethod.GET, "/api/scoring/cycles/" + cycle + "/results", "reviewer.swzzb", null)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(call(HttpMethod.GET, "/api/scoring/cycles/" + cycle + "/results", "leader", null)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void aUnitListsTheCyclesItTakesPartInAndAnotherUnitsAreRefused() {
        String both = newCycleId("of-unit");
        openCycle(both, Fixtures.TARGETS, UNITS);
        String withoutSjw = newCycleId("of-unit-no-sjw");
        openCycle(withoutSjw, Fixtures.TARGETS, UNITS.subList(1, UNITS.size()));
        long audited = refusals();

        // One call instead of a sheet per cycle: the score sheet page asks which cycles the unit was assessed in.
        assertThat(call(HttpMethod.GET, "/api/scoring/cycles?unitCode=bz-sjw", "reporter.sjw", null).getBody()
                .findValuesAsText("cycleId")).contains(both).doesNotContain(withoutSjw);
        assertThat(call(HttpMethod.GET, "/api/scoring/cycles?unitCode=bz-zjfy", "office", null).getBody()
                .findValuesAsText("cycleId")).as("newest first").containsSubsequence(withoutSjw, both);
        assertThat(call(HttpMethod.GET, "/api/scoring/cycles", "reporter.sjw", null).getBody()
                .findValuesAsText("cycleId")).as("without unitCode: every cycle, newest first")
                .containsSubsequence(withoutSjw, both);

        ResponseEntity<JsonNode> other = call(HttpMethod.GET, "/api/scoring/cycles?unitCode=bz-zjfy", "reporter.sjw", null);
        assertThat(other.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(other.getBody().get("code").asText()).isEqualTo("scoring.cycles.unit-not-yours");
        assertThat(call(HttpMethod.GET, "/api/scoring/cycles?unitCode=bz-sjw", "reviewer.fpymj", null).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(refusals()).isEqualTo(audited + 2);
    }

    @Test
    void theApiIsDocumented() {
        JsonNode docs = http.getForObject("http://127.0.0.1:" + managementPort + "/actuator/openapi", JsonNode.class);
        assertThat(docs.get("paths").fieldNames()).toIterable().contains(
                "/api/scoring/cycles/{cycleId}/decisions", "/api/scoring/cycles/{cycleId}/decisions.xlsx",
                "/api/scoring/cycles/{cycleId}/results.xlsx",
                "/api/scoring/cycles/{cycleId}/units/{unitCode}/sheet", "/api/scoring/cycles/{cycleId}/recompute",
                "/api/scoring/cycles/{cycleId}/grades/proposals", "/api/scoring/cycles/{cycleId}/grades/preview",
                "/api/scoring/cycles/{cycleId}/approval/reopen", "/api/scoring/cycles/{cycleId}/notice",
                "/api/scoring/cycles/{cycleId}/notice.{format}", "/api/scoring/cycles/{cycleId}/notice/preview");
    }

    /** Every party department loses 0.01 on eff.1 for the same reason; some more on bz-sjw. */
    private void decideSome(String cycle) {
        for (String unit : List.of("bz-sjw", "bz-zjfy", "bz-x1", "bz-x2")) {
            created(decide(cycle, "reviewer.swzzb", "unitCode", unit, "itemCode", "eff.1", "kind", "DEDUCTION",
                    "count", 1, "reason", "市委交办事项未按时完成1次", "source", "督查通报"));
            created(decide(cycle, "reviewer.swzzb", "unitCode", unit, "itemCode", "key.2", "kind", "MEASUREMENT",
                    "measured", Map.of("completed", true), "reason", "按进度完成"));
        }
        created(decide(cycle, "reviewer.swzzb", "unitCode", "bz-sjw", "itemCode", "duty.3", "kind", "MEASUREMENT",
                "measured", Map.of("rate", new BigDecimal("93.5")), "reason", "审限内结案率93.5%"));
        created(decide(cycle, "reviewer.fpymj", "unitCode", "bz-sjw", "itemCode", "duty.1", "kind", "JUDGED",
                "score", 4, "reason", "驻村帮扶考核一般"));
        created(decide(cycle, "inspector.1", "unitCode", "bz-zjfy", "itemCode", "duty.1", "kind", "DEDUCTION",
                "amount", new BigDecimal("0.1"), "reason", "防范藏传佛教在非涉藏地区传播不到位", "source", "省委巡视通报"));
        created(decide(cycle, "reviewer.swzzb", "unitCode", "bz-sjw", "itemCode", "key.3", "kind", "MEASUREMENT",
                "measured", Map.of("subScore", 87), "reason", "细则得87分"));
    }

    private String judge(String cycle, String unit, String score) {
        return judge(cycle, unit, score, null);
    }

    private String judge(String cycle, String unit, String score, String supersedes) {
        JsonNode decided = created(supersedes == null
                ? decide(cycle, "reviewer.fpymj", "unitCode", unit, "itemCode", "g.1", "kind", "JUDGED",
                        "score", new BigDecimal(score), "reason", "党建工作综合评定")
                : decide(cycle, "reviewer.fpymj", "unitCode", unit, "itemCode", "g.1", "kind", "JUDGED",
                        "score", new BigDecimal(score), "reason", "复核后更正", "supersedes", supersedes));
        return decided.at("/decision/id").asText();
    }

    static JsonNode rowOf(JsonNode table, String unitCode) {
        for (JsonNode group : table.get("groups")) {
            for (JsonNode row : group.get("rows")) {
                if (row.get("unitCode").asText().equals(unitCode)) {
                    return row;
                }
            }
        }
        throw new AssertionError("no row of " + unitCode);
    }

    private static Map<String, JsonNode> grades(JsonNode proposal) {
        Map<String, JsonNode> byUnit = new java.util.HashMap<>();
        proposal.get("grades").forEach(g -> byUnit.put(g.get("unitCode").asText(), g));
        return byUnit;
    }

    private static JsonNode created(ResponseEntity<JsonNode> response) {
        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.CREATED);
        return response.getBody();
    }
}
