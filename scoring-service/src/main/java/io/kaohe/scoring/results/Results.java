package io.kaohe.scoring.results;

import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.contracts.rubric.UnitItems;
import io.kaohe.scoring.cycles.Cycle;
import io.kaohe.scoring.cycles.CycleUnit;
import io.kaohe.scoring.cycles.Cycles;
import io.kaohe.scoring.cycles.UnitItemsCache;
import io.kaohe.scoring.grades.Grades;
import io.kaohe.scoring.scores.DeductionLine;
import io.kaohe.scoring.scores.ItemResult;
import io.kaohe.scoring.scores.ScoreStore;
import io.kaohe.scoring.scores.Scoring;
import io.kaohe.scoring.scores.UnitTotals;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.stereotype.Service;

/** Builds the results table and the score sheets from the stored scores. */
@Service
public class Results {

    /** The status of a grade a unit may not see yet: there is one, and it is told in the 通报. */
    public static final String GRADE_UNPUBLISHED = "UNPUBLISHED";

    static final String SAME_AS_FIRST = "同第一项";

    private final Cycles cycles;
    private final UnitItemsCache items;
    private final Scoring scoring;
    private final ScoreStore store;
    private final Grades grades;

    Results(Cycles cycles, UnitItemsCache items, Scoring scoring, ScoreStore store, Grades grades) {
        this.cycles = cycles;
        this.items = items;
        this.scoring = scoring;
        this.store = store;
        this.grades = grades;
    }

    public ResultsTable table(String cycleId) {
        Cycle cycle = cycles.get(cycleId);
        List<CycleUnit> units = cycles.units(cycleId);
        Map<String, UnitTotals> totals = scoring.totals(cycle, units.stream().map(CycleUnit::unitCode).toList());
        ResultsTable table = assemble(cycle, units, totals, store.deductionLines(cycleId),
                unit -> items.get(cycle.rubricVersionId(), unit).unitItems(), grades.current(cycleId));
        return cycles.publication(cycleId).map(table::published).orElse(table);
    }

    /**
     * The table from the units' totals and deduction lines: groups in the order categories first
     * appear, rows by percentage of the applicable maximum (then the cycle's order).
     */
    public static ResultsTable assemble(Cycle cycle, List<CycleUnit> units, Map<String, UnitTotals> totals,
                                        Map<String, List<DeductionLine>> lines,
                                        java.util.function.Function<String, UnitItems> itemsOfUnit,
                                        Map<String, Grades.CurrentGrade> current) {
        Map<String, ResultsTable.Column> columns = new LinkedHashMap<>();
        for (CycleUnit unit : units) {
            UnitTotals t = totals.get(unit.unitCode());
            if (t == null) {
                continue;
            }
            for (UnitTotals.TopLevelTotals top : t.topLevels()) {
                columns.merge(top.code(), new ResultsTable.Column(top.code(), top.title(), top.maximum()),
                        (a, b) -> a.maximum().compareTo(b.maximum()) >= 0 ? a : b);
            }
        }

        Map<String, List<CycleUnit>> byCategory = new LinkedHashMap<>();
        units.forEach(u -> byCategory.computeIfAbsent(u.category(), c -> new ArrayList<>()).add(u));
        List<ResultsTable.Group> groups = new ArrayList<>();
        int number = 0;
        for (Map.Entry<String, List<CycleUnit>> category : byCategory.entrySet()) {
            record Scored(CycleUnit unit, UnitTotals totals, BigDecimal total, BigDecimal percent) {
            }
            List<Scored> scored = new ArrayList<>();
            for (CycleUnit unit : category.getValue()) {
                UnitTotals t = totals.get(unit.unitCode());
                if (t == null) {
                    continue;
                }
                BigDecimal total = t.finalTotal() != null && unit.frozen() ? t.finalTotal() : t.reviewedTotal();
                scored.add(new Scored(unit, t, total, percent(total, t.maximum())));
            }
            scored.sort(Comparator.comparing(Scored::percent).reversed()
                    .thenComparingInt(s -> s.unit().position()));
            List<ResultsTable.Row> rows = new ArrayList<>();
            List<ResultsTable.Cell> first = null;
            for (Scored s : scored) {
                int rank = 1 + (int) scored.stream().filter(o -> o.percent().compareTo(s.percent()) > 0).count();
                Map<String, String> topOfItem = new HashMap<>();
                Map<String, Integer> itemPosition = new HashMap<>();
                for (UnitItem item : itemsOfUnit.apply(s.unit().unitCode()).items()) {
                    topOfItem.put(item.itemCode(), item.topLevelCode());
                    itemPosition.put(item.itemCode(), itemPosition.size());
                }
                // In the unit's item order; a stable sort keeps each item's lines in recording order.
                List<DeductionLine> unitLines = new ArrayList<>(lines.getOrDefault(s.unit().unitCode(), List.of()));
                unitLines.sort(Comparator.comparingInt(line -> itemPosition.getOrDefault(line.itemCode(), -1)));
                Map<String, List<String>> reasons = new HashMap<>();
                for (DeductionLine line : unitLines) {
                    reasons.computeIfAbsent(topOfItem.get(line.itemCode()), k -> new ArrayList<>()).add(line.text());
                }
                boolean useFinal = s.unit().frozen() && s.totals().finalTotal() != null;
                List<ResultsTable.Cell> cells = new ArrayList<>();
                for (ResultsTable.Column column : columns.values()) {
                    UnitTotals.TopLevelTotals top = s.totals().topLevels().stream()
                            .filter(t -> t.code().equals(column.code())).findFirst().orElse(null);
                    BigDecimal points = top == null ? null : useFinal && top.finalTotal() != null
                            ? top.finalTotal() : top.reviewedTotal();
                    List<String> cellReasons = List.copyOf(reasons.getOrDefault(column.code(), List.of()));
                    String display = String.join("；", cellReasons);
                    if (first != null && !cellReasons.isEmpty()) {
                        ResultsTable.Cell firstCell = first.get(cells.size());
                        if (firstCell.reasons().equals(cellReasons)) {
                            display = SAME_AS_FIRST;
                        }
                    }
                    cells.add(new ResultsTable.Cell(column.code(), points, cellReasons, display));
                }
                if (first == null) {
                    first = cells;
                }
                Grades.CurrentGrade grade = current.get(s.unit().unitCode());
                List<String> remarks = new ArrayList<>();
                if (grade != null && grade.note() != null) {
                    remarks.add(grade.note());
                }
                if (grade != null && "REOPENED".equals(grade.status())) {
                    remarks.add("审定已重新开启");
                }
                int unreviewed = s.totals().itemCount() - s.totals().reviewedItems();
                if (unreviewed > 0) {
                    remarks.add("未评分" + unreviewed + "项");
                }
                rows.add(new ResultsTable.Row(++number, s.unit().unitCode(), s.unit().unitName(), rank,
                        List.copyOf(cells), s.total(), s.totals().maximum(), grade == null ? null : grade.grade(),
                        grade == null ? null : grade.status(), remarks.isEmpty() ? null : String.join("；", remarks)));
            }
            groups.add(new ResultsTable.Group(category.getKey(), List.copyOf(rows)));
        }
        return new ResultsTable(cycle.cycleId(), cycle.title(), List.copyOf(columns.values()), List.copyOf(groups),
                null);
    }

