package io.kaohe.scoring.cockpit;

import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.scoring.cockpit.CockpitView.Bucket;
import io.kaohe.scoring.cockpit.CockpitView.Category;
import io.kaohe.scoring.cockpit.CockpitView.CategoryHistory;
import io.kaohe.scoring.cockpit.CockpitView.Gap;
import io.kaohe.scoring.cockpit.CockpitView.GradeCount;
import io.kaohe.scoring.cockpit.CockpitView.Tally;
import io.kaohe.scoring.cockpit.CockpitView.UnitHistory;
import io.kaohe.scoring.cockpit.CockpitView.YearResult;
import io.kaohe.scoring.cycles.Cycle;
import io.kaohe.scoring.cycles.CycleUnit;
import io.kaohe.scoring.cycles.Cycles;
import io.kaohe.support.rubric.RubricReplica;
import io.kaohe.scoring.grades.Grades;
import io.kaohe.scoring.grades.GradingScheme;
import io.kaohe.scoring.pastyears.PastYears;
import io.kaohe.scoring.scores.Scoring;
import io.kaohe.scoring.scores.UnitTotals;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads a cycle's scores, grades and decisions in aggregate for the leaders' cockpit; writes nothing. */
@Service
class Cockpit {

    private static final BigDecimal HUNDRED = new BigDecimal("100");
    /** Below 60 is one bucket (nobody tells 20% from 30% apart), then ten points each; 100 goes in the last. */
    private static final int[] BUCKET_FROM = {0, 60, 70, 80, 90};

    private final JdbcClient db;
    private final Cycles cycles;
    private final Scoring scoring;
    private final Grades grades;
    private final RubricReplica rubric;
    private final PastYears pastYears;

    Cockpit(JdbcClient db, Cycles cycles, Scoring scoring, Grades grades, RubricReplica rubric, PastYears pastYears) {
        this.db = db;
        this.cycles = cycles;
        this.scoring = scoring;
        this.grades = grades;
        this.rubric = rubric;
        this.pastYears = pastYears;
    }

    /** A unit's result in one cycle. */
    private record Result(CycleUnit unit, UnitTotals totals, BigDecimal percent, String grade) {
    }

    /** A year across years: a cycle the platform ran ({@code cycleId}), or an imported one (cycleId null). */
    private record Year(String cycleId, int year, String title, String source) {
    }

    /** A unit's result in a year, as the history compares them. */
    private record Point(String category, BigDecimal percent, String grade) {
    }

    @Transactional(readOnly = true)
    public CockpitView view(String cycleId, int gapCount, int reasonCount) {
        Cycle cycle = cycles.get(cycleId);
        List<CycleUnit> units = cycles.units(cycleId);
        Map<String, Result> results = results(cycle, units);
        Set<String> selfAssessed = new HashSet<>(db.sql(
                "select distinct unit_code from self_assessment where cycle_id = ?").param(cycleId)
                .query(String.class).list());

        Map<String, List<Result>> byCategory = new LinkedHashMap<>();
        units.forEach(u -> byCategory.computeIfAbsent(u.category(), c -> new ArrayList<>()));
        results.values().forEach(r -> byCategory.get(r.unit().category()).add(r));
        Map<Year, Map<String, Point>> all = yearsResults(cycle, results);
        List<String> bandOrder = grades.scheme(cycleId).bands().stream().map(GradingScheme.Band::grade).toList();
        List<Category> categories = new ArrayList<>();
        byCategory.forEach((category, rs) -> categories.add(category(category,
                (int) units.stream().filter(u -> u.category().equals(category)).count(), rs, selfAssessed, bandOrder)));

        return new CockpitView(cycleId, cycle.year(), cycle.title(), categories, gaps(cycle, units, gapCount),
                tally(cycleId, "reason", reasonCount), tally(cycleId, "source", reasonCount),
                unitHistory(units, all), categoryHistory(byCategory.keySet(), all));
    }

    private Map<String, Result> results(Cycle cycle, List<CycleUnit> units) {
        Map<String, UnitTotals> totals = scoring.totals(cycle, units.stream().map(CycleUnit::unitCode).toList());
        Map<String, Grades.CurrentGrade> graded = grades.current(cycle.cycleId());
        Map<String, Result> results = new LinkedHashMap<>();
        for (CycleUnit unit : units) {
            UnitTotals t = totals.get(unit.unitCode());
            if (t == null) {
                continue;
            }
            Grades.CurrentGrade g = graded.get(unit.unitCode());
            results.put(unit.unitCode(), new Result(unit, t, percent(t), g == null ? null : g.grade()));
        }
        return results;
    }

