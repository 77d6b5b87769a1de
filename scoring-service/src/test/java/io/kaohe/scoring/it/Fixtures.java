package io.kaohe.scoring.it;

import io.kaohe.contracts.events.CycleOpened;
import io.kaohe.contracts.rubric.AllOrNothing;
import io.kaohe.contracts.rubric.BasePlusAdjustments;
import io.kaohe.contracts.rubric.Converted;
import io.kaohe.contracts.rubric.DeductionPerIncident;
import io.kaohe.contracts.rubric.Judged;
import io.kaohe.contracts.rubric.PerCompletedItem;
import io.kaohe.contracts.rubric.QuantifiedRate;
import io.kaohe.contracts.rubric.RosterListing;
import io.kaohe.contracts.rubric.ScoringRule;
import io.kaohe.contracts.rubric.Shortfall;
import io.kaohe.contracts.rubric.ShortfallTerm;
import io.kaohe.contracts.rubric.Threshold;
import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.contracts.rubric.UnitItems;
import io.kaohe.contracts.rubric.Veto;
import io.kaohe.scoring.roster.RosterOrder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Unit items as rubric-service would serve them, built here from the seeds' wording (seed 001's
 * target sheets, seed 003's 80-plus-adjustments rules), so the tests do not depend on another
 * service's data.
 */
final class Fixtures {

    /** Seed 001-like targets: every rule type; key.3 (converted) applies only to bz-sjw. */
    static final String TARGETS = "0a1b2c3d-0000-4000-8000-000000000001";
    /** Seed 003: one item, base 80 plus bonuses and penalties, capped at 100. */
    static final String SUPERVISION = "0a1b2c3d-0000-4000-8000-000000000003";
    /** For grading: a judged item (95 points) and a veto item (5 points). */
    static final String GRADING = "0a1b2c3d-0000-4000-8000-000000000005";
    /**
     * For the 汇总表's layout: a quantified item, a per-incident item, and one indicator with a variant per
     * category (服务发展: 2 points for party departments, 1 for mass organisations).
     */
    static final String GOLDEN = "2f7e5a10-7c3b-4d2e-9a1f-3c5b7d9e0a12";
    static final String LAYOUT = "0a1b2c3d-0000-4000-8000-000000000007";
    /** For 民主测评: a satisfaction item converted out of 100 (10 points) and a judged item a survey cannot score. */
    static final String SURVEY = "0a1b2c3d-0000-4000-8000-000000000009";

    /** The roster's units of these codes as a cycle opens them (CycleOpened's units), with their names and categories. */
    static List<CycleOpened.Unit> cycleUnits(String... codes) {
        List<RosterListing.Unit> units = roster().units();
        return Stream.of(codes).map(code -> units.stream().filter(u -> u.code().equals(code)).findFirst().orElseThrow())
                .map(u -> new CycleOpened.Unit(u.code(), u.name(), u.category())).toList();
    }

    /**
     * The roster: categories named, units in the office's order (not the order the tests open cycles in), two of
     * the assessing departments named (sfpymj is left out: a department the roster does not know keeps its code),
     * the units with their names and categories (earlier years' workbooks are matched to them).
     */
    static RosterOrder roster() {
        return new RosterOrder(List.of(new RosterListing.Category("party-dept", "市党群部门"),
                new RosterListing.Category("mass-org", "群团组织")),
                List.of("bz-x1", "bz-sjw", "bz-zjfy", "bz-x2", "bz-y1"),
                java.util.Map.of("swzzb", "市委组织部", "sjw", "市纪委"), List.of(
                        new RosterListing.Unit("bz-x1", "市检察院", "party-dept", null),
                        new RosterListing.Unit("bz-sjw", "市纪委（监察局）", "party-dept", null),
                        new RosterListing.Unit("bz-zjfy", "市中级法院", "party-dept", null),
                        new RosterListing.Unit("bz-x2", "市委办公室", "party-dept", null),
                        new RosterListing.Unit("bz-y1", "团市委", "mass-org", null)));
    }

    private Fixtures() {
    }

