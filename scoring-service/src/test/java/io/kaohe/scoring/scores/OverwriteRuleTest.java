package io.kaohe.scoring.scores;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which effective decision a new one would overwrite, and so must name in supersedes. */
class OverwriteRuleTest {

    private final List<Decision> effective = new ArrayList<>();

    private Decision add(DecisionKind kind, Map<String, Object> measured, String by) {
        Decision d = new Decision(UUID.randomUUID(), effective.size() + 1, "c", "u", "i", kind,
                kind == DecisionKind.DEDUCTION ? new BigDecimal("0.1") : null, null, null, measured,
                kind == DecisionKind.JUDGED ? new BigDecimal("3") : null, null, "理由", null, null, List.of(), by,
                "department:d", null, null);
        effective.add(d);
        return d;
    }

    @Test
    void aJudgedScoreOverwritesTheLatestJudgedScoreAndNothingElse() {
        assertThat(OverwriteRule.overwritten(effective, DecisionKind.JUDGED, Set.of())).isNull();
        add(DecisionKind.DEDUCTION, Map.of(), "inspector.1");
        assertThat(OverwriteRule.overwritten(effective, DecisionKind.JUDGED, Set.of())).as("a deduction is a line")
                .isNull();
        add(DecisionKind.JUDGED, Map.of(), "a");
        Decision latest = add(DecisionKind.JUDGED, Map.of(), "b");
        add(DecisionKind.DEDUCTION, Map.of(), "inspector.1");
        assertThat(OverwriteRule.overwritten(effective, DecisionKind.JUDGED, Set.of())).isSameAs(latest);
    }

    @Test
    void deductionsAndBonusesOverwriteNothing() {
        add(DecisionKind.JUDGED, Map.of(), "a");
        add(DecisionKind.DEDUCTION, Map.of(), "a");
        assertThat(OverwriteRule.overwritten(effective, DecisionKind.DEDUCTION, Set.of())).isNull();
        assertThat(OverwriteRule.overwritten(effective, DecisionKind.BONUS, Set.of())).isNull();
        assertThat(OverwriteRule.overwritten(effective, DecisionKind.WITHDRAWAL, Set.of())).isNull();
    }

    @Test
    void aMeasurementOverwritesOnlyTheMeasurementOfTheSameValue() {
        Decision actual = add(DecisionKind.MEASUREMENT, Map.of("actual", new BigDecimal("3")), "a");
        Decision required = add(DecisionKind.MEASUREMENT, Map.of("required", new BigDecimal("5")), "b");
        assertThat(OverwriteRule.overwritten(effective, DecisionKind.MEASUREMENT, Set.of("rate")))
                .as("a value nobody measured yet combines").isNull();
        assertThat(OverwriteRule.overwritten(effective, DecisionKind.MEASUREMENT, Set.of("actual")))
                .isSameAs(actual);
        assertThat(OverwriteRule.overwritten(effective, DecisionKind.MEASUREMENT, Set.of("actual", "required")))
                .as("the latest one it overlaps").isSameAs(required);
        assertThat(OverwriteRule.overwritten(effective, DecisionKind.JUDGED, Set.of())).isNull();
    }
}
