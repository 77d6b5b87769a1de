package io.kaohe.scoring.results;

import io.kaohe.scoring.roster.RosterOrder;
import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.contracts.rubric.UnitItems;
import io.kaohe.scoring.cycles.Cycle;
import io.kaohe.scoring.cycles.CycleUnit;
import io.kaohe.scoring.grades.Grades;
import io.kaohe.scoring.scores.DeductionLine;
import io.kaohe.scoring.scores.ItemResult;
import io.kaohe.scoring.scores.UnitTotals;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds the results table from the stored scores: groups and units in the roster's order, each
 * group's first row from the indicators every unit of the group is assessed on (so a per-category
 * variant of an indicator appears in its own group only), each unit's indicators line by line. Pure.
 */
final class TableAssembler {

    static final String SAME_AS_FIRST = "同第一项";
    static final String UNSCORED = "未评分";

    private TableAssembler() {
    }

    /** A unit of a group with its totals and items. */
    private record Member(CycleUnit unit, UnitTotals totals, List<UnitItem> items, Map<String, ItemResult> rows,
                          boolean useFinal, BigDecimal total, BigDecimal percent) {

        /** The points the item obtained in the printed layer; null while unscored. */
        BigDecimal score(String itemCode) {
            ItemResult r = rows.get(itemCode);
            if (r == null) {
                return null;
            }
            return useFinal && r.finalScore() != null ? r.finalScore() : r.reviewedScore();
        }

        List<DeductionLine> lines(String itemCode) {
            ItemResult r = rows.get(itemCode);
            return r == null ? List.of() : r.deductions();
        }
    }

    static ResultsTable assemble(Cycle cycle, List<CycleUnit> units, Map<String, UnitTotals> totals,
                                 Map<String, Map<String, ItemResult>> rows, Function<String, UnitItems> itemsOfUnit,
                                 Map<String, Grades.CurrentGrade> current, RosterOrder roster) {
        Map<String, ResultsTable.Column> columns = new LinkedHashMap<>();
        for (CycleUnit unit : units) {
            UnitTotals t = totals.get(unit.unitCode());
            if (t != null) {
                for (UnitTotals.TopLevelTotals top : t.topLevels()) {
                    columns.merge(top.code(), new ResultsTable.Column(top.code(), top.title(), top.maximum()),
                            (a, b) -> a.maximum().compareTo(b.maximum()) >= 0 ? a : b);
                }
            }
        }
        List<ResultsTable.Group> groups = new ArrayList<>();
        int number = 0;
        for (Map.Entry<String, List<CycleUnit>> category : inRosterOrder(units, roster).entrySet()) {
            List<Member> members = new ArrayList<>();
            for (CycleUnit unit : category.getValue()) {
                UnitTotals t = totals.get(unit.unitCode());
                if (t == null) {
                    continue;
                }
                boolean useFinal = unit.frozen() && t.finalTotal() != null;
                BigDecimal total = useFinal ? t.finalTotal() : t.reviewedItems() == 0 ? null : t.reviewedTotal();
                members.add(new Member(unit, t, itemsOfUnit.apply(unit.unitCode()).items(),
                        rows.getOrDefault(unit.unitCode(), Map.of()), useFinal, total,
                        percent(total, t.maximum())));
            }
            Template template = template(members);
            List<ResultsTable.Row> printed = new ArrayList<>();
            for (Member m : members) {
                int rank = 1 + (int) members.stream().filter(o -> o.percent().compareTo(m.percent()) > 0).count();
                printed.add(row(++number, rank, m, template, columns.values(), current.get(m.unit().unitCode())));
            }
            groups.add(new ResultsTable.Group(category.getKey(), roster.categoryName(category.getKey()),
                    template.maximum(), template.lines(), joined(template.lines()), List.copyOf(printed)));
        }
        return new ResultsTable(cycle.cycleId(), cycle.title(), List.copyOf(columns.values()), List.copyOf(groups),
                null);
    }

    /** Categories in the roster's order (unknown ones after, as they first appear), units likewise. */
    private static Map<String, List<CycleUnit>> inRosterOrder(List<CycleUnit> units, RosterOrder roster) {
        Map<String, Integer> unitAt = roster.unitPositions();
        Map<String, Integer> categoryAt = roster.categoryPositions();
        List<CycleUnit> sorted = new ArrayList<>(units);
        sorted.sort(Comparator.comparingInt((CycleUnit u) -> unitAt.getOrDefault(u.unitCode(), Integer.MAX_VALUE))
                .thenComparingInt(CycleUnit::position));
        List<String> firstSeen = new ArrayList<>(new LinkedHashSet<>(units.stream().map(CycleUnit::category).toList()));
        List<String> categories = new ArrayList<>(firstSeen);
        categories.sort(Comparator.comparingInt((String c) -> categoryAt.getOrDefault(c, Integer.MAX_VALUE))
                .thenComparingInt(firstSeen::indexOf));
        Map<String, List<CycleUnit>> byCategory = new LinkedHashMap<>();
        categories.forEach(c -> byCategory.put(c, new ArrayList<>()));
        sorted.forEach(u -> byCategory.get(u.category()).add(u));
        return byCategory;
    }

    /**
     * A group's first row: the items every unit of the group is assessed on, in the first unit's order.
     * Units with their own targets share no item; the first row then lists the sections (一级指标).
     */
    private record Template(List<ResultsTable.Line> lines, Set<String> itemCodes, BigDecimal maximum) {
    }

