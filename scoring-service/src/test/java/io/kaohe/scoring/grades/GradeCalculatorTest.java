package io.kaohe.scoring.grades;

import static io.kaohe.contracts.events.GradeConsequence.NONE;
import static io.kaohe.contracts.events.GradeConsequence.TALK_AND_REPORT;
import static io.kaohe.contracts.events.GradeConsequence.WRITTEN_EXPLANATION;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GradeCalculatorTest {

    private static final List<GradingScheme.Band> BANDS = GradingScheme.standard().bands();

    private static GradingScheme quota(String share) {
        return new GradingScheme(BANDS, List.of(new GradingScheme.Quota("好", new BigDecimal(share))), List.of());
    }

    private final List<GradeCalculator.Standing> standings = new ArrayList<>();

    private void unit(String code, String category, String total) {
        unit(code, category, total, Set.of(), Set.of());
    }

    private void unit(String code, String category, String total, Set<String> zero, Set<String> zeroVeto) {
        standings.add(new GradeCalculator.Standing(code, code, category, standings.size(), new BigDecimal(total),
                new BigDecimal("100"), zero, zeroVeto));
    }

    private Map<String, GradeCalculator.Graded> grade(GradingScheme scheme) {
        return GradeCalculator.grade(standings, scheme).stream()
                .collect(Collectors.toMap(g -> g.standing().unitCode(), Function.identity()));
    }

    @Test
    void tiedUnitsThatFitTheQuotaExactlyAllKeepTheBetterGrade() {
        // 4 units, at most 50% 好 = 2: the two tied at 95 fit exactly; 91 is left without a place.
        unit("a", "dept", "95.00");
        unit("b", "dept", "95.00");
        unit("c", "dept", "91.00");
        unit("d", "dept", "70.00");
        Map<String, GradeCalculator.Graded> g = grade(quota("0.5"));
        assertThat(g.get("a").grade()).isEqualTo("好");
        assertThat(g.get("b").grade()).isEqualTo("好");
        assertThat(g.get("c").grade()).isEqualTo("较好");
        assertThat(g.get("c").bandGrade()).isEqualTo("好");
        assertThat(g.get("c").note()).contains("名额限制").contains("每类最多2个");
        assertThat(g.get("d").grade()).isEqualTo("一般");
    }

    @Test
    void tiedUnitsThatDoNotAllFitAllDropAndSoDoesEveryoneBelowThem() {
        // 2 places for 好: 96 takes one; three tied at 93 do not fit in the one left, so all three
        // drop, and 91 (below them) drops too even though one place is free.
        unit("a", "dept", "96.00");
        unit("b", "dept", "93.00");
        unit("c", "dept", "93.00");
        unit("d", "dept", "93.00");
        unit("e", "dept", "91.00");
        unit("f", "dept", "50.00");
        Map<String, GradeCalculator.Graded> g = grade(quota("0.4"));
        assertThat(g.get("a").grade()).isEqualTo("好");
        assertThat(List.of("b", "c", "d", "e")).allSatisfy(u -> assertThat(g.get(u).grade()).isEqualTo("较好"));
        assertThat(g.get("b").note()).contains("并列3个单位同降一档");
        assertThat(g.get("f").grade()).isEqualTo("较差");
    }

    @Test
    void tiesAreNeverBrokenByOrderOrName() {
        unit("z", "dept", "95.00");
        unit("a", "dept", "95.00");
        unit("m", "dept", "10.00");
        // 3 × 0.5 = 1.5 → 1 place: the tied pair cannot share it, so neither gets it.
        Map<String, GradeCalculator.Graded> g = grade(quota("0.5"));
        assertThat(g.get("z").grade()).isEqualTo("较好");
        assertThat(g.get("a").grade()).isEqualTo("较好");
    }

    @Test
    void quotaIsRoundedDownAndCountedPerCategory() {
        // 30% of 3 = 0.9 → no 好 in "dept"; 30% of 4 = 1.2 → one in "town".
        unit("d1", "dept", "99.00");
        unit("d2", "dept", "98.00");
        unit("d3", "dept", "97.00");
        unit("t1", "town", "99.00");
        unit("t2", "town", "98.00");
        unit("t3", "town", "97.00");
        unit("t4", "town", "96.00");
        Map<String, GradeCalculator.Graded> g = grade(quota("0.30"));
        assertThat(List.of("d1", "d2", "d3")).allSatisfy(u -> assertThat(g.get(u).grade()).isEqualTo("较好"));
        assertThat(g.get("t1").grade()).isEqualTo("好");
        assertThat(List.of("t2", "t3", "t4")).allSatisfy(u -> assertThat(g.get(u).grade()).isEqualTo("较好"));
    }

    @Test
    void droppedUnitsMeetTheNextGradesQuotaInTurn() {
        GradingScheme scheme = new GradingScheme(BANDS, List.of(
                new GradingScheme.Quota("好", new BigDecimal("0.25")),
                new GradingScheme.Quota("较好", new BigDecimal("0.25"))), List.of());
        unit("a", "dept", "99.00");
        unit("b", "dept", "98.00");
        unit("c", "dept", "97.00");
        unit("d", "dept", "85.00");
        Map<String, GradeCalculator.Graded> g = grade(scheme);
        assertThat(g.get("a").grade()).isEqualTo("好");
        assertThat(g.get("b").grade()).isEqualTo("较好");
        assertThat(g.get("c").grade()).isEqualTo("一般");
        assertThat(g.get("d").grade()).isEqualTo("一般");
    }

    @Test
    void aVetoCapsTheGradeWhateverTheScore() {
        GradingScheme scheme = new GradingScheme(BANDS, List.of(),
                List.of(new GradingScheme.VetoCap(null, "一般", "信访稳定")));
        unit("a", "dept", "99.00", Set.of("eff.2"), Set.of("eff.2"));
        unit("b", "dept", "99.00", Set.of("x"), Set.of());
        Map<String, GradeCalculator.Graded> g = grade(scheme);
        assertThat(g.get("a").grade()).isEqualTo("一般");
        assertThat(g.get("a").bandGrade()).isEqualTo("好");
        assertThat(g.get("a").note()).isEqualTo("一票否决（信访稳定）：等次最高为一般");
        assertThat(g.get("b").grade()).isEqualTo("好");
    }

    @Test
    void ranksWithinTheCategoryShareARankWhenTied() {
        unit("a", "dept", "95.00");
        unit("b", "dept", "97.00");
        unit("c", "dept", "95.00");
        unit("d", "dept", "80.00");
        unit("x", "town", "60.00");
        Map<String, GradeCalculator.Graded> g = grade(GradingScheme.standard());
        assertThat(g.get("b").rank()).isEqualTo(1);
        assertThat(g.get("a").rank()).isEqualTo(2);
        assertThat(g.get("c").rank()).isEqualTo(2);
        assertThat(g.get("d").rank()).isEqualTo(4);
        assertThat(g.get("x").rank()).isEqualTo(1);
    }

    @Test
    void gradesOnThePercentageOfTheApplicableMaximumRoundedHalfUp() {
        standings.add(new GradeCalculator.Standing("a", "a", "dept", 0, new BigDecimal("33.75"),
                new BigDecimal("37.50"), Set.of(), Set.of()));
        GradeCalculator.Graded a = grade(GradingScheme.standard()).get("a");
        assertThat(a.percent()).isEqualByComparingTo("90.00");
        assertThat(a.grade()).isEqualTo("好");
        assertThat(GradeCalculator.percent(new BigDecimal("1"), new BigDecimal("3"))).isEqualByComparingTo("33.33");
        assertThat(GradeCalculator.percent(new BigDecimal("2"), new BigDecimal("3"))).isEqualByComparingTo("66.67");
    }

    @Test
    void aSchemeWithBandsOutOfOrderOrAQuotaOnTheLastGradeIsRefusedWithEveryFaultLocated() {
        GradingScheme bad = new GradingScheme(List.of(
                new GradingScheme.Band("优秀", new BigDecimal("80"), NONE),
                new GradingScheme.Band("良好", new BigDecimal("85"), NONE),
                new GradingScheme.Band("较差", new BigDecimal("10"), TALK_AND_REPORT)),
                List.of(new GradingScheme.Quota("较差", new BigDecimal("0.1"))), List.of());
        assertThat(bad.problems()).extracting(p -> p[0])
                .containsExactly("bands[1].minPercent", "bands[2].minPercent", "quotas[0].grade");
    }

    @Test
    void theStandardSchemeGivesSeed003sConsequences() {
        assertThat(GradingScheme.standard().bands()).extracting(GradingScheme.Band::grade, GradingScheme.Band::consequence)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("好", NONE),
                        org.assertj.core.groups.Tuple.tuple("较好", NONE),
                        org.assertj.core.groups.Tuple.tuple("一般", WRITTEN_EXPLANATION),
                        org.assertj.core.groups.Tuple.tuple("较差", TALK_AND_REPORT));
    }

    @Test
    void aUnitGetsTheConsequenceOfTheGradeItEndsWithWhateverTheGradesAreCalled() {
        GradingScheme renamed = new GradingScheme(List.of(
                new GradingScheme.Band("A", new BigDecimal("90"), NONE),
                new GradingScheme.Band("B", new BigDecimal("80"), NONE),
                new GradingScheme.Band("C", new BigDecimal("60"), WRITTEN_EXPLANATION),
                new GradingScheme.Band("D", BigDecimal.ZERO, TALK_AND_REPORT)),
                List.of(), List.of(new GradingScheme.VetoCap(null, "C", "信访稳定")));
        unit("a", "dept", "95.00");
        unit("b", "dept", "99.00", Set.of("eff.2"), Set.of("eff.2"));
        unit("c", "dept", "65.00");
        unit("d", "dept", "40.00");
        Map<String, GradeCalculator.Graded> g = grade(renamed);
        assertThat(g.get("a").consequence()).isEqualTo(NONE);
        // The veto lowers b to C: the consequence follows the grade it ends with, not its band's.
        assertThat(g.get("b").bandGrade()).isEqualTo("A");
        assertThat(g.get("b").grade()).isEqualTo("C");
        assertThat(g.get("b").consequence()).isEqualTo(WRITTEN_EXPLANATION);
        assertThat(g.get("c").consequence()).isEqualTo(WRITTEN_EXPLANATION);
        assertThat(g.get("d").grade()).isEqualTo("D");
        assertThat(g.get("d").consequence()).isEqualTo(TALK_AND_REPORT);
    }

    @Test
    void aBandWithoutAConsequenceIsRefusedAtThatBand() {
        GradingScheme bad = new GradingScheme(List.of(
                new GradingScheme.Band("优秀", new BigDecimal("90"), NONE),
                new GradingScheme.Band("合格", new BigDecimal("60"), null),
                new GradingScheme.Band("不合格", BigDecimal.ZERO, null)), List.of(), List.of());
        assertThat(bad.problems()).extracting(p -> p[0], p -> p[1], p -> p[2]).containsExactly(
                org.assertj.core.groups.Tuple.tuple("bands[1].consequence", "scoring.grading.consequence-missing", "合格"),
                org.assertj.core.groups.Tuple.tuple("bands[2].consequence", "scoring.grading.consequence-missing", "不合格"));
    }
}
