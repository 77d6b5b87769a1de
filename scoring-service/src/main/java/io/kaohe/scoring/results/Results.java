package io.kaohe.scoring.results;

import io.kaohe.scoring.roster.RosterSource;
import io.kaohe.scoring.roster.RosterOrder;
import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.contracts.rubric.UnitItems;
import io.kaohe.scoring.cycles.Cycle;
import io.kaohe.scoring.cycles.CycleUnit;
import io.kaohe.scoring.cycles.Cycles;
import io.kaohe.support.rubric.RubricReplica;
import io.kaohe.scoring.grades.Grades;
import io.kaohe.scoring.scores.ItemResult;
import io.kaohe.scoring.scores.ScoreStore;
import io.kaohe.scoring.scores.Scoring;
import io.kaohe.scoring.scores.UnitTotals;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.stereotype.Service;

/** Builds the results table and the score sheets from the stored scores. */
@Service
public class Results {

    /** The status of a grade a unit may not see yet: there is one, and it is told in the 通报. */
    public static final String GRADE_UNPUBLISHED = "UNPUBLISHED";

    private final Cycles cycles;
    private final RubricReplica rubric;
    private final Scoring scoring;
    private final ScoreStore store;
    private final Grades grades;
    private final RosterSource roster;

    Results(Cycles cycles, RubricReplica rubric, Scoring scoring, ScoreStore store, Grades grades,
            RosterSource roster) {
        this.cycles = cycles;
        this.rubric = rubric;
        this.scoring = scoring;
        this.store = store;
        this.grades = grades;
        this.roster = roster;
    }

    public ResultsTable table(String cycleId) {
        Cycle cycle = cycles.get(cycleId);
        List<CycleUnit> units = cycles.units(cycleId);
        Map<String, UnitTotals> totals = scoring.totals(cycle, units.stream().map(CycleUnit::unitCode).toList());
        ResultsTable table = assemble(cycle, units, totals, store.cycleRows(cycleId),
                unit -> rubric.items(cycle.rubricVersionId(), unit).unitItems(), grades.current(cycleId),
                roster.roster());
        return cycles.publication(cycleId).map(table::published).orElse(table);
    }

    /**
     * The table from the units' totals and item rows (see {@link ResultsTable}): groups and units in the
     * roster's order; ranks by percentage of the applicable maximum within each category.
     */
    public static ResultsTable assemble(Cycle cycle, List<CycleUnit> units, Map<String, UnitTotals> totals,
                                        Map<String, Map<String, ItemResult>> rows,
                                        Function<String, UnitItems> itemsOfUnit,
                                        Map<String, Grades.CurrentGrade> current, RosterOrder roster) {
        return TableAssembler.assemble(cycle, units, totals, rows, itemsOfUnit, current, roster);
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
        for (UnitItem item : rubric.items(cycle.rubricVersionId(), unit.unitCode()).items()) {
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
        BigDecimal reviewed = null;
        BigDecimal fin = null;
        for (Map.Entry<String, List<ScoreSheet.Item>> section : bySection.entrySet()) {
            BigDecimal sMax = sum(section.getValue(), ScoreSheet.Item::points);
            BigDecimal sSelf = sumOrNull(section.getValue(), ScoreSheet.Item::selfScore);
            BigDecimal sReviewed = sumOrNull(section.getValue(), ScoreSheet.Item::reviewedScore);
            BigDecimal sFinal = sumOrNull(section.getValue(), ScoreSheet.Item::finalScore);
            sections.add(new ScoreSheet.Section(section.getKey(), titles.get(section.getKey()), sMax, sSelf, sReviewed,
                    sFinal, List.copyOf(section.getValue())));
            max = max.add(sMax);
            self = sSelf == null ? self : self == null ? sSelf : self.add(sSelf);
            reviewed = sReviewed == null ? reviewed : reviewed == null ? sReviewed : reviewed.add(sReviewed);
            fin = sFinal == null ? fin : fin == null ? sFinal : fin.add(sFinal);
        }
        Grades.CurrentGrade grade = partial ? null : grades.current(cycle.cycleId()).get(unit.unitCode());
        String gradeStatus = grade == null ? null : gradeShown ? grade.status() : GRADE_UNPUBLISHED;
        return new ScoreSheet(cycle.cycleId(), cycle.title(), unit.unitCode(), unit.unitName(), unit.category(),
                scale(max), self, reviewed == null ? null : scale(reviewed), fin, grade == null || !gradeShown ? null : grade.grade(),
                gradeStatus, partial, List.copyOf(sections));
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