    private static Template template(List<Member> members) {
        if (members.isEmpty()) {
            return new Template(List.of(), Set.of(), BigDecimal.ZERO);
        }
        Set<String> common = new LinkedHashSet<>(members.get(0).items().stream().map(UnitItem::itemCode).toList());
        members.forEach(m -> common.retainAll(m.items().stream().map(UnitItem::itemCode).toList()));
        List<ResultsTable.Line> lines = new ArrayList<>();
        BigDecimal maximum = BigDecimal.ZERO;
        if (!common.isEmpty()) {
            for (UnitItem item : members.get(0).items()) {
                if (common.contains(item.itemCode())) {
                    String rule = item.rule() == null || item.rule().wording() == null ? null
                            : item.rule().wording().strip();
                    lines.add(new ResultsTable.Line(lines.size() + 1, item.itemCode(), item.title(), item.points(),
                            rule, List.of(), lineText(lines.size() + 1, item.title(), Points.plain(item.points()) + "分",
                            rule == null || rule.isEmpty() ? List.of() : List.of(rule))));
                    maximum = maximum.add(item.points());
                }
            }
            return new Template(List.copyOf(lines), Set.copyOf(common), maximum);
        }
        Map<String, String> titles = new LinkedHashMap<>();
        Map<String, BigDecimal> maxima = new LinkedHashMap<>();
        for (Member m : members) {
            for (UnitTotals.TopLevelTotals top : m.totals().topLevels()) {
                titles.putIfAbsent(top.code(), top.title());
                maxima.merge(top.code(), top.maximum(), BigDecimal::max);
            }
        }
        for (Map.Entry<String, String> top : titles.entrySet()) {
            BigDecimal points = maxima.get(top.getKey());
            lines.add(new ResultsTable.Line(lines.size() + 1, top.getKey(), top.getValue(), points, null, List.of(),
                    lineText(lines.size() + 1, top.getValue(), Points.plain(points) + "分", List.of())));
            maximum = maximum.add(points);
        }
        return new Template(List.copyOf(lines), Set.of(), maximum);
    }

    private static ResultsTable.Row row(int number, int rank, Member m, Template template,
                                        Iterable<ResultsTable.Column> columns, Grades.CurrentGrade grade) {
        Set<String> own = new LinkedHashSet<>(m.items().stream().map(UnitItem::itemCode).toList());
        boolean asTemplate = !template.itemCodes().isEmpty() && own.equals(template.itemCodes());
        Map<String, UnitItem> byCode = new LinkedHashMap<>();
        m.items().forEach(i -> byCode.put(i.itemCode(), i));
        List<UnitItem> ordered = asTemplate
                ? template.lines().stream().map(l -> byCode.get(l.itemCode())).toList() : m.items();
        List<ResultsTable.Line> lines = new ArrayList<>();
        boolean full = asTemplate;
        for (UnitItem item : ordered) {
            BigDecimal score = m.score(item.itemCode());
            List<String> reasons = m.lines(item.itemCode()).stream().map(Reasons::printed)
                    .filter(r -> !r.isBlank()).toList();
            full &= score != null && score.compareTo(item.points()) == 0 && reasons.isEmpty();
            int n = lines.size() + 1;
            lines.add(new ResultsTable.Line(n, item.itemCode(), item.title(), score, null, reasons,
                    lineText(n, item.title(), score == null ? UNSCORED : Points.plain(score) + "分", reasons)));
        }
        List<ResultsTable.Cell> cells = new ArrayList<>();
        for (ResultsTable.Column column : columns) {
            BigDecimal points = null;
            List<String> reasons = new ArrayList<>();
            for (UnitItem item : m.items()) {
                if (!column.code().equals(item.topLevelCode())) {
                    continue;
                }
                BigDecimal score = m.score(item.itemCode());
                points = score == null ? points : points == null ? score : points.add(score);
                m.lines(item.itemCode()).forEach(l -> reasons.add(item.title() + "：" + Reasons.printed(l)));
            }
            cells.add(new ResultsTable.Cell(column.code(), points, List.copyOf(reasons), String.join("；", reasons)));
        }
        List<String> remarks = new ArrayList<>();
        if (grade != null && grade.note() != null) {
            remarks.add(grade.note());
        }
        if (grade != null && "REOPENED".equals(grade.status())) {
            remarks.add("审定已重新开启");
        }
        int unreviewed = m.totals().itemCount() - m.totals().reviewedItems();
        if (unreviewed > 0) {
            remarks.add(UNSCORED + unreviewed + "项");
        }
        return new ResultsTable.Row(number, m.unit().unitCode(), m.unit().unitName(), rank, List.copyOf(cells),
                m.total(), m.totals().maximum(), grade == null ? null : grade.grade(),
                grade == null ? null : grade.status(), remarks.isEmpty() ? null : String.join("；", remarks),
                List.copyOf(lines), full, full ? SAME_AS_FIRST : joined(lines));
    }

    /** "N.名称（分值）：理由一；理由二". */
    private static String lineText(int number, String title, String points, List<String> reasons) {
        return number + "." + title + "（" + points + "）" + (reasons.isEmpty() ? "" : "：" + String.join("；", reasons));
    }

    private static String joined(List<ResultsTable.Line> lines) {
        return String.join("\n", lines.stream().map(ResultsTable.Line::text).toList());
    }

    static BigDecimal percent(BigDecimal total, BigDecimal maximum) {
        if (total == null || maximum == null || maximum.signum() == 0) {
            return BigDecimal.ZERO.setScale(2);
        }
        return total.multiply(BigDecimal.valueOf(100)).divide(maximum, 2, RoundingMode.HALF_UP);
    }
}
