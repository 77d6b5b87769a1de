package io.kaohe.audit.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.contracts.events.AuditRecorded;
import io.kaohe.contracts.events.EventEnvelope;
import io.kaohe.testsupport.Await;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The auditor reads the trail (search by every filter, a record's detail with its link, .xlsx export that
 * opens in POI with its Chinese headers and nothing a spreadsheet could run); nobody else reads it, nobody
 * changes it, and every refusal is itself in the trail.
 */
class AuditReadingIT extends AuditITBase {

    static final List<String> NOT_AUDITORS = List.of("office", "leader", "reporter.sjw", "head.sjw", "reviewer.fpymj",
            "inspector.1");

    @Test
    void onlyTheAuditAdministratorReadsTheTrailNobodyChangesItAndRefusalsAreRecorded() {
        for (String user : NOT_AUDITORS) {
            assertThat(call(HttpMethod.GET, "/api/audit/records", user).getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(call(HttpMethod.GET, "/api/audit/verification", user).getStatusCode()).as(user)
                    .isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(call(HttpMethod.POST, "/api/audit/verification", user).getStatusCode()).as(user)
                    .isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(bytes("/api/audit/records.xlsx", user).getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
        }
        assertThat(call(HttpMethod.GET, "/api/audit/records", null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(call(HttpMethod.GET, "/api/audit/records", "auditor").getStatusCode()).isEqualTo(HttpStatus.OK);
        for (HttpMethod change : List.of(HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.PATCH)) {
            assertThat(call(change, "/api/audit/records/1", "auditor").getStatusCode().is2xxSuccessful()).as(change.name())
                    .isFalse();
        }

        Await.until(() -> db.sql("select count(*) from audit_record where source = 'audit-service' and outcome = 'REFUSED' "
                + "and username = 'office' and path = '/api/audit/records' and status = 403").query(Long.class).single() >= 1,
                "the office's refused read in the trail");
        assertThat(db.sql("select count(distinct username) from audit_record where source = 'audit-service' "
                + "and outcome = 'REFUSED' and status = 403").query(Long.class).single()).isGreaterThanOrEqualTo(NOT_AUDITORS.size());
    }

    @Test
    void theAuditorFindsRecordsByEachFilterAndReadsOneWithItsPlaceInTheChain() {
        String user = "finder." + System.nanoTime();
        EventEnvelope<AuditRecorded> refused = send(record("scoring-service", user, "sfpymj", "REFUSED", "decide",
                "scoring.decision.not-owner"));
        EventEnvelope<AuditRecorded> done = send(record("workflow", user, "sfpymj", "SUCCESS", "complete UserTask_Review",
                null));
        Await.until(() -> countOf(refused.id()) == 1 && countOf(done.id()) == 1, "the two records");

        assertThat(search("user=" + user)).hasSize(2);
        assertThat(search("user=" + user + "&outcome=refused")).extracting(r -> r.get("eventId").asText())
                .containsExactly(refused.id());
        assertThat(search("user=" + user + "&action=UserTask_Review")).extracting(r -> r.get("eventId").asText())
                .containsExactly(done.id());
        assertThat(search("user=" + user + "&unit=sfpymj&role=dept-reviewer")).hasSize(2);
        assertThat(search("user=" + user + "&unit=bz-sjw")).hasSize(2);
        assertThat(search("user=" + user + "&role=office-admin")).isEmpty();
        assertThat(search("user=" + user + "&source=workflow")).hasSize(1);
        assertThat(search("user=" + user + "&text=not-owner")).hasSize(1);
        assertThat(search("user=" + user + "&object=decision")).hasSize(2);
        assertThat(search("user=" + user + "&from=" + Instant.now().plus(1, ChronoUnit.HOURS))).isEmpty();
        assertThat(search("user=" + user + "&from=" + Instant.now().minus(1, ChronoUnit.HOURS) + "&to="
                + java.time.LocalDate.now().plusDays(1))).hasSize(2);
        assertThat(search("user=" + user + "&text=50%25")).isEmpty();

        ResponseEntity<JsonNode> badTime = call(HttpMethod.GET, "/api/audit/records?from=yesterday", "auditor");
        assertThat(badTime.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badTime.getBody().at("/errors/0/location").asText()).isEqualTo("from");

        long seq = seqOf(refused.id());
        JsonNode detail = call(HttpMethod.GET, "/api/audit/records/" + seq, "auditor").getBody();
        assertThat(detail.get("seq").asLong()).isEqualTo(seq);
        assertThat(detail.get("username").asText()).isEqualTo(user);
        assertThat(detail.get("roles")).extracting(JsonNode::asText).containsExactly("dept-reviewer");
        assertThat(detail.get("reason").asText()).isEqualTo("scoring.decision.not-owner");
        assertThat(detail.get("clientAddress").asText()).isEqualTo("10.20.30.40");
        assertThat(detail.get("traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(detail.get("digest").asText()).hasSize(64);
        // The record before it in the chain, or the genesis when the test wrote the trail's first record.
        assertThat(detail.get("prevDigest").asText()).isEqualTo(seq == 1 ? io.kaohe.audit.chain.Chain.GENESIS
                : db.sql("select digest from audit_record where seq = ?").param(seq - 1).query(String.class).single());
        assertThat(detail.get("linkVerified").asBoolean()).isTrue();
        assertThat(call(HttpMethod.GET, "/api/audit/records/999999999", "auditor").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void anExportOpensWithItsHeadersAndNothingInItCanRunOrBreakTheFile() throws Exception {
        String user = "exporter." + System.nanoTime();
        String formula = "=HYPERLINK(\"http://evil.example/\",\"点此\")";
        String huge = "长".repeat(40_000);
        List<EventEnvelope<AuditRecorded>> sent = new ArrayList<>();
        sent.add(send(record("scoring-service", user, "swzzb", "FAILED", "decide", formula)));
        sent.add(send(record("scoring-service", user, "swzzb", "FAILED", "decide", huge)));
        sent.add(send(record("scoring-service", user, "swzzb", "SUCCESS", "+cmd|' /C calc'!A0", "@SUM(1+1)")));
        Await.until(() -> sent.stream().allMatch(e -> countOf(e.id()) == 1), "the records to export");

        ResponseEntity<byte[]> export = bytes("/api/audit/records.xlsx?user=" + user, "auditor");
        assertThat(export.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(export.getHeaders().getContentDisposition().getFilename()).endsWith(".xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(export.getBody()))) {
            Sheet sheet = workbook.getSheetAt(0);
            Row header = sheet.getRow(0);
            List<String> headers = new ArrayList<>();
            header.forEach(c -> headers.add(c.getStringCellValue()));
            assertThat(headers).startsWith("序号", "时间", "用户", "角色").contains("操作", "对象标识", "结果", "原因",
                    "客户端地址", "追踪标识", "请求体SM3", "本记录SM3");
            assertThat(sheet.getLastRowNum()).isEqualTo(3);
            int reason = headers.indexOf("原因");
            int verb = headers.indexOf("操作");
            List<Cell> cells = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                cells.add(sheet.getRow(i).getCell(reason));
                cells.add(sheet.getRow(i).getCell(verb));
            }
            for (Cell cell : cells) {
                assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
                String value = cell.getStringCellValue();
                assertThat(value.length()).isLessThanOrEqualTo(32_767);
                if (value.startsWith("=") || value.startsWith("+") || value.startsWith("@") || value.startsWith("-")) {
                    assertThat(cell.getCellStyle().getQuotePrefixed()).as(value).isTrue();
                }
            }
            assertThat(cells).extracting(Cell::getStringCellValue).contains(formula, "@SUM(1+1)", "+cmd|' /C calc'!A0")
                    .anySatisfy(v -> assertThat(v).startsWith("长长长").endsWith("（已截断）").hasSize(32_767));
        }
        Await.until(() -> db.sql("select count(*) from audit_record where source = 'audit-service' and category = 'EXPORT' "
                        + "and username = 'auditor' and path like ?").param("/api/audit/records.xlsx?user=" + user + "%")
                        .query(Long.class).single() == 1, "the export itself in the trail");
    }

    private List<JsonNode> search(String query) {
        ResponseEntity<JsonNode> page = call(HttpMethod.GET, "/api/audit/records?" + query, "auditor");
        assertThat(page.getStatusCode()).as(query).isEqualTo(HttpStatus.OK);
        List<JsonNode> records = new ArrayList<>();
        page.getBody().get("records").forEach(records::add);
        assertThat(page.getBody().get("total").asLong()).isEqualTo(records.size());
        return records;
    }
}
