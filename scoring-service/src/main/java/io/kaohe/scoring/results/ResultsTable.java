package io.kaohe.scoring.results;

import io.kaohe.scoring.cycles.CyclePublication;
import java.math.BigDecimal;
import java.util.List;

/**
 * The results summary table (汇总表) offices publish: one row per unit, grouped by unit
 * category, per top-level indicator the points obtained and the reason of every deduction,
 * then total, grade and remark. Points are the final layer once approved, else the reviewed one.
 * {@code publication} is set once the office has published (通报) the results: the table is then
 * the official one.
 */
public record ResultsTable(String cycleId, String title, List<Column> columns, List<Group> groups,
                           CyclePublication publication) {

    /** The same table, published. */
    public ResultsTable published(CyclePublication by) {
        return new ResultsTable(cycleId, title, columns, groups, by);
    }

    /** A top-level indicator; {@code maximum} is the highest of the units' maxima under it. */
    public record Column(String code, String title, BigDecimal maximum) {
    }

    public record Group(String category, List<Row> rows) {
    }

    /**
     * @param rank   competition rank within the category by percentage of the applicable maximum
     * @param status PROPOSED, APPROVED or REOPENED; null when no grade was proposed yet
     */
    public record Row(int number, String unitCode, String unitName, int rank, List<Cell> cells, BigDecimal total,
                      BigDecimal maximum, String grade, String status, String remark) {
    }

    /**
     * @param reasons every deduction under this indicator, in full
     * @param display the reasons as printed: joined, or "同第一项" when they equal the first row's
     */
    public record Cell(String code, BigDecimal points, List<String> reasons, String display) {
    }
}
