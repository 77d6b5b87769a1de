package io.kaohe.scoring.grades;

import io.kaohe.contracts.events.GradeConsequence;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Grades units per the scheme. Pure: the same standings always give the same grades.
 *
 * <ol>
 * <li>percent = total ÷ applicable maximum × 100, HALF_UP to 2 places; the band is the first
 *     whose minimum it reaches;</li>
 * <li>veto caps lower a unit to at most the cap grade;</li>
 * <li>quotas, per unit category, best grade first: the units holding the grade are taken in
 *     order of percent; <b>units with equal percent share the better grade only if the quota
 *     leaves room for all of them; otherwise all of them, and every unit below them, drop to
 *     the next grade</b> (where that grade's quota applies in turn). Ties are never broken by
 *     name or code;</li>
 * <li>rank within the category: 1 + the number of units with a higher percent (ties share a rank).</li>
 * </ol>
 */
final class GradeCalculator {

    private GradeCalculator() {
    }

    /** A unit's standing: its totals and which items scored 0 in the reviewed layer. */
    record Standing(String unitCode, String unitName, String category, int position, BigDecimal total,
                    BigDecimal maximum, Set<String> zeroItems, Set<String> zeroVetoItems) {
    }

    /** A unit's grade and what that grade's band obliges it to do. */
    record Graded(Standing standing, BigDecimal percent, int rank, String bandGrade, String grade, String note,
                  GradeConsequence consequence) {
    }

    static List<Graded> grade(List<Standing> standings, GradingScheme scheme) {
        List<String> order = scheme.bands().stream().map(GradingScheme.Band::grade).toList();
        Map<String, List<Standing>> byCategory = new LinkedHashMap<>();
        standings.stream().sorted(Comparator.comparingInt(Standing::position))
                .forEach(s -> byCategory.computeIfAbsent(s.category(), c -> new ArrayList<>()).add(s));

        List<Graded> all = new ArrayList<>();
        for (List<Standing> category : byCategory.values()) {
            int n = category.size();
            BigDecimal[] percent = new BigDecimal[n];
            int[] grade = new int[n];
            String[] band = new String[n];
            List<String>[] notes = newNotes(n);
            for (int i = 0; i < n; i++) {
                Standing s = category.get(i);
                percent[i] = percent(s.total(), s.maximum());
                grade[i] = bandIndex(scheme, percent[i]);
                band[i] = order.get(grade[i]);
                for (GradingScheme.VetoCap veto : scheme.vetoes()) {
                    boolean hit = veto.itemCode() == null || veto.itemCode().isBlank()
                            ? !s.zeroVetoItems().isEmpty() : s.zeroItems().contains(veto.itemCode());
                    int cap = order.indexOf(veto.capGrade());
                    if (hit && cap > grade[i]) {
                        grade[i] = cap;
                        notes[i].add("一票否决" + (veto.reason() == null || veto.reason().isBlank() ? ""
                                : "（" + veto.reason() + "）") + "：等次最高为" + veto.capGrade());
                    }
                }
            }
            for (int g = 0; g < order.size() - 1; g++) {
                BigDecimal share = quotaShare(scheme, order.get(g));
                if (share == null) {
                    continue;
                }
                int allowed = share.multiply(BigDecimal.valueOf(n)).setScale(0, RoundingMode.FLOOR).intValueExact();
                List<Integer> holders = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (grade[i] == g) {
                        holders.add(i);
                    }
                }
                holders.sort(Comparator.comparing((Integer i) -> percent[i]).reversed());
                int admitted = 0;
                boolean full = false;
                int start = 0;
                while (start < holders.size()) {
                    int end = start;
                    while (end < holders.size() && percent[holders.get(end)].compareTo(percent[holders.get(start)]) == 0) {
                        end++;
                    }
                    int tied = end - start;
                    if (!full && admitted + tied <= allowed) {
                        admitted += tied;
                    } else {
                        full = true;
                        for (int k = start; k < end; k++) {
                            int i = holders.get(k);
                            grade[i] = g + 1;
                            notes[i].add("名额限制：" + order.get(g) + "每类最多" + allowed + "个"
                                    + (tied > 1 ? "，并列" + tied + "个单位同降一档" : "") + "，降为" + order.get(g + 1));
                        }
                    }
                    start = end;
                }
            }
            for (int i = 0; i < n; i++) {
                int rank = 1;
                for (int j = 0; j < n; j++) {
                    if (percent[j].compareTo(percent[i]) > 0) {
                        rank++;
                    }
                }
                all.add(new Graded(category.get(i), percent[i], rank, band[i], order.get(grade[i]),
                        notes[i].isEmpty() ? null : String.join("；", notes[i]),
                        scheme.bands().get(grade[i]).consequence()));
            }
        }
        return all;
    }

    static BigDecimal percent(BigDecimal total, BigDecimal maximum) {
        if (maximum == null || maximum.signum() == 0) {
            return BigDecimal.ZERO.setScale(2);
        }
        return total.multiply(BigDecimal.valueOf(100)).divide(maximum, 2, RoundingMode.HALF_UP);
    }

    private static int bandIndex(GradingScheme scheme, BigDecimal percent) {
        List<GradingScheme.Band> bands = scheme.bands();
        for (int i = 0; i < bands.size(); i++) {
            if (percent.compareTo(bands.get(i).minPercent()) >= 0) {
                return i;
            }
        }
        return bands.size() - 1;
    }

    private static BigDecimal quotaShare(GradingScheme scheme, String grade) {
        return scheme.quotas().stream().filter(q -> q.grade().equals(grade)).map(GradingScheme.Quota::maxShare)
                .min(Comparator.naturalOrder()).orElse(null);
    }

    @SuppressWarnings("unchecked")
    private static List<String>[] newNotes(int n) {
        List<String>[] notes = new List[n];
        for (int i = 0; i < n; i++) {
            notes[i] = new ArrayList<>();
        }
        return notes;
    }
}
