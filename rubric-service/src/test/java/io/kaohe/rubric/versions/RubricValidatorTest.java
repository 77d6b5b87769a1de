package io.kaohe.rubric.versions;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaohe.contracts.rubric.AllOrNothing;
import io.kaohe.contracts.rubric.BasePlusAdjustments;
import io.kaohe.contracts.rubric.Converted;
import io.kaohe.contracts.rubric.DeductionPerIncident;
import io.kaohe.contracts.rubric.IndicatorNode;
import io.kaohe.contracts.rubric.Judged;
import io.kaohe.contracts.rubric.PerCompletedItem;
import io.kaohe.contracts.rubric.QuantifiedRate;
import io.kaohe.contracts.rubric.RubricSnapshot;
import io.kaohe.contracts.rubric.ScoringRule;
import io.kaohe.contracts.rubric.Shortfall;
import io.kaohe.contracts.rubric.ShortfallTerm;
import io.kaohe.contracts.rubric.Threshold;
import io.kaohe.contracts.rubric.Veto;
import io.kaohe.rubric.Seeds;
import io.kaohe.support.problems.Fault;
import io.kaohe.rubric.roster.RosterView;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RubricValidatorTest {

    private static final RosterView ROSTER = Seeds.roster();

    private static BigDecimal dec(String v) {
        return new BigDecimal(v);
    }

    private static IndicatorNode leaf(String code, String points, ScoringRule rule, List<String> appliesTo,
                                      List<String> departments) {
        return new IndicatorNode(code, "条目" + code, points == null ? null : dec(points), appliesTo, null, departments,
                rule, null, null, null, List.of());
    }

    private static IndicatorNode leaf(String code, String points) {
        return leaf(code, points, new Judged("根据完成情况计分"), List.of(), List.of("swzzb"));
    }

    private static IndicatorNode node(String code, String title, String points, List<String> appliesTo,
                                      IndicatorNode... children) {
        return new IndicatorNode(code, title, dec(points), appliesTo, null, List.of(), null, null, null, null,
                List.of(children));
    }

    private static RubricSnapshot system(List<String> categories, IndicatorNode... roots) {
        return new RubricSnapshot("test", 2018, "测试体系", null, categories, Map.of(), List.of(), List.of(roots));
    }

    private static RubricValidator.Validation validate(RubricSnapshot s) {
        return RubricValidator.validate(VersionContent.of(s), ROSTER, Map.of());
    }

    static Stream<Arguments> aBadParameterOfEveryRuleType() {
        return Stream.of(
                Arguments.of(new DeductionPerIncident(dec("0"), "每发生1起扣分"), "deductionPerIncident"),
                Arguments.of(new QuantifiedRate(" "), "wording"),
                Arguments.of(new Shortfall(List.of(), "每少1人扣0.1分"), "terms"),
                Arguments.of(new Threshold(dec("120"), dec("0.1"), "达120%"), "threshold"),
                Arguments.of(new PerCompletedItem(dec("-2"), "每完成一项计分"), "pointsPerItem"),
                Arguments.of(new AllOrNothing(null), "wording"),
                Arguments.of(new Veto(""), "wording"),
                Arguments.of(new Judged(null), "wording"),
                Arguments.of(new Converted(" ", dec("100"), "按《细则》折算"), "scheme"),
                Arguments.of(new BasePlusAdjustments(dec("80"), dec("100"), "基础分为80分"), "cap"));
    }

    @ParameterizedTest
    @MethodSource("aBadParameterOfEveryRuleType")
    void reportsEveryRuleTypesParameterProblemAtTheNodePath(ScoringRule rule, String parameter) {
        RubricSnapshot s = system(List.of(),
                node("1", "政治建设", "4", List.of(), node("1.2", "规范政治生活", "4", List.of(),
                        node("1.2.1", "严格执行组织生活制度", "4", List.of(),
                                leaf("1.2.1.1", "4", rule, List.of(), List.of("swzzb"))))));

        List<Fault> errors = validate(s).errors();

        assertThat(errors).singleElement().satisfies(f -> {
            assertThat(f.location()).isEqualTo("1.2.1.1 条目1.2.1.1");
            assertThat(f.key()).isEqualTo("rubric.validation.rule");
            assertThat(f.args().get(0).toString()).contains(parameter);
        });
    }

    @Test
    void reportsEveryProblemOfATreeAtOnceEachWithItsNodePath() {
        RubricSnapshot s = system(List.of(),
                node("1", "政治建设", "10", List.of(),
                        node("1.1", "严格执行组织生活制度", "10", List.of("nowhere"),
                                leaf("1.1.1", "2.875", new Judged("根据完成情况计分"), List.of(), List.of("swzzb")),
                                leaf("1.1.2", "3", null, List.of(), List.of()),
                                leaf("1.1.3", "0", new Judged("根据完成情况计分"), List.of(), List.of("nobody")),
                                leaf("1.1.1", "4"))));

        List<String> problems = validate(s).errors().stream().map(f -> f.location() + " " + f.key()).toList();

        assertThat(problems).containsExactlyInAnyOrder(
                "1.1 严格执行组织生活制度 rubric.validation.category-unknown",
                "1.1.1 条目1.1.1 rubric.validation.rule",
                "1.1.2 条目1.1.2 rubric.validation.rule-missing",
                "1.1.2 条目1.1.2 rubric.validation.department-missing",
                "1.1.3 条目1.1.3 rubric.validation.rule",
                "1.1.3 条目1.1.3 rubric.validation.department-unknown",
                "1.1.1 条目1.1.1 rubric.validation.code-duplicate",
                "1.1 严格执行组织生活制度 rubric.validation.sum-mismatch");
    }

    @Test
    void checksTheSumOfChildrenSeparatelyForEveryCategoryTheNodeAppliesTo() {
        // 9县(市)6区 have 2 + 3 = 5; 高新区… have only 2 of the 5 points.
        RubricSnapshot s = system(List.of("county", "urban", "gaoxin-longmen"),
                node("1", "政治建设", "5", List.of(),
                        node("1.1", "深化拓展党性教育", "5", List.of(),
                                leaf("1.1.1", "2"),
                                leaf("1.1.2", "3", new Judged("根据完成情况计分"), List.of("county", "urban"), List.of("swdx")))));

        List<Fault> errors = validate(s).errors();

        assertThat(errors).singleElement().satisfies(f -> {
            assertThat(f.location()).isEqualTo("1.1 深化拓展党性教育");
            assertThat(f.key()).isEqualTo("rubric.validation.sum-mismatch");
            assertThat(f.args()).containsExactly("2 (gaoxin-longmen)", "5");
        });
    }

    @Test
    void aNodeRestrictedToSomeCategoriesIsCheckedOnlyForThem() {
        RubricSnapshot s = system(List.of("county", "urban"),
                node("1", "政治建设", "3", List.of(),
                        node("1.1", "深化拓展党性教育", "3", List.of("county"), leaf("1.1.1", "3", new Judged("x"), List.of("county"), List.of("swdx"))),
                        node("1.2", "深化拓展党性教育", "3", List.of("urban"), leaf("1.2.1", "3", new Judged("x"), List.of("urban"), List.of("swdx")))));

        assertThat(validate(s).errors()).isEmpty();
    }

    /** An indicator worth 1 for county units and 0.5 for party departments: one node, points per category. */
    private static IndicatorNode perCategory(String code, String title, String points, Map<String, String> byCategory,
                                             List<String> appliesTo, IndicatorNode... children) {
        Map<String, BigDecimal> map = new java.util.LinkedHashMap<>();
        byCategory.forEach((c, p) -> map.put(c, dec(p)));
        return new IndicatorNode(code, title, dec(points), appliesTo, null, children.length == 0 ? List.of("swzzb") : List.of(),
                children.length == 0 ? new Judged("根据完成情况计分") : null, null, null, null, List.of(children), map);
    }

    @Test
    void acceptsOneIndicatorWorthOtherPointsInAnotherCategoryWhenEachCategoryAddsUp() {
        // 1 政治建设: county 1 = 0.6 + 0.4; party-dept 0.5 = 0.3 (its own points of 1.1) + 0.2 (its own item 1.3)
        RubricSnapshot s = system(List.of("county", "party-dept"),
                perCategory("1", "政治建设", "1", Map.of("party-dept", "0.5"), List.of(),
                        perCategory("1.1", "组织生活", "0.6", Map.of("party-dept", "0.3"), List.of()),
                        leaf("1.2", "0.4", new Judged("x"), List.of("county"), List.of("swzzb")),
                        leaf("1.3", "0.2", new Judged("x"), List.of("party-dept"), List.of("swzzb"))));

        RubricValidator.Validation v = validate(s);

        assertThat(v.errors()).isEmpty();
        assertThat(VersionContent.of(s).totalPoints()).isEqualByComparingTo("1");
    }

    @Test
    void refusesASumThatIsWrongInOneCategoryNamingThatCategoryAndItsPoints() {
        RubricSnapshot s = system(List.of("county", "party-dept"),
                perCategory("1", "政治建设", "1", Map.of("party-dept", "0.5"), List.of(),
                        leaf("1.1", "0.6"),
                        leaf("1.2", "0.4", new Judged("x"), List.of("county"), List.of("swzzb")),
                        leaf("1.3", "0.2", new Judged("x"), List.of("party-dept"), List.of("swzzb"))));

        List<Fault> errors = validate(s).errors();

        // county adds up (0.6 + 0.4 = 1); party-dept has 0.6 + 0.2 = 0.8 against its 0.5
        assertThat(errors).singleElement().satisfies(f -> {
            assertThat(f.location()).isEqualTo("1 政治建设");
            assertThat(f.key()).isEqualTo("rubric.validation.sum-mismatch");
            assertThat(f.args()).containsExactly("0.8 ≠ 0.5 (party-dept)", "1（party-dept: 0.5）");
        });
    }

    @Test
    void refusesPointsForACategoryTheNodeDoesNotApplyToOrThatIsUnknownOrNotPositive() {
        RubricSnapshot s = system(List.of("county", "party-dept"),
                node("1", "政治建设", "1", List.of(),
                        perCategory("1.1", "组织生活", "1", Map.of("party-dept", "0.5", "mars", "1"), List.of("county")),
                        perCategory("1.2", "组织生活", "0.5", Map.of("party-dept", "0"), List.of("party-dept"))));

        List<String> problems = validate(s).errors().stream().map(f -> f.location() + " " + f.key()).toList();

        assertThat(problems).contains(
                "1.1 组织生活 [party-dept] rubric.validation.points-category-not-applicable",
                "1.1 组织生活 [mars] rubric.validation.category-unknown",
                "1.2 组织生活 [party-dept] rubric.validation.points-not-positive");
    }

    @Test
    void aRuleMustFitEveryCategorysPoints() {
        // a cap of 2 fits the 2 points county units get, not the 0.5 party departments get
        RubricSnapshot s = system(List.of("county", "party-dept"),
                perCategory("1", "政治建设", "2", Map.of("party-dept", "0.5"), List.of(),
                        new IndicatorNode("1.1", "巡察", dec("2"), List.of(), null, List.of("swzzb"),
                                new BasePlusAdjustments(dec("1"), dec("2"), "基础分为1分，最高得分为2分"), null, null, null, List.of(),
                                Map.of("party-dept", dec("0.5")))));

        assertThat(validate(s).errors()).extracting(f -> f.location() + " " + f.key())
                .containsExactly("1.1 巡察 rubric.validation.rule");
    }

    @Test
    void theCountySeedDoesNotAddUpExactlyWhereItsConversionNotesSay() {
        RubricValidator.Validation v = validate(Seeds.county());

        assertThat(v.errors()).extracting(Fault::key).containsOnly("rubric.validation.sum-mismatch");
        assertThat(v.errors()).extracting(f -> f.location().split(" ")[0]).containsExactlyInAnyOrder("3.1", "3.1.4", "7.4");
        assertThat(VersionContent.of(Seeds.county()).totalPoints()).isEqualByComparingTo("200");
    }

    @Test
    void theMunicipalSeedLacksElevenPointsUnderPoliticalBuildingAsItsNotesSay() {
        RubricValidator.Validation v = validate(Seeds.municipal());

        assertThat(v.errors()).singleElement().satisfies(f -> {
            assertThat(f.location()).isEqualTo("1 政治建设");
            assertThat(f.args()).containsExactly("4 (jgdw, jgzz, jgzb)", "15");
        });
        assertThat(VersionContent.of(Seeds.municipal()).totalPoints()).isEqualByComparingTo("100");
    }

    @Test
    void aMismatchIsAcceptedOnlyWithAnAcknowledgementCitingANoteThatNamesTheNode() {
        RubricSnapshot county = Seeds.county();
        int noteNaming31 = noteNaming(county.conversionNotes(), "3.1.4");
        Map<String, Integer> acks = Map.of("3.1.4", noteNaming31, "3.1", 0, "7.4", noteNaming(county.conversionNotes(), "7.4"));

        RubricValidator.Validation v = RubricValidator.validate(VersionContent.of(county), ROSTER, acks);

        // note 0 is the general note, which does not name 3.1: still an error
        assertThat(v.errors()).extracting(f -> f.location().split(" ")[0]).containsExactly("3.1");
        assertThat(v.acknowledged()).extracting(RubricValidator.Acknowledged::nodeCode).containsExactlyInAnyOrder("3.1.4", "7.4");
    }

    @Test
    void aNoteNamesACodeOnlyAsAWholeCode() {
        assertThat(RubricValidator.mentions("3.1.4 “强化服务意识”三条各0.5分", "3.1.4")).isTrue();
        assertThat(RubricValidator.mentions("3.1.4 “强化服务意识”三条各0.5分", "3.1")).isFalse();
        assertThat(RubricValidator.mentions("差额全部来自 3.1 和 7.4，见下。", "3.1")).isTrue();
        assertThat(RubricValidator.mentions("因此 1 的子项合计 4≠15", "1")).isTrue();
        assertThat(RubricValidator.mentions("二级指标编码从 1.1 编起", "1")).isFalse();
        assertThat(RubricValidator.mentions("共15分", "1")).isFalse();
    }

    @Test
    void theSeedUnitTargetsAreValidAndAddUpForAll29Units() {
        VersionContent targets = VersionContent.of(Seeds.targets());

        RubricValidator.Validation v = RubricValidator.validate(targets, ROSTER, Map.of());

        assertThat(v.errors()).isEmpty();
        assertThat(targets.targets().units()).hasSize(29);
        assertThat(targets.totalPoints()).isEqualByComparingTo("50");
    }

    @Test
    void unitTargetsThatDoNotAddUpInASectionAreReportedPerUnitAndSection() {
        var t = Seeds.targets();
        var first = t.units().get(0);
        var items = new java.util.ArrayList<>(first.items());
        items.remove(items.size() - 1); // 重点特色工作 loses 5 points
        var broken = new io.kaohe.contracts.rubric.UnitTargetList(first.unit(), first.unitName(), first.responsiblePerson(),
                first.contactPerson(), first.phone(), null, items);
        var units = new java.util.ArrayList<>(t.units());
        units.set(0, broken);
        var content = VersionContent.of(new io.kaohe.contracts.rubric.UnitTargets(t.code(), t.year(), t.title(), t.source(),
                t.assessingDepartment(), t.sections(), t.commonItems(), t.conversionNotes(), units));

        assertThat(RubricValidator.validate(content, ROSTER, Map.of()).errors()).singleElement().satisfies(f -> {
            assertThat(f.location()).isEqualTo("bz-sjw 市纪委（监察局） / 重点特色工作");
            assertThat(f.args()).containsExactly("10", "15");
        });
    }

    private static int noteNaming(List<String> notes, String code) {
        for (int i = 0; i < notes.size(); i++) {
            if (RubricValidator.mentions(notes.get(i), code)) {
                return i;
            }
        }
        throw new AssertionError(code);
    }
}
