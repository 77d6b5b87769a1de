package io.kaohe.workflow.inbox;

import io.kaohe.contracts.events.ReportingPeriod;
import io.kaohe.support.exports.ListWorkbook;
import java.util.List;
import java.util.Map;

/**
 * The inbox as offices keep it in Excel: 待办 (the open tasks the list shows, with its filters) and 已办 (the
 * tasks the caller completed), columns as the inbox shows them, in Chinese, dates yyyy-MM-dd in Asia/Shanghai.
 */
final class InboxWorkbook {

    static final List<ListWorkbook.Column> OPEN = List.of(
            new ListWorkbook.Column("任务", 24), new ListWorkbook.Column("考核周期", 20),
            new ListWorkbook.Column("被考核单位", 20), new ListWorkbook.Column("期间", 10),
            new ListWorkbook.Column("考核部门", 12), new ListWorkbook.Column("到期日", 12),
            new ListWorkbook.Column("状态", 10), new ListWorkbook.Column("办理人", 16),
            new ListWorkbook.Column("创建时间", 18));
    static final List<ListWorkbook.Column> DONE = List.of(
            new ListWorkbook.Column("任务", 24), new ListWorkbook.Column("考核周期", 20),
            new ListWorkbook.Column("被考核单位", 20), new ListWorkbook.Column("期间", 10),
            new ListWorkbook.Column("考核部门", 12), new ListWorkbook.Column("到期日", 12),
            new ListWorkbook.Column("完成时间", 18), new ListWorkbook.Column("是否按时", 10));

    private InboxWorkbook() {
    }

    /** Cycles' titles and departments' names by code; a code neither knows is printed as it is. */
    record Names(Map<String, String> cycles, Map<String, String> departments) {

        String cycle(String id) {
            return id == null ? null : cycles.getOrDefault(id, id);
        }

        String department(String code) {
            return code == null ? null : departments.getOrDefault(code, code);
        }
    }

    static void open(ListWorkbook book, TaskView.Page page, Names names) {
        for (TaskView t : page.tasks()) {
            book.row(chinese(t.name()), names.cycle(t.cycleId()), unit(t.unitName(), t.unitCode()),
                    period(t.period()), names.department(t.department()), ListWorkbook.day(t.due()),
                    t.overdue() ? "已逾期" : "待办", t.assignee(), t.created());
        }
        more(book, page.total() - page.tasks().size());
    }

    static void done(ListWorkbook book, TaskView.DonePage page, Names names) {
        for (TaskView.Done t : page.tasks()) {
            book.row(chinese(t.name()), names.cycle(t.cycleId()), unit(t.unitName(), t.unitCode()),
                    period(t.period()), names.department(t.department()), ListWorkbook.day(t.due()), t.completed(),
                    t.onTime() ? "按时" : "逾期");
        }
        more(book, page.total() - page.tasks().size());
    }

    private static void more(ListWorkbook book, long omitted) {
        if (omitted > 0) {
            book.row("另有 " + omitted + " 条未导出，请缩小筛选范围");
        }
    }

    /** A task's name in Chinese: the models name tasks "中文 / English". */
    static String chinese(String name) {
        return name == null ? null : name.replaceFirst("\\s*/\\s*[\\x20-\\x7E]*$", "");
    }

    private static String unit(String name, String code) {
        return name != null ? name : code;
    }

    static String period(String period) {
        return ReportingPeriod.chineseName(period);
    }
}
