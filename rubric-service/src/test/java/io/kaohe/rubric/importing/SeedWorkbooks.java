package io.kaohe.rubric.importing;

import io.kaohe.contracts.rubric.IndicatorNode;
import io.kaohe.contracts.rubric.RubricSnapshot;
import io.kaohe.contracts.rubric.TargetItem;
import io.kaohe.contracts.rubric.TargetSection;
import io.kaohe.contracts.rubric.UnitTargetList;
import io.kaohe.contracts.rubric.UnitTargets;
import io.kaohe.rubric.roster.RosterView;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The seeds as the offices' own workbooks lay them out, written independently of the service's
 * exporter: seed 004 with a row per 三级指标 (several items in one cell, merged level cells,
 * 序号 一/二/三 on the first row), seed 001 with a sheet per unit and merged 类别 cells.
 */
public final class SeedWorkbooks {

    private static final String[] NUMERALS = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

    private SeedWorkbooks() {
    }

    /** Seed 004's layout, plus the 体系信息 sheet telling what each 适用于 wording means. */
    public static Workbooks system(RubricSnapshot s, RosterView roster) {
        Workbooks w = new Workbooks().sheet("体系信息");
        w.row("适用类别", String.join("、", s.categories()));
        for (Map.Entry<String, List<String>> e : s.applicabilityWordings().entrySet()) {
            w.row("适用范围", e.getKey(), String.join("、", e.getValue()));
        }
        s.conversionNotes().forEach(n -> w.row("转换说明", n));
        w.sheet(s.title().length() > 31 ? "Sheet1" : s.title());
        w.row(s.title());
        w.row("序号", "一级指标", "二级指标", "三级指标", "考核内容", "考核单位", "备注");
        int r = 0;
        for (IndicatorNode l1 : s.roots()) {
            boolean firstOfL1 = true;
            for (IndicatorNode l2 : l1.children()) {
                boolean firstOfL2 = true;
                for (IndicatorNode l3 : l2.children()) {
                    List<List<IndicatorNode>> groups = new ArrayList<>();
                    for (IndicatorNode leaf : l3.children()) {
                        List<IndicatorNode> last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
                        if (last != null && last.get(0).assessingDepartments().equals(leaf.assessingDepartments())
                                && last.get(0).appliesTo().equals(leaf.appliesTo())) {
                            last.add(leaf);
                        } else {
                            groups.add(new ArrayList<>(List.of(leaf)));
                        }
                    }
                    boolean firstOfL3 = true;
                    for (List<IndicatorNode> group : groups) {
                        String content = String.join("\n", group.stream().map(IndicatorNode::description).toList());
                        String departments = String.join("  ", group.get(0).assessingDepartments().stream()
                                .map(d -> roster.department(d).map(x -> x.name()).orElse(d)).toList());
                        w.row(firstOfL1 ? NUMERALS[r] : null, firstOfL1 ? label(l1) : null,
                                firstOfL2 ? label(l2) : null, firstOfL3 ? label(l3) : null, content, departments,
                                wording(group.get(0).appliesTo(), s));
                        firstOfL1 = false;
                        firstOfL2 = false;
                        firstOfL3 = false;
                    }
                }
            }
            r++;
        }
        return w;
    }

    /** Seed 001's layout: a sheet per unit, no information sheet. */
    public static Workbooks targets(UnitTargets t) {
        Workbooks w = new Workbooks();
        Object[] header = {"类别", "序号", "考核内容及目标任务", "分值", "完成\n时限", "评分标准及认定依据", "责任\n领导",
                "责任\n科室", "具体责任人及电话"};
        for (UnitTargetList u : t.units()) {
            w.sheet(u.unitName().replaceAll("[\\\\/?*\\[\\]:]", ""));
            w.row("被考核单位：" + u.unitName() + "        责任人：" + Objects.toString(u.responsiblePerson(), "")
                    + "        联系人：" + Objects.toString(u.contactPerson(), "") + "        电话："
                    + Objects.toString(u.phone(), ""));
            w.mixed(header);
            String section = null;
            for (TargetItem item : u.items()) {
                TargetSection s = t.sections().stream().filter(x -> x.code().equals(item.section())).findFirst().orElseThrow();
                String sectionCell = item.section().equals(section) ? null : s.title() + "（" + plain(s.points()) + "分）";
                section = item.section();
                w.mixed(sectionCell, item.seq(), item.content(), item.points(), item.deadline(), item.rule().wording(),
                        item.responsibleLeader(), item.responsibleOffice(), TargetsWorkbookWriter.contactCell(item.contact(), item.phone()));
            }
        }
        return w;
    }

    private static String label(IndicatorNode n) {
        return n.title() + " (" + plain(n.points()) + "分)";
    }

    private static String plain(BigDecimal points) {
        return points.stripTrailingZeros().toPlainString();
    }

    private static String wording(List<String> appliesTo, RubricSnapshot s) {
        if (appliesTo.isEmpty()) {
            return null;
        }
        return s.applicabilityWordings().entrySet().stream()
                .filter(e -> new HashSet<>(e.getValue()).equals(new HashSet<>(appliesTo)))
                .map(Map.Entry::getKey).sorted().findFirst().orElseThrow();
    }
}
