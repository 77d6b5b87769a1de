package io.kaohe.scoring.surveys;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The arithmetic of a survey's close, per unit: in each voter group the mean of its ratings, the highest
 * and the lowest dropped first when the survey says so and the group has at least 3; a satisfaction rating
 * is its configured value (满意 1, 基本满意 e.g. 0.6, 不满意 0), so the mean is the 满意率 and is shown
 * as a percentage; a 1–100 rating is taken as it is. The unit's score (0–100) is the groups' scores
 * weighted by the groups' weights, over the groups that rated it (a group without ratings for the unit
 * neither counts nor lowers it). Exact decimals throughout; only the unit's score is rounded, to 2 places.
 */
final class SurveyTally {

    private SurveyTally() {
    }

    /** A voter group: its position in the survey, its name and its weight. */
    record Group(int position, String name, BigDecimal weight) {
    }

    /**
     * One group's result for one unit.
     *
     * @param ballots ratings received
     * @param counted ratings counted (after dropping the highest and lowest)
     * @param score   0–100, 2 places, null without ratings
     */
    record GroupResult(int position, String name, BigDecimal weight, int ballots, int counted, BigDecimal score) {
    }

    /** One unit's result: ratings received across groups, the weighted score (0–100, 2 places, null if none). */
    record UnitResult(String unitCode, int ballots, BigDecimal score, List<GroupResult> groups) {
    }

    /**
     * @param ratings the unit's ratings by group position: satisfaction values in [0, 1] or scores in [1, 100]
     * @param factor  100 for satisfaction values (a rate shown as a percentage), 1 for 1–100 scores
     */
    static UnitResult unit(String unitCode, List<Group> groups, Map<Integer, List<BigDecimal>> ratings, boolean trim,
                           BigDecimal factor) {
        List<GroupResult> results = new ArrayList<>();
        BigDecimal weighted = BigDecimal.ZERO;
        BigDecimal weights = BigDecimal.ZERO;
        int ballots = 0;
        for (Group group : groups) {
            List<BigDecimal> values = new ArrayList<>(ratings.getOrDefault(group.position(), List.of()));
            ballots += values.size();
            values.sort(null);
            if (trim && values.size() >= 3) {
                values = values.subList(1, values.size() - 1);
            }
            BigDecimal exact = null;
            if (!values.isEmpty()) {
                BigDecimal sum = values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
                exact = sum.multiply(factor).divide(BigDecimal.valueOf(values.size()), MathContext.DECIMAL128);
                weighted = weighted.add(exact.multiply(group.weight()));
                weights = weights.add(group.weight());
            }
            results.add(new GroupResult(group.position(), group.name(), group.weight(),
                    ratings.getOrDefault(group.position(), List.of()).size(), values.size(),
                    exact == null ? null : exact.setScale(2, RoundingMode.HALF_UP)));
        }
        BigDecimal score = weights.signum() == 0 ? null
                : weighted.divide(weights, MathContext.DECIMAL128).setScale(2, RoundingMode.HALF_UP);
        return new UnitResult(unitCode, ballots, score, results);
    }
}
