package io.kaohe.scoring.results;

import io.kaohe.scoring.roster.RosterOrder;
import static io.kaohe.scoring.results.TableAssemblerFixtures.REASON;
import static io.kaohe.scoring.results.TableAssemblerFixtures.STUDY;
import static io.kaohe.scoring.results.TableAssemblerFixtures.UNITS;
import static io.kaohe.scoring.results.TableAssemblerFixtures.byCode;
import static io.kaohe.scoring.results.TableAssemblerFixtures.row;
import static io.kaohe.scoring.results.TableAssemblerFixtures.scored;
import static io.kaohe.scoring.results.TableAssemblerFixtures.table;
import static io.kaohe.scoring.results.TableAssemblerFixtures.totals;
import static org.assertj.core.api.Assertions.assertThat;

import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.contracts.rubric.UnitItems;
import io.kaohe.scoring.cycles.Cycle;
import io.kaohe.scoring.scores.ItemResult;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The 汇总表 as counties publish it, built from stored scores without any server. */
class TableAssemblerTest {

    @Test
    void groupsAreHeadedByTheCategorysNameAndFollowTheRostersOrderNotTheCyclesNorTheRanking() {
        ResultsTable table = table();
        assertThat(table.groups()).extracting(ResultsTable.Group::category, ResultsTable.Group::categoryName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("town", "乡镇（街道）"),
                        org.assertj.core.groups.Tuple.tuple("dept", "县级部门"));
        // t1 ranks first, but the roster lists t2 first.
        assertThat(table.groups().get(0).rows()).extracting(ResultsTable.Row::unitCode).containsExactly("t2", "t1");
        assertThat(row(table, "t1").rank()).isEqualTo(1);
        assertThat(table.rows()).extracting(ResultsTable.Row::number).containsExactly(1, 2, 3);
    }

    @Test
    void eachGroupsFirstRowListsItsOwnIndicatorsWithFullPointsAndRulesAndAVariantOnlyInItsGroup() {
        ResultsTable table = table();
        assertThat(table.groups().get(0).templateText()).isEqualTo("""
                1.中心组学习（0.5分）：得分=单位活动实际开展数÷单位需开展活动数×0.5
                2.意识形态工作（1.5分）：每发生1起扣0.1分
                3.服务发展（乡镇）（2分）：根据完成情况计分""");
        assertThat(table.groups().get(0).maximum()).isEqualByComparingTo("4");
        assertThat(table.groups().get(1).template()).extracting(ResultsTable.Line::itemCode)
                .containsExactly("a.1", "a.2", "v.dept");
        assertThat(table.groups().get(1).templateText()).doesNotContain("乡镇").contains("3.服务发展（部门）（1分）");
        assertThat(row(table, "d1").lines()).extracting(ResultsTable.Line::itemCode).containsExactly("a.1", "a.2", "v.dept");
    }

    @Test
    void aUnitThatKeptEveryPointIsSameAsTheFirstRow() {
        ResultsTable.Row t1 = row(table(), "t1");
        assertThat(t1.sameAsFirst()).isTrue();
        assertThat(t1.completion()).isEqualTo("同第一项");
        assertThat(t1.total()).isEqualByComparingTo("4");
        assertThat(t1.remarkAsPrinted()).isEqualTo("好");
    }

    @Test
    void eachReasonIsPrintedOnceWordForWordAndAQuantifiedItemStatesWhatWasMeasuredAndWhatItGave() {
        ResultsTable.Row t2 = row(table(), "t2");
        assertThat(t2.sameAsFirst()).isFalse();
        assertThat(t2.completion()).isEqualTo("""
                1.中心组学习（0.37分）：全年开展中心组学习37次，实际完成37，应完成50，得0.37分
                2.意识形态工作（1.4分）：防范藏传佛教在非涉藏地区传播不到位，被省委巡视通报，扣0.1分
                3.服务发展（乡镇）（未评分）""");
        assertThat(t2.completion().split(java.util.regex.Pattern.quote(REASON), -1)).hasSize(2);
        assertThat(t2.completion()).doesNotContain("（省委巡视通报）", "扣0.1分，扣", "÷", "0.40", "1.40");
        // A source the reason does not name follows it in brackets; the amount once.
        assertThat(row(table(), "d1").lines().get(1).text())
                .isEqualTo("2.意识形态工作（1.4分）：2024年第四季度未开展中心组学习（县委巡察通报），扣0.1分");
    }

    @Test
    void anUnscoredItemIsBlankNeverZero() {
        ResultsTable table = table();
        ResultsTable.Row t2 = row(table, "t2");
        assertThat(t2.lines().get(2).points()).isNull();
        int svc = table.columns().stream().map(ResultsTable.Column::code).toList().indexOf("svc");
        assertThat(t2.cells().get(svc).points()).isNull();
        assertThat(t2.total()).isEqualByComparingTo("1.77");
        assertThat(t2.remarkAsPrinted()).isEqualTo("较好（拟）；未评分1项");
        assertThat(Points.plain(null)).isEmpty();
    }

    @Test
    void aUnitWithNothingScoredHasNoTotal() {
        Map<String, List<UnitItem>> items = Map.of("t1", List.of(STUDY));
        Map<String, Map<String, ItemResult>> rows = Map.of("t1", byCode(scored(STUDY, null)));
        ResultsTable table = Results.assemble(new Cycle("2024", 2024, "2024", "v1"), List.of(UNITS.get(1)),
                totals(items, rows), rows, unit -> new UnitItems("v1", unit, unit, null, null, items.get(unit)),
                Map.of(), RosterOrder.NONE);
        assertThat(table.rows().get(0).total()).isNull();
        assertThat(table.rows().get(0).cells().get(0).points()).isNull();
        assertThat(table.rows().get(0).completion()).isEqualTo("1.中心组学习（未评分）");
        assertThat(table.groups().get(0).categoryName()).as("no roster: the code").isEqualTo("town");
    }

    @Test
    void pointsArePrintedWithoutTrailingZeros() {
        assertThat(Points.plain(new BigDecimal("1.50"))).isEqualTo("1.5");
        assertThat(Points.plain(new BigDecimal("0.40"))).isEqualTo("0.4");
        assertThat(Points.plain(new BigDecimal("100.00"))).isEqualTo("100");
        assertThat(Points.plain(new BigDecimal("0.00"))).isEqualTo("0");
    }
}
