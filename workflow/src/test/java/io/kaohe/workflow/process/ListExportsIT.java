package io.kaohe.workflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.contracts.events.RectificationOpened;
import io.kaohe.workflow.WorkflowIntegrationTest;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The inbox (待办/已办) and the rectification ledgers (整改台账) as .xlsx: the lists' columns in Chinese, the lists'
 * filters and visibility. (In the process package: the rectification is opened by the step that opens one.)
 */
class ListExportsIT extends WorkflowIntegrationTest {

    private static final String PLAN = Bpmn.Task.SUBMIT_RECTIFICATION_PLAN;
    private static final String PROGRESS = Bpmn.Task.REPORT_RECTIFICATION_PROGRESS;

    @Autowired
    ProcessEngine engine;

    @Test
    void theInboxAndTheRectificationLedgerExportWhatTheirListsShowTheCaller() throws Exception {
        String cycle = "exp-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(openCycle(cycle, "P365D").getStatusCode()).isEqualTo(HttpStatus.CREATED);
        await(() -> tasks("reporter.sjw", "cycleId=" + cycle).size() == 1, "the first self-check");

        // An inspection notice with two problems: the unit plans a measure for each, reports one done, the inspector closes it.
        String rectification = "R-" + cycle;
        assertThat(new RectificationStart(RectificationStart.Defaults.SEED_003).start(engine, new RectificationOpened(
                rectification, cycle, "bz-sjw", RectificationOpened.INSPECTION_NOTICE, null, List.of(
                new RectificationOpened.Problem("F1", "T.bz-sjw.2", "中心组学习次数不足", "查阅资料", new BigDecimal("0.50")),
                new RectificationOpened.Problem("F2", "T.bz-sjw.3", "=台账不规范", "实地考察", null)),
                "inspector.1", Instant.now()))).isTrue();
        JsonNode plan = only("reporter.sjw", "cycleId=" + cycle + "&type=" + PLAN);
        complete(plan, "reporter.sjw", Map.of("measures", List.of(
                Map.of("problemId", "F1", "measure", "补齐学习", "responsibleLeader", "书记", "responsibleOffice", "办公室",
                        "deadline", "2099-09-30"),
                Map.of("problemId", "F2", "measure", "规范台账", "responsibleLeader", "副书记", "responsibleOffice", "宣传科",
                        "deadline", "2099-10-31"))));
        await(() -> tasks("reporter.sjw", "cycleId=" + cycle + "&type=" + PROGRESS).size() == 2, "a progress task per measure");
        JsonNode f1 = tasks("reporter.sjw", "cycleId=" + cycle + "&type=" + PROGRESS).stream()
                .filter(t -> "F1".equals(t.path("problemId").asText())).findFirst().orElseThrow();
        complete(f1, "reporter.sjw", Map.of("progress", "已补齐学习4次", "completed", true, "evidence", List.of()));
        complete(only("inspector.1", "cycleId=" + cycle + "&type=" + Bpmn.Task.VERIFY_RECTIFICATION), "inspector.1",
                Map.of("verdict", "CLOSED", "comment", "已销号"));
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();

        // 整改台账: one row per problem and measure.
        ResponseEntity<byte[]> ledger = bytes("/api/workflow/rectifications.xlsx?cycleId=" + cycle, "office");
        assertThat(ledger.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(ledger.getHeaders().getContentDisposition().getFilename()).isEqualTo("整改台账.xlsx");
        List<List<String>> rows = rows(ledger.getBody(), "整改台账", 15);
        assertThat(rows.get(0)).containsExactly("序号", "单位", "考核周期", "整改类型", "问题", "来源", "下发日期", "整改时限",
                "整改措施", "责任领导", "责任科室", "进展", "状态", "销号日期", "核查人");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1)).containsExactly("1", "市纪委（监察局）", "2015年度市党群部门目标绩效考核", "督查通报整改", "中心组学习次数不足", "查阅资料",
                today, "2099-09-30", "补齐学习", "书记", "办公室", "[已完成] 已补齐学习4次", "已销号", today, "inspector.1");
        assertThat(rows.get(2).subList(4, 15)).containsExactly("=台账不规范", "实地考察", today, "2099-10-31", "规范台账",
                "副书记", "宣传科", "", "整改中", "", "");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(ledger.getBody()))) {
            Cell formulaLike = book.getSheet("整改台账").getRow(2).getCell(4);
            assertThat(formulaLike.getCellType()).isEqualTo(CellType.STRING);
            assertThat(formulaLike.getCellStyle().getQuotePrefixed()).isTrue();
        }
        assertThat(rows(bytes("/api/workflow/rectifications.xlsx?cycleId=" + cycle, "reporter.sjw").getBody(),
                "整改台账", 15)).hasSize(3);
        // Another unit sees none of it, as in the list.
        assertThat(rows(bytes("/api/workflow/rectifications.xlsx?cycleId=" + cycle, "reporter.zjfy").getBody(),
                "整改台账", 15)).hasSize(1);

        // 待办: the self-check and the open measure; the list's filters apply.
        ResponseEntity<byte[]> open = bytes("/api/workflow/tasks.xlsx?cycleId=" + cycle, "reporter.sjw");
        assertThat(open.getHeaders().getContentDisposition().getFilename()).isEqualTo("待办任务.xlsx");
        List<List<String>> todo = rows(open.getBody(), "待办", 9);
        assertThat(todo.get(0)).containsExactly("任务", "考核周期", "被考核单位", "期间", "考核部门", "到期日", "状态", "办理人",
                "创建时间");
        assertThat(todo).hasSize(3);
        List<List<String>> selfCheck = rows(bytes("/api/workflow/tasks.xlsx?cycleId=" + cycle
                + "&type=UserTask_SubmitSelfAssessment", "reporter.sjw").getBody(), "待办", 9);
        assertThat(selfCheck).hasSize(2);
        assertThat(selfCheck.get(1).subList(0, 4)).containsExactly("提交自评（填报、主要领导签发）", "2015年度市党群部门目标绩效考核",
                "市纪委（监察局）", "第一季度");
        assertThat(selfCheck.get(1).get(5)).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(selfCheck.get(1).get(6)).isEqualTo("待办");
        // Another unit's reporter gets its own self-check only; a department with nothing to do an empty sheet.
        List<List<String>> zjfy = rows(bytes("/api/workflow/tasks.xlsx?cycleId=" + cycle, "reporter.zjfy").getBody(),
                "待办", 9);
        assertThat(zjfy).hasSize(2);
        assertThat(zjfy.get(1).get(2)).isEqualTo("市中级法院");
        assertThat(rows(bytes("/api/workflow/tasks.xlsx?cycleId=" + cycle, "reviewer.fpymj").getBody(), "待办", 9))
                .hasSize(1);

        // 已办: the plan and the progress report the reporter completed, newest first, on time.
        ResponseEntity<byte[]> doneFile = bytes("/api/workflow/tasks/done.xlsx?cycleId=" + cycle, "reporter.sjw");
        assertThat(doneFile.getHeaders().getContentDisposition().getFilename()).isEqualTo("已办任务.xlsx");
        List<List<String>> done = rows(doneFile.getBody(), "已办", 8);
        assertThat(done.get(0)).containsExactly("任务", "考核周期", "被考核单位", "期间", "考核部门", "到期日", "完成时间",
                "是否按时");
        assertThat(done).hasSize(3);
        assertThat(done.subList(1, 3)).allSatisfy(r -> {
            assertThat(r.get(1)).isEqualTo("2015年度市党群部门目标绩效考核");
            assertThat(r.get(2)).isEqualTo("市纪委（监察局）");
            assertThat(r.get(6)).startsWith(today);
            assertThat(r.get(7)).isEqualTo("按时");
        });
        assertThat(rows(bytes("/api/workflow/tasks/done.xlsx?cycleId=" + cycle, "reporter.zjfy").getBody(), "已办", 8))
                .hasSize(1);
    }

    private JsonNode only(String user, String query) {
        await(() -> tasks(user, query).size() == 1, user + "'s task " + query);
        return tasks(user, query).get(0);
    }

    private void complete(JsonNode task, String user, Map<String, Object> form) {
        ResponseEntity<JsonNode> done = call(HttpMethod.POST, "/api/workflow/tasks/" + task.get("id").asText()
                + "/complete", user, form);
        assertThat(done.getStatusCode()).as(String.valueOf(done.getBody())).isEqualTo(HttpStatus.OK);
    }

    private ResponseEntity<byte[]> bytes(String path, String user) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token(user));
        ResponseEntity<byte[]> answer = http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), byte[].class);
        assertThat(answer.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
        return answer;
    }

    /** A sheet's rows as texts (whole numbers without a decimal point), blank cells as "". */
    private static List<List<String>> rows(byte[] xlsx, String sheetName, int columns) throws Exception {
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = book.getSheet(sheetName);
            List<List<String>> rows = new ArrayList<>();
            for (Row row : sheet) {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < columns; c++) {
                    Cell cell = row.getCell(c);
                    cells.add(cell == null ? "" : cell.getCellType() == CellType.NUMERIC
                            ? new BigDecimal(String.valueOf(cell.getNumericCellValue())).stripTrailingZeros().toPlainString()
                            : cell.getStringCellValue());
                }
                rows.add(cells);
            }
            return rows;
        }
    }
}