    /** The final total once approved, else the reviewed one, over the applicable maximum (as grading does). */
    private static BigDecimal percent(UnitTotals t) {
        if (t.maximum() == null || t.maximum().signum() == 0) {
            return null;
        }
        BigDecimal total = t.finalTotal() != null ? t.finalTotal() : t.reviewedTotal();
        return total.multiply(HUNDRED).divide(t.maximum(), 2, RoundingMode.HALF_UP);
    }

    private static Category category(String category, int unitCount, List<Result> results, Set<String> selfAssessed,
                                     List<String> bandOrder) {
        List<BigDecimal> percents = results.stream().map(Result::percent).filter(p -> p != null).toList();
        int[] counts = new int[BUCKET_FROM.length];
        for (BigDecimal p : percents) {
            int i = BUCKET_FROM.length - 1;
            while (i > 0 && p.compareTo(BigDecimal.valueOf(BUCKET_FROM[i])) < 0) {
                i--;
            }
            counts[i]++;
        }
        List<Bucket> buckets = new ArrayList<>();
        for (int i = 0; i < BUCKET_FROM.length; i++) {
            int to = i + 1 < BUCKET_FROM.length ? BUCKET_FROM[i + 1] : 100;
            String label = i == 0 ? "<" + to : BUCKET_FROM[i] + "–" + to;
            buckets.add(new Bucket(label, BigDecimal.valueOf(BUCKET_FROM[i]), BigDecimal.valueOf(to), counts[i]));
        }
        // The scheme's grades in band order, then any other grade a proposal carried (a scheme changed since).
        Map<String, Integer> byGrade = new LinkedHashMap<>();
        bandOrder.forEach(g -> byGrade.put(g, 0));
        int ungraded = 0;
        for (Result r : results) {
            if (r.grade() == null) {
                ungraded++;
            } else {
                byGrade.merge(r.grade(), 1, Integer::sum);
            }
        }
        int reviewed = (int) results.stream()
                .filter(r -> r.totals().itemCount() > 0 && r.totals().reviewedItems() == r.totals().itemCount()).count();
        int inReview = (int) results.stream()
                .filter(r -> r.totals().reviewedItems() > 0 && r.totals().reviewedItems() < r.totals().itemCount())
                .count();
        int self = (int) results.stream().filter(r -> selfAssessed.contains(r.unit().unitCode())).count();
        BigDecimal mean = percents.isEmpty() ? null : percents.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(BigDecimal.valueOf(percents.size()), 2, RoundingMode.HALF_UP);
        return new Category(category, unitCount, self, reviewed, inReview, mean,
                percents.stream().min(Comparator.naturalOrder()).orElse(null),
                percents.stream().max(Comparator.naturalOrder()).orElse(null), buckets,
                byGrade.entrySet().stream().map(e -> new GradeCount(e.getKey(), e.getValue())).toList(), ungraded);
    }

    /** The largest differences between what a unit gave itself and what it was reviewed to, either way. */
    private List<Gap> gaps(Cycle cycle, List<CycleUnit> units, int limit) {
        Map<String, CycleUnit> byCode = new LinkedHashMap<>();
        units.forEach(u -> byCode.put(u.unitCode(), u));
        return db.sql("""
                select s.unit_code, s.item_code, s.self_score, s.reviewed_score
                  from item_score s join cycle_unit u on u.cycle_id = s.cycle_id and u.unit_code = s.unit_code
                 where s.cycle_id = ? and s.self_score is not null and s.reviewed_score is not null
                   and s.self_score <> s.reviewed_score
                 order by abs(s.self_score - s.reviewed_score) desc, u.position, s.item_code
                 limit ?
                """).params(cycle.cycleId(), limit).query((rs, n) -> {
            CycleUnit unit = byCode.get(rs.getString(1));
            UnitItem item = rubric.items(cycle.rubricVersionId(), unit.unitCode()).item(rs.getString(2));
            BigDecimal self = rs.getBigDecimal(3);
            BigDecimal reviewed = rs.getBigDecimal(4);
            return new Gap(unit.unitCode(), unit.unitName(), unit.category(), rs.getString(2),
                    item == null ? null : item.title(), self, reviewed, self.subtract(reviewed));
        }).list();
    }

