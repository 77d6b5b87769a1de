package io.kaohe.workflow.rectification;

import io.kaohe.support.exports.ListWorkbook;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The rectification ledgers (整改台账) as offices keep them: one row per problem and its measure (a
 * rectification without a plan yet: one row per problem of its notice, or one for the rectification).
 */
final class RectificationLedgerWorkbook {

    static final List<ListWorkbook.Column> COLUMNS = List.of(
            new ListWorkbook.Column("序号", 6), new ListWorkbook.Column("单位", 20),
            new ListWorkbook.Column("考核周期", 14), new ListWorkbook.Column("整改类型", 12),
            new ListWorkbook.Column("问题", 40), new ListWorkbook.Column("来源", 16),
            new ListWorkbook.Column("下发日期", 12), new ListWorkbook.Column("整改时限", 12),
            new ListWorkbook.Column("整改措施", 40), new ListWorkbook.Column("责任领导", 12),
            new ListWorkbook.Column("责任科室", 12), new ListWorkbook.Column("进展", 40),
            new ListWorkbook.Column("状态", 10), new ListWorkbook.Column("销号日期", 12),
            new ListWorkbook.Column("核查人", 14));

    private static final Map<String, String> KINDS = Map.of("TALK_AND_REPORT", "约谈整改", "EXPLANATION", "书面说明",
            "INSPECTION_NOTICE", "督查通报整改");

    private RectificationLedgerWorkbook() {
    }

    static void write(ListWorkbook book, List<Rectifications.Rectification> rectifications,
                      Rectifications.LedgerNames names) {
        int n = 0;
        for (Rectifications.Rectification r : rectifications) {
            String unit = names.unit(r);
            String cycle = names.cycle(r);
            String kind = KINDS.getOrDefault(r.kind(), r.kind());
            LocalDate opened = ListWorkbook.day(r.openedAt());
            Map<String, Map<String, String>> notice = new java.util.HashMap<>();
            r.noticeProblems().forEach(p -> notice.put(p.get("problemId"), p));
            if (!r.ledger().isEmpty()) {
                for (Rectifications.LedgerEntry e : r.ledger()) {
                    Map<String, String> problem = notice.getOrDefault(e.problemId(), Map.of());
                    book.row(++n, unit, cycle, kind, e.problem() != null ? e.problem() : problem.get("description"),
                            problem.getOrDefault("source", r.grade() == null ? null : "考核等次：" + r.grade()), opened,
                            e.deadline(), e.measure(), e.responsibleLeader(), e.responsibleOffice(), e.progress(),
                            "CLOSED".equals(e.status()) ? "已销号" : "整改中", ListWorkbook.day(e.closedAt()),
                            e.verifiedBy());
                }
            } else if (!r.noticeProblems().isEmpty()) {
                for (Map<String, String> p : r.noticeProblems()) {
                    book.row(++n, unit, cycle, kind, p.get("description"), p.get("source"), opened,
                            ListWorkbook.day(r.reportDueAt()), null, null, null, null, status(r), closed(r), null);
                }
            } else {
                book.row(++n, unit, cycle, kind, r.grade() == null ? null : "考核等次为" + r.grade(),
                        r.grade() == null ? null : "考核等次：" + r.grade(), opened, ListWorkbook.day(r.reportDueAt()),
                        null, null, null, null, status(r), closed(r), null);
            }
        }
    }

    private static String status(Rectifications.Rectification r) {
        return "CLOSED".equals(r.status()) ? "已销号" : "待报送整改方案";
    }

    private static LocalDate closed(Rectifications.Rectification r) {
        return ListWorkbook.day(r.closedAt());
    }
}
