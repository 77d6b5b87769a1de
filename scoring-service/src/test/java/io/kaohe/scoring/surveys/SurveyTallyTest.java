package io.kaohe.scoring.surveys;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SurveyTallyTest {

    private static final List<SurveyTally.Group> GROUPS = List.of(
            new SurveyTally.Group(0, "领导", new BigDecimal("0.4")),
            new SurveyTally.Group(1, "服务对象", new BigDecimal("0.6")));

    @Test
    void satisfactionRateIsWeightedAcrossGroupsAfterDroppingTheExtremes() {
        var result = SurveyTally.unit("u", GROUPS, Map.of(
                0, decimals("1", "1", "0"),
                1, decimals("0.6", "0.6", "1", "0")), true, BigDecimal.valueOf(100));
        // 领导 [1] → 100; 服务对象 [0.6, 0.6] → 60; 0.4 × 100 + 0.6 × 60 = 76
        assertThat(result.score()).isEqualByComparingTo("76.00");
        assertThat(result.ballots()).isEqualTo(7);
        assertThat(result.groups()).extracting(SurveyTally.GroupResult::counted).containsExactly(1, 2);
    }

    @Test
    void fewerThanThreeRatingsAreNotTrimmedAndAGroupWithoutRatingsDoesNotCount() {
        var result = SurveyTally.unit("u", GROUPS, Map.of(0, decimals("0", "0.6")), true, BigDecimal.valueOf(100));
        assertThat(result.score()).isEqualByComparingTo("30.00");
        assertThat(result.groups().get(1).score()).isNull();
    }

    @Test
    void scoresAreAveragedExactlyAndRoundedOnce() {
        var result = SurveyTally.unit("u", List.of(new SurveyTally.Group(0, "全体", BigDecimal.ONE)),
                Map.of(0, decimals("90", "85", "81")), false, BigDecimal.ONE);
        assertThat(result.score()).isEqualByComparingTo("85.33");
        assertThat(SurveyTally.unit("u", GROUPS, Map.of(), true, BigDecimal.ONE).score()).isNull();
    }

    @Test
    void codesAreRandomReadableAndHashedInTheirCanonicalForm() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String code = BallotCodes.next();
            assertThat(code).matches("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}");
            assertThat(seen.add(code)).isTrue();
        }
        String code = "K7Q2-9XMD-3HTA-0PZ1";
        String hash = BallotCodes.hash(code).orElseThrow();
        assertThat(hash).matches("[0-9a-f]{64}").doesNotContain("k7q2");
        assertThat(BallotCodes.hash("k7q2 9xmd 3hta opzl")).contains(hash);
        assertThat(BallotCodes.hash("K7Q2-9XMD-3HTA-0PZ")).isEmpty();
        assertThat(BallotCodes.hash("K7Q2-9XMD-3HTA-0PZU")).isEmpty();
        assertThat(BallotCodes.hash(null)).isEmpty();
    }

    private static List<BigDecimal> decimals(String... values) {
        return java.util.Arrays.stream(values).map(BigDecimal::new).toList();
    }
}
