package io.kaohe.workflow.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaohe.support.exports.ListWorkbook;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** The inbox workbook names what offices know by name: the cycle by its title, the department by the roster's name. */
class InboxWorkbookTest {

    private static final InboxWorkbook.Names NAMES = new InboxWorkbook.Names(Map.of("c-2015", "2015年度目标绩效考核"),
            Map.of("swzzb", "市委组织部"));

    @Test
    void opensAndDoneTasksNameTheirCycleAndDepartment() throws Exception {
        Instant due = Instant.parse("2015-04-10T00:00:00Z");
        List<TaskView> open = List.of(task("swzzb"), task("unknown-dept"), task(null));
        List<List<String>> rows = rows(book -> InboxWorkbook.open(book, new TaskView.Page(open, 3, 0, 500), NAMES),
                InboxWorkbook.OPEN);
        assertThat(rows.get(1).subList(0, 5)).containsExactly("审核自评", "2015年度目标绩效考核", "市纪委（监察局）", "第一季度",
                "市委组织部");
        assertThat(rows.get(2).get(4)).isEqualTo("unknown-dept");
        assertThat(rows.get(3).get(4)).isEmpty();

        List<TaskView.Done> done = List.of(new TaskView.Done("t1", "UserTask_Review", "审核自评 / Review", "c-2015",
                "bz-sjw", "市纪委（监察局）", "Q1", "swzzb", null, due, due, true, "p1"));
        List<List<String>> doneRows = rows(book -> InboxWorkbook.done(book, new TaskView.DonePage(done, 1, 0, 500),
                NAMES), InboxWorkbook.DONE);
        assertThat(doneRows.get(1).subList(0, 5)).containsExactly("审核自评", "2015年度目标绩效考核", "市纪委（监察局）",
                "第一季度", "市委组织部");
    }

    private static TaskView task(String department) {
        return new TaskView("t", "UserTask_Review", "审核自评 / Review", "c-2015", "bz-sjw", "市纪委（监察局）", "Q1",
                department, null, null, null, List.of(), null, null, Instant.parse("2015-04-10T00:00:00Z"), false,
                Instant.parse("2015-04-01T00:00:00Z"), false, "ReviewForm", false, "p1", null, null, null);
    }

    private static List<List<String>> rows(java.util.function.Consumer<ListWorkbook> fill,
                                           List<ListWorkbook.Column> columns) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ListWorkbook book = new ListWorkbook("s", columns)) {
            fill.accept(book);
            book.write(out);
        }
        DataFormatter format = new DataFormatter();
        try (XSSFWorkbook read = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            List<List<String>> rows = new java.util.ArrayList<>();
            for (Row row : read.getSheetAt(0)) {
                List<String> cells = new java.util.ArrayList<>();
                for (int i = 0; i < columns.size(); i++) {
                    cells.add(row.getCell(i) == null ? "" : format.formatCellValue(row.getCell(i)));
                }
                rows.add(cells);
            }
            return rows;
        }
    }
}
