package io.kaohe.scoring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.contracts.events.CycleOpened;
import io.kaohe.testsupport.AuditRecords;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The decisions ledger (扣分加分记录台账) as .xlsx: every decision with its correction, and who sees which. */
class DecisionLedgerIT extends ScoringITBase {

    private static final List<CycleOpened.Unit> UNITS = Fixtures.cycleUnits("bz-sjw", "bz-zjfy");

    @Test
    void theOfficeGetsEveryDecisionADepartmentItsOwnAndAReporterIsRefused() throws Exception {
        String cycle = newCycleId("ledger");
        openCycle(cycle, Fixtures.TARGETS, UNITS);
        JsonNode late = decide(cycle, "reviewer.swzzb", "unitCode", "bz-sjw", "itemCode", "eff.1", "kind", "DEDUCTION",
                "count", 2, "reason", "市委交办事项未按时完成2次", "source", "督查通报", "date", "2015-07-15",
                "evidenceRefs", List.of("notice-2015-07")).getBody();
        assertThat(decide(cycle, "reviewer.swzzb", "unitCode", "bz-sjw", "itemCode", "eff.1", "kind", "DEDUCTION",
                "count", 1, "reason", "核实后为1次", "supersedes", late.at("/decision/id").asText())
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(decide(cycle, "reviewer.swzzb", "unitCode", "bz-zjfy", "itemCode", "eff.3", "kind", "MEASUREMENT",
                "measured", Map.of("actual", 1, "required", 3), "reason", "中心组学习应开展3次，实际1次")
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(decide(cycle, "reviewer.fpymj", "unitCode", "bz-sjw", "itemCode", "duty.1", "kind", "JUDGED",
                "score", new BigDecimal("4.5"), "reason", "驻村帮扶考核良好").getStatusCode()).isEqualTo(HttpStatus.CREATED);

        ResponseEntity<byte[]> office = bytes("/api/scoring/cycles/" + cycle + "/decisions.xlsx", "office");
        assertThat(office.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(office.getHeaders().getContentDisposition().getFilename()).endsWith("扣分加分记录台账.xlsx");
        List<List<String>> all = rows(office.getBody());
        assertThat(all.get(0)).containsExactly("序号", "被考核单位", "指标", "类型", "分值", "次数", "计量/测量值", "理由",
                "来源", "日期", "证据", "录入部门", "录入人", "录入时间", "更正记录", "是否被更正");
        assertThat(all).hasSize(5);
        List<String> first = all.get(1);
        assertThat(first.subList(1, 13)).containsExactly("市纪委（监察局）", "按时完成市委安排各项工作和任务", "扣分", "",
                "2", "incidents", "市委交办事项未按时完成2次", "督查通报", "2015-07-15", "notice-2015-07", "市委组织部",
                "reviewer.swzzb");
        assertThat(first.get(13)).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}");
        assertThat(first.get(14)).isEmpty();
        assertThat(first.get(15)).isEqualTo("是（第" + all.get(2).get(0) + "条）");
        assertThat(all.get(2).get(14)).isEqualTo("更正第" + first.get(0) + "条");
        assertThat(all.get(2).get(15)).isEqualTo("否");
        assertThat(all.get(3).subList(1, 7)).containsExactly("市中级法院", all.get(3).get(2), "测量值", "", "",
                all.get(3).get(6));
        assertThat(all.get(3).get(6)).contains("actual=1").contains("required=3");
        assertThat(all.get(4).subList(3, 5)).containsExactly("评定", "4.5");
        assertThat(all.get(4).get(11)).isEqualTo("sfpymj");

        // A department sees what it recorded, none of another department's decisions.
        ResponseEntity<byte[]> department = bytes("/api/scoring/cycles/" + cycle + "/decisions.xlsx", "reviewer.swzzb");
        assertThat(department.getHeaders().getContentDisposition().getFilename())
                .endsWith("扣分加分记录台账（市委组织部）.xlsx");
        List<List<String>> swzzb = rows(department.getBody());
        assertThat(swzzb).hasSize(4);
        assertThat(swzzb.subList(1, 4)).allSatisfy(r -> assertThat(r.get(11)).isEqualTo("市委组织部"));
        List<List<String>> fpymj = rows(bytes("/api/scoring/cycles/" + cycle + "/decisions.xlsx", "reviewer.fpymj")
                .getBody());
        assertThat(fpymj).hasSize(2);
        assertThat(fpymj.get(1).get(7)).isEqualTo("驻村帮扶考核良好");

        // A unit's reporter is refused in a problem detail, and the refusal is recorded.
        ResponseEntity<JsonNode> reporter = call(org.springframework.http.HttpMethod.GET,
                "/api/scoring/cycles/" + cycle + "/decisions.xlsx", "reporter.sjw", null);
        assertThat(reporter.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(reporter.getHeaders().getContentType().toString()).contains("problem+json");
        assertThat(reporter.getBody().get("code").asText()).isEqualTo("scoring.decisions.ledger-role");
        await().atMost(Duration.ofSeconds(30)).until(() -> !AuditRecords.matching(dataSource,
                r -> "reporter.sjw".equals(r.path("username").asText())
                        && r.path("path").asText().contains(cycle + "/decisions.xlsx")
                        && "REFUSED".equals(r.path("outcome").asText())).isEmpty());
    }

    /** The sheet's rows as texts (numbers as offices write them: 4.5, 2), blank cells as "". */
    private static List<List<String>> rows(byte[] xlsx) throws Exception {
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = book.getSheet("扣分加分记录台账");
            List<List<String>> rows = new ArrayList<>();
            for (Row row : sheet) {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < 16; c++) {
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