    /**
     * The deduction lines of the current scores (superseded and withdrawn decisions are no longer in them),
     * grouped by {@code field} as recorded: most lines first, then most points. Bonuses are not deductions.
     */
    private List<Tally> tally(String cycleId, String field, int limit) {
        return db.sql("""
                select line ->> '%1$s', count(*), coalesce(sum((line ->> 'points')::numeric), 0)
                  from item_score s cross join jsonb_array_elements(s.deductions) line
                 where s.cycle_id = ? and coalesce((line ->> 'points')::numeric, 0) >= 0
                   and nullif(btrim(line ->> '%1$s'), '') is not null
                 group by 1 order by 2 desc, 3 desc, 1 limit ?
                """.formatted(field)).params(cycleId, limit)
                .query((rs, n) -> new Tally(rs.getString(1), rs.getInt(2), rs.getBigDecimal(3))).list();
    }

    /**
     * The cycles of earlier years and the years imported from published workbooks (a year the platform ran
     * itself shows the platform's cycle, not the import), oldest first, then this cycle; each unit's result.
     */
    private Map<Year, Map<String, Point>> yearsResults(Cycle cycle, Map<String, Result> current) {
        List<Cycle> all = cycles.all();
        Set<Integer> ran = new HashSet<>();
        all.forEach(c -> ran.add(c.year()));
        Map<Year, Map<String, Point>> years = new java.util.TreeMap<>(Comparator.comparingInt(Year::year)
                .thenComparing(y -> y.cycleId() == null ? "" : y.cycleId()));
        for (Cycle c : all) {
            if (c.year() < cycle.year()) {
                years.put(new Year(c.cycleId(), c.year(), c.title(), YearResult.PLATFORM),
                        points(results(c, cycles.units(c.cycleId()))));
            }
        }
        for (PastYears.Year imported : pastYears.before(cycle.year())) {
            if (!ran.contains(imported.year())) {
                Map<String, Point> points = new LinkedHashMap<>();
                imported.results().forEach((code, r) -> points.put(code, new Point(r.category(), r.percent(), r.grade())));
                years.put(new Year(null, imported.year(), imported.title(), YearResult.IMPORTED), points);
            }
        }
        Map<Year, Map<String, Point>> ordered = new LinkedHashMap<>(years);
        ordered.put(new Year(cycle.cycleId(), cycle.year(), cycle.title(), YearResult.PLATFORM), points(current));
        return ordered;
    }

    private static Map<String, Point> points(Map<String, Result> results) {
        Map<String, Point> points = new LinkedHashMap<>();
        results.forEach((code, r) -> points.put(code, new Point(r.unit().category(), r.percent(), r.grade())));
        return points;
    }

    private static List<UnitHistory> unitHistory(List<CycleUnit> units, Map<Year, Map<String, Point>> all) {
        List<UnitHistory> history = new ArrayList<>();
        for (CycleUnit unit : units) {
            List<YearResult> years = new ArrayList<>();
            all.forEach((y, ps) -> {
                Point p = ps.get(unit.unitCode());
                if (p != null) {
                    years.add(new YearResult(y.cycleId(), y.year(), y.title(), p.percent(), p.grade(), 1, y.source()));
                }
            });
            history.add(new UnitHistory(unit.unitCode(), unit.unitName(), unit.category(), years));
        }
        return history;
    }

    /** Per category of this cycle, its mean percent in every year that has units of that category. */
    private static List<CategoryHistory> categoryHistory(Set<String> categories, Map<Year, Map<String, Point>> all) {
        List<CategoryHistory> history = new ArrayList<>();
        for (String category : new LinkedHashSet<>(categories)) {
            List<YearResult> years = new ArrayList<>();
            all.forEach((y, ps) -> {
                List<BigDecimal> percents = ps.values().stream().filter(p -> p.category().equals(category))
                        .map(Point::percent).filter(p -> p != null).toList();
                if (!percents.isEmpty()) {
                    years.add(new YearResult(y.cycleId(), y.year(), y.title(), percents.stream()
                            .reduce(BigDecimal.ZERO, BigDecimal::add)
                            .divide(BigDecimal.valueOf(percents.size()), 2, RoundingMode.HALF_UP), null,
                            percents.size(), y.source()));
                }
            });
            history.add(new CategoryHistory(category, years));
        }
        return history;
    }
}
