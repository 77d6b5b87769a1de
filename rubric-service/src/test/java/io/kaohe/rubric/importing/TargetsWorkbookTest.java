package io.kaohe.rubric.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaohe.contracts.rubric.CommonTarget;
import io.kaohe.contracts.rubric.Judged;
import io.kaohe.contracts.rubric.TargetItem;
import io.kaohe.contracts.rubric.TargetSection;
import io.kaohe.contracts.rubric.UnitTargetList;
import io.kaohe.contracts.rubric.UnitTargets;
import io.kaohe.rubric.Seeds;
import io.kaohe.support.problems.Fault;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetsWorkbookTest {

    private static final Object[] HEADER = {"类别", "序号", "考核内容及目标任务", "分值", "完成\n时限", "评分标准及认定依据",
            "责任\n领导", "责任\n科室", "具体责任人及电话"};
    private static final TargetsWorkbook.Header GIVEN =
            new TargetsWorkbook.Header("party-depts-test", 2015, "2015年度市党群部门目标绩效考核细则", "考核办（目督办）");
    private static final RosterNames NAMES = new RosterNames(Seeds.roster());

    private static TargetsWorkbook.Result read(Path file) throws SheetRows.NotAWorkbook {
        return TargetsWorkbook.read(file, NAMES, Seeds.JSON, GIVEN);
    }

    private static List<String> faults(Path file) throws SheetRows.NotAWorkbook {
        TargetsWorkbook.Result result = read(file);
        assertThat(result.targets()).isNull();
        return result.faults().stream().map(f -> f.location() + " " + f.key()).toList();
    }

    /** The first unit of seed 001 as the office's sheet shows it. */
    private static Workbooks sjw(Workbooks w) {
        return w.sheet("市纪委")
                .row("被考核单位：市纪委（监察局）                 责任人：雷  超               联系人：李  济         电话：13981684345")
                .mixed(HEADER)
                .mixed("职能职责\n（25分）", 1, "干部驻村帮扶工作", 5, "12月底", "市扶贫移民局牵头，确定考核内容，组织实施考核", "王海初", "机关总支", "马同沛13551791147")
                .mixed(null, 2, "刚性落实党风廉政建设“两个责任”", 20, "12月底", "根据完成情况计分", "曹曦文", "党风政风监督室", "邓国勇\n13980296667")
                .mixed("工作\n效能\n（10分）", 3, "加强投资软环境建设", 10, "12月底", "根据完成情况计分", "罗  兰", "软建办", "邓国勇13980296667")
                .mixed("重点\n特色\n工作\n（15分）", 4, "持续办好“阳光问政”", 15, "12月底", "每少开展一项活动扣0.5分", "曹曦文", "党风政风监督室", "杜  林7893070\n袁明志7893077")
                .merge(2, 3, 0);
    }

    @Test
    void readsTheOfficesSheetsOnePerUnitWithCommonItemsFoundByTheirLeadDepartment() throws Exception {
        Path file = sjw(new Workbooks())
                .sheet("市中级法院")
                .row("被考核单位：市中级法院", null, "责任人：刘开渤", null, "联系人：王  景", null, "电话：5817805")
                .mixed(HEADER)
                .mixed("职能职责（25分）", 1, "干部驻村帮扶工作", 5, "12月底", "市扶贫移民局牵头，确定考核内容，组织实施考核", "陈  刚", "组织人事处", "刘伯梅\n5817903")
                .mixed(null, 2, "完成全年审判执行任务", 20, "12月底", "每项每少完成一个百分点扣0.1分（扣完为止）", "何  齐", "审管办", "何奇林5817947")
                .mixed("工作效能（10分）", 3, "开展超审（执）限专项治理", 10, "12月底", "根据完成情况计分", "何  齐", "监察室", "何红梅5817906")
                .mixed("重点特色工作（15）", 4, "开展“司法公信提升年”活动", 15, "12月底", "每完成一项计2分", "文  达", "办公室", "高隆琼5817808")
                .sheet("市检察院")
                .row("被考核单位：市检察院     责任人：包远斌     联系人：周小乔     电话：5282255")
                .mixed(HEADER)
                .mixed(null, null, "同第一项")
                .save();

        TargetsWorkbook.Result result = read(file);

        assertThat(result.faults()).isEmpty();
        UnitTargets t = result.targets();
        assertThat(t.assessingDepartment()).isEqualTo("kaohebang");
        assertThat(t.sections()).containsExactly(
                new TargetSection("S1", "职能职责", new BigDecimal("25")),
                new TargetSection("S2", "工作效能", new BigDecimal("10")),
                new TargetSection("S3", "重点特色工作", new BigDecimal("15")));
        assertThat(t.commonItems()).containsExactly(new CommonTarget("干部驻村帮扶工作", new BigDecimal("5"), "S1", "sfpymj",
                "12月底", new Judged("市扶贫移民局牵头，确定考核内容，组织实施考核")));
        assertThat(t.units()).extracting(UnitTargetList::unit).containsExactly("bz-sjw", "bz-zjfy", "bz-jcy");
        UnitTargetList sjw = t.units().get(0);
        assertThat(sjw.responsiblePerson()).isEqualTo("雷超");
        assertThat(sjw.contactPerson()).isEqualTo("李济");
        assertThat(sjw.phone()).isEqualTo("13981684345");
        assertThat(sjw.items()).extracting(TargetItem::common).containsExactly(true, false, false, false);
        assertThat(sjw.items().get(1).section()).isEqualTo("S1"); // merged 类别 cell
        assertThat(sjw.items().get(1).contact()).isEqualTo("邓国勇");
        assertThat(sjw.items().get(1).phone()).isEqualTo("13980296667");
        assertThat(sjw.items().get(3).contact()).isEqualTo("杜林、袁明志");
        assertThat(sjw.items().get(3).phone()).isEqualTo("7893070、7893077");
        assertThat(sjw.items().get(2).responsibleLeader()).isEqualTo("罗  兰");
        assertThat(t.units().get(2).sameAs()).isEqualTo("bz-sjw");
        assertThat(t.units().get(2).items()).isEmpty();
    }

    @Test
    void exportThenImportGivesTheSameTargetsOfAll29Units() throws Exception {
        UnitTargets seed = Seeds.targets();
        Path file = Workbooks.written(out -> TargetsWorkbookWriter.write(seed, Seeds.roster(), Seeds.JSON, out));

        TargetsWorkbook.Result result = TargetsWorkbook.read(file, NAMES, Seeds.JSON,
                new TargetsWorkbook.Header(null, null, null, null));

        assertThat(result.faults()).isEmpty();
        assertThat(result.targets().units()).hasSize(29);
        for (int i = 0; i < 29; i++) {
            assertThat(result.targets().units().get(i)).isEqualTo(seed.units().get(i));
        }
        assertThat(result.targets()).isEqualTo(seed);
    }

    @Test
    void aUnitWhoseItemsEqualTheFirstUnitsIsExportedAndReadAsTheSameList() throws Exception {
        UnitTargets seed = Seeds.targets();
        List<UnitTargetList> units = new ArrayList<>(seed.units().subList(0, 2));
        UnitTargetList second = units.get(1);
        units.set(1, new UnitTargetList(second.unit(), second.unitName(), second.responsiblePerson(), second.contactPerson(),
                second.phone(), units.get(0).unit(), List.of()));
        UnitTargets shared = new UnitTargets(seed.code(), seed.year(), seed.title(), seed.source(), seed.assessingDepartment(),
                seed.sections(), seed.commonItems(), seed.conversionNotes(), units);
        Path file = Workbooks.written(out -> TargetsWorkbookWriter.write(shared, Seeds.roster(), Seeds.JSON, out));

        TargetsWorkbook.Result result = TargetsWorkbook.read(file, NAMES, Seeds.JSON,
                new TargetsWorkbook.Header(null, null, null, null));

        assertThat(result.targets()).isEqualTo(shared);
    }

    @Test
    void anUnknownUnitAndPointsThatAreNotANumberAreReportedAtTheirCells() throws Exception {
        Path file = new Workbooks()
                .sheet("火星办")
                .row("被考核单位：市火星办     责任人：某人")
                .mixed(HEADER)
                .mixed("职能职责（25分）", 1, "干部驻村帮扶工作", 25, "12月底", "根据完成情况计分")
                .sheet("市纪委")
                .row("被考核单位：市纪委（监察局）")
                .mixed(HEADER)
                .mixed("职能职责（25分）", 1, "干部驻村帮扶工作", "五", "12月底", "根据完成情况计分")
                .mixed(null, "二", "刚性落实“两个责任”", 20, "12月底", "根据完成情况计分")
                .save();

        assertThat(faults(file)).containsExactly(
                "火星办!R1:C1 rubric.import.unit-unknown",
                "市纪委!R3:C4 rubric.import.points-unparseable",
                "市纪委!R4:C2 rubric.import.seq-invalid");
    }

    @Test
    void aMissingColumnAndAMissingUnitHeaderAreReported() throws Exception {
        Path file = new Workbooks()
                .sheet("市纪委")
                .row("被考核单位：市纪委（监察局）")
                .mixed("类别", "序号", "考核内容及目标任务", "完成时限")
                .mixed("职能职责（25分）", 1, "干部驻村帮扶工作", "12月底")
                .sheet("无表头")
                .mixed(HEADER)
                .mixed("职能职责（25分）", 1, "干部驻村帮扶工作", 25)
                .save();

        assertThat(faults(file)).containsExactly(
                "市纪委!R2 rubric.import.column-missing",
                "无表头!R1 rubric.import.unit-header-missing");
    }

    @Test
    void aSectionWrittenWithOtherPointsOnAnotherSheetIsInconsistent() throws Exception {
        Path file = sjw(new Workbooks())
                .sheet("市中级法院")
                .row("被考核单位：市中级法院")
                .mixed(HEADER)
                .mixed("职能职责（20分）", 1, "干部驻村帮扶工作", 20, "12月底", "根据完成情况计分")
                .save();

        assertThat(faults(file)).containsExactly("市中级法院!R3:C1 rubric.import.section-inconsistent");
    }

    @Test
    void sameAsTheFirstOnTheFirstSheetIsRefused() throws Exception {
        Path file = new Workbooks()
                .sheet("市纪委")
                .row("被考核单位：市纪委（监察局）")
                .mixed(HEADER)
                .mixed(null, null, "同第一项")
                .save();

        assertThat(faults(file)).containsExactly("市纪委!R3:C3 rubric.import.same-as-first");
    }

    @Test
    void anUnknownDepartmentForTheUnitsOwnItemsIsReported() throws Exception {
        Path file = sjw(new Workbooks()).save();

        TargetsWorkbook.Result result = TargetsWorkbook.read(file, NAMES, Seeds.JSON,
                new TargetsWorkbook.Header("x", 2015, "x", "火星考核办"));

        assertThat(result.faults()).extracting(Fault::key).containsExactly("rubric.import.department-unknown");
    }

    @Test
    void theContactCellIsWrittenAsOfficesDoAndReadBack() {
        assertThat(TargetsWorkbookWriter.contactCell("杜林、袁明志", "7893070、7893077")).isEqualTo("杜林7893070\n袁明志7893077");
        assertThat(ContactCells.contact("杜林7893070\n袁明志7893077")).containsExactly("杜林、袁明志", "7893070、7893077");
        assertThat(ContactCells.contact("蒲  娟  5286870")).containsExactly("蒲娟", "5286870");
        assertThat(ContactCells.contact("周小乔")).containsExactly("周小乔", null);
    }
}
