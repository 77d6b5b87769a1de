package io.kaohe.scoring.cockpit;

import java.math.BigDecimal;
import java.util.List;

/**
 * What scoring tells a leader about a cycle on the 驾驶舱: per unit category its progress as scoring sees
 * it, the distribution of percentages and grades; the largest self-vs-reviewed gaps; the most frequent
 * deduction reasons and sources; and the cycle's units and categories next to earlier years' cycles and the
 * years imported from their published results tables.
 * Percent is total ÷ applicable maximum × 100 (the final total once approved, else the reviewed one).
 */
public record CockpitView(String cycleId, int year, String title, List<Category> categories, List<Gap> gaps,
                          List<Tally> reasons, List<Tally> sources, List<UnitHistory> unitHistory,
                          List<CategoryHistory> categoryHistory) {

    /**
     * One unit category. {@code selfAssessed}: units whose self-assessment scoring received;
     * {@code reviewed}: units every item of which has a reviewed score; {@code inReview}: some but not all.
     */
    public record Category(String category, int units, int selfAssessed, int reviewed, int inReview,
                           BigDecimal meanPercent, BigDecimal minPercent, BigDecimal maxPercent,
                           List<Bucket> buckets, List<GradeCount> grades, int ungraded) {
    }

    /** Units whose percent is in [from, to) (the last bucket includes 100). */
    public record Bucket(String label, BigDecimal from, BigDecimal to, int count) {
    }

    /** Units of a grade (approved, or the latest proposal's), in the scheme's band order. */
    public record GradeCount(String grade, int count) {
    }

    /** An item whose self-score and reviewed score differ: {@code gap} = self − reviewed. */
    public record Gap(String unitCode, String unitName, String category, String itemCode, String itemTitle,
                      BigDecimal selfScore, BigDecimal reviewedScore, BigDecimal gap) {
    }

    /** A deduction reason or source as recorded: how many lines and the points they took (vetoes add none). */
    public record Tally(String name, int count, BigDecimal points) {
    }

    public record UnitHistory(String unitCode, String unitName, String category, List<YearResult> years) {
    }

    public record CategoryHistory(String category, List<YearResult> years) {
    }

    /**
     * One year's result: a unit's percent and grade, or a category's mean percent over {@code units}. {@code source}
     * {@value #PLATFORM}: a cycle the platform ran; {@value #IMPORTED}: a year imported from its published 汇总表
     * as final results (往年导入, {@code cycleId} null). A year the platform ran is never also shown imported.
     */
    public record YearResult(String cycleId, int year, String title, BigDecimal percent, String grade, int units,
                             String source) {
        public static final String PLATFORM = "PLATFORM";
        public static final String IMPORTED = "IMPORTED";
    }
}