    static UnitItems unitItems(String versionId, String unitCode) {
        List<UnitItem> items = switch (versionId) {
            case TARGETS -> targets(unitCode);
            case SUPERVISION -> List.of(item("sup.1", "督查工作", "sup", "督查工作考核", "100",
                    new BasePlusAdjustments(dec("80"), dec("100"),
                            "基础分为80分，根据工作完成等情况给予加分或扣分，加分、扣分均取最高分；单项不重复计分，最高得分为100分"),
                    "swzzb"));
            case GRADING -> List.of(
                    item("g.1", "党建工作综合", "g", "党建工作", "95", new Judged("根据完成情况计分"), "sfpymj"),
                    item("g.veto", "信访稳定", "g", "党建工作", "5", new Veto("零进京、零上访、零事件，否则不计分"), "swzzb"));
            case LAYOUT -> List.of(
                    item("q.1", "中心组学习", "pb", "党的建设", "0.5",
                            new QuantifiedRate("得分=单位活动实际开展数÷单位需开展活动数×0.5"), "swzzb"),
                    item("d.1", "意识形态工作", "pb", "党的建设", "1.5",
                            new DeductionPerIncident(dec("0.1"), "每发生1起扣0.1分"), "swzzb"),
                    unitCode.equals("bz-y1")
                            ? item("v.mass", "服务发展（群团组织）", "svc", "服务发展", "1", new Judged("根据完成情况计分"), "swzzb")
                            : item("v.party", "服务发展（党群部门）", "svc", "服务发展", "2", new Judged("根据完成情况计分"),
                                    "swzzb"));
            case SURVEY -> List.of(
                    item("sat.1", "群众满意度", "sat", "满意度测评", "10",
                            new Converted("《民主测评办法》", dec("100"), "按民主测评满意率折算计分"), "swzzb"),
                    item("sat.j", "综合评价", "sat", "满意度测评", "5", new Judged("根据完成情况计分"), "swzzb"));
            // The version event-contracts' golden CycleOpened names: what its golden decisions and submissions cite.
            case GOLDEN -> List.of(
                    item("T." + unitCode + ".1", "年度目标任务一", "duty", "职能职责", "5", new Judged("根据完成情况计分"),
                            "swzzb"),
                    item("T." + unitCode + ".2", "中心组学习", "duty", "职能职责", "2",
                            new DeductionPerIncident(dec("0.5"), "每发现1次未按要求学习扣0.5分"), "swzzb"));
            default -> throw new IllegalArgumentException("no such rubric version " + versionId);
        };
        BigDecimal maximum = items.stream().map(UnitItem::points).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new UnitItems(versionId, unitCode, unitCode, "party-dept", maximum, items);
    }

    private static List<UnitItem> targets(String unitCode) {
        List<UnitItem> items = new ArrayList<>(List.of(
                item("duty.1", "干部驻村帮扶工作", "duty", "职能职责", "5",
                        new Judged("市扶贫移民局牵头，确定考核内容，组织实施考核"), "sfpymj"),
                item("duty.2", "反贪、反渎工作", "duty", "职能职责", "5", new Shortfall(List.of(
                        new ShortfallTerm("人", dec("0.1")), new ShortfallTerm("大要案比例百分点", dec("0.01"))),
                        "每少1人扣0.1分，大要案比例每下降1个百分点扣0.01分（扣完为止）"), "swzzb"),
                item("duty.3", "审限内结案率达95%", "duty", "职能职责", "2",
                        new Threshold(dec("95"), dec("0.1"), "每项每少完成一个百分点扣0.1分（扣完为止）"), "swzzb"),
                item("eff.1", "按时完成市委安排各项工作和任务", "eff", "工作效能", "5",
                        new DeductionPerIncident(dec("0.01"), "未按时完成，1次扣0.01分（扣完为止）"), "swzzb"),
                item("eff.2", "信访稳定", "eff", "工作效能", "5", new Veto("零进京、零上访、零事件，否则不计分"), "swzzb"),
                item("eff.3", "中心组学习", "eff", "工作效能", "0.5",
                        new QuantifiedRate("得分=单位活动实际开展数÷单位需开展活动数×0.5"), "swzzb"),
                item("key.1", "开展“司法公信提升年”活动", "key", "重点特色工作", "10",
                        new PerCompletedItem(dec("2"), "每完成一项计2分"), "swzzb"),
                item("key.2", "完成司法体制改革试点任务", "key", "重点特色工作", "5",
                        new AllOrNothing("按省法院试点计划进度完成计满分，未按进度完成不计分"), "swzzb")));
        if (unitCode.equals("bz-sjw")) {
            items.add(item("key.3", "完成《2015年度工业和信息化目标考核实施细则》规定的目标任务", "key", "重点特色工作", "1",
                    new Converted("《2015年度工业和信息化目标考核实施细则》", dec("100"),
                            "按《2015年度工业和信息化目标考核实施细则》进行评分，折算计入总分"), "swzzb"));
        }
        return items;
    }

    private static UnitItem item(String code, String title, String top, String topTitle, String points,
                                 ScoringRule rule, String department) {
        return new UnitItem(code, title, List.of(topTitle), top, topTitle, dec(points), rule, List.of(department),
                "12月底", null);
    }

    private static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }
}