    /**
     * A unit's sheet; {@code visible} selects the items the caller may see (all for most callers).
     * Without {@code gradeShown} the grade is left out and its status says {@value #GRADE_UNPUBLISHED}.
     */
    public ScoreSheet sheet(Cycle cycle, CycleUnit unit, Predicate<UnitItem> visible, boolean partial,
                            boolean gradeShown) {
        Map<String, ItemResult> rows = store.rows(cycle.cycleId(), unit.unitCode());
        Map<String, List<ScoreSheet.Item>> bySection = new LinkedHashMap<>();
        Map<String, String> titles = new LinkedHashMap<>();
        for (UnitItem item : items.get(cycle.rubricVersionId(), unit.unitCode()).unitItems().items()) {
            if (!visible.test(item)) {
                continue;
            }
            titles.putIfAbsent(item.topLevelCode(), item.topLevelTitle());
            ItemResult r = rows.get(item.itemCode());
            BigDecimal self = r == null ? null : r.selfScore();
            BigDecimal reviewed = r == null ? null : r.reviewedScore();
            bySection.computeIfAbsent(item.topLevelCode(), k -> new ArrayList<>()).add(new ScoreSheet.Item(
                    item.itemCode(), item.title(), item.path(), item.points(),
                    item.rule() == null ? null : item.rule().wording(), item.assessingDepartments(), self, reviewed,
                    r == null ? null : r.finalScore(),
                    self != null && reviewed != null ? self.subtract(reviewed) : null,
                    r == null ? "未计算" : r.explanation(), r == null ? List.of() : r.deductions()));
        }
        List<ScoreSheet.Section> sections = new ArrayList<>();
        BigDecimal max = BigDecimal.ZERO;
        BigDecimal self = null;
        BigDecimal reviewed = BigDecimal.ZERO;
        BigDecimal fin = null;
        for (Map.Entry<String, List<ScoreSheet.Item>> section : bySection.entrySet()) {
            BigDecimal sMax = sum(section.getValue(), ScoreSheet.Item::points);
            BigDecimal sSelf = sumOrNull(section.getValue(), ScoreSheet.Item::selfScore);
            BigDecimal sReviewed = sum(section.getValue(), ScoreSheet.Item::reviewedScore);
            BigDecimal sFinal = sumOrNull(section.getValue(), ScoreSheet.Item::finalScore);
            sections.add(new ScoreSheet.Section(section.getKey(), titles.get(section.getKey()), sMax, sSelf, sReviewed,
                    sFinal, List.copyOf(section.getValue())));
            max = max.add(sMax);
            self = sSelf == null ? self : self == null ? sSelf : self.add(sSelf);
            reviewed = reviewed.add(sReviewed);
            fin = sFinal == null ? fin : fin == null ? sFinal : fin.add(sFinal);
        }
        Grades.CurrentGrade grade = partial ? null : grades.current(cycle.cycleId()).get(unit.unitCode());
        String gradeStatus = grade == null ? null : gradeShown ? grade.status() : GRADE_UNPUBLISHED;
        return new ScoreSheet(cycle.cycleId(), cycle.title(), unit.unitCode(), unit.unitName(), unit.category(),
                scale(max), self, scale(reviewed), fin, grade == null || !gradeShown ? null : grade.grade(),
                gradeStatus, partial, List.copyOf(sections));
    }

    static BigDecimal percent(BigDecimal total, BigDecimal maximum) {
        if (maximum == null || maximum.signum() == 0) {
            return BigDecimal.ZERO.setScale(2);
        }
        return total.multiply(BigDecimal.valueOf(100)).divide(maximum, 2, RoundingMode.HALF_UP);
    }

    private static BigDecimal scale(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }

    private static BigDecimal sum(List<ScoreSheet.Item> items, java.util.function.Function<ScoreSheet.Item, BigDecimal> f) {
        return items.stream().map(f).filter(v -> v != null).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static BigDecimal sumOrNull(List<ScoreSheet.Item> items,
                                        java.util.function.Function<ScoreSheet.Item, BigDecimal> f) {
        return items.stream().map(f).filter(v -> v != null).reduce(BigDecimal::add).orElse(null);
    }
}
