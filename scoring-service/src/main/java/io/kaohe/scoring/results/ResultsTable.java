package io.kaohe.scoring.results;

import io.kaohe.scoring.cycles.CyclePublication;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The results summary table (汇总表) offices publish. Units are grouped by category (in the roster's
 * order, headed by the category's name) and listed in the roster's order, not by rank. Each group has
 * its own first row (the template: every indicator of the group as "N.名称（满分分）" with its scoring
 * rule); each unit's row lists every indicator as "N.名称（得分分）" with the reason of each deduction
 * as recorded, or says "同第一项" when the unit kept full points on every indicator; then total and
 * remark. Points are the final layer once approved, else the reviewed one; an unscored item, cell or
 * total is null (printed blank), never 0.
 *
 * <p>{@code columns} and each row's {@code cells} are the same results per top-level indicator (one
 * column per 一级指标), the table's second layout. {@code publication} is set once the office has
 * published (通报) the results: the table is then the official one.
 */
public record ResultsTable(String cycleId, String title, List<Column> columns, List<Group> groups,
                           CyclePublication publication) {

    /** The same table, published. */
    public ResultsTable published(CyclePublication by) {
        return new ResultsTable(cycleId, title, columns, groups, by);
    }

    /** Every row, group after group, in the printed order. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        groups.forEach(g -> rows.addAll(g.rows()));
        return rows;
    }

    /** A top-level indicator; {@code maximum} is the highest of the units' maxima under it. */
    public record Column(String code, String title, BigDecimal maximum) {
    }

    /**
     * @param category     the category's code
     * @param categoryName the category's name in the roster (its code if the roster does not know it)
     * @param maximum      the template's points
     * @param template     the group's first row: its indicators with their full points and scoring rules
     * @param templateText the first row as printed, one indicator per line
     */
    public record Group(String category, String categoryName, BigDecimal maximum, List<Line> template,
                        String templateText, List<Row> rows) {
    }

    /**
     * @param rank        competition rank within the category by percentage of the applicable maximum
     * @param total       null while none of the unit's items is scored
     * @param status      PROPOSED, APPROVED or REOPENED; null when no grade was proposed yet
     * @param remark      notes on the grade and the scoring (a veto, a quota, items not yet scored)
     * @param lines       the unit's indicators with the points obtained and why
     * @param sameAsFirst every indicator of the group's first row kept its full points, without a reason
     * @param completion  the 指标完成情况 cell as printed: "同第一项", or the lines one per line
     */
    public record Row(int number, String unitCode, String unitName, int rank, List<Cell> cells, BigDecimal total,
                      BigDecimal maximum, String grade, String status, String remark, List<Line> lines,
                      boolean sameAsFirst, String completion) {

        /** The 备注 as offices print it: the grade ("（拟）" while only proposed), then the remark. */
        public String remarkAsPrinted() {
            List<String> parts = new ArrayList<>();
            if (grade != null) {
                parts.add(grade + ("PROPOSED".equals(status) ? "（拟）" : ""));
            }
            if (remark != null && !remark.isBlank()) {
                parts.add(remark);
            }
            return String.join("；", parts);
        }
    }

    /**
     * One indicator of a first row or of a unit's row.
     *
     * @param points  full points in a first row; the points obtained in a unit's row, null if not scored
     * @param rule    the scoring rule's wording (first row only)
     * @param reasons each deduction, bonus or finding as printed, the assessor's words unchanged
     * @param text    the line as printed, e.g. "2.刚性落实党风廉政建设“两个责任”（3.9分）：…"
     */
    public record Line(int number, String itemCode, String title, BigDecimal points, String rule,
                       List<String> reasons, String text) {
    }

    /**
     * @param points  null when no item under this indicator is scored
     * @param reasons every deduction under this indicator, each with its item's title
     * @param display the reasons as printed, joined
     */
    public record Cell(String code, BigDecimal points, List<String> reasons, String display) {
    }
}
