package io.kaohe.rubric.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kaohe.contracts.rubric.IndicatorNode;
import io.kaohe.contracts.rubric.Judged;
import io.kaohe.contracts.rubric.RubricSnapshot;
import io.kaohe.rubric.Seeds;
import io.kaohe.support.problems.Fault;
import io.kaohe.support.problems.ProblemException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockMultipartFile;

class SystemWorkbookTest {

    private static final String[] HEADER = {"序号", "一级指标", "二级指标", "三级指标", "考核内容", "考核单位", "备注"};
    private static final SystemWorkbook.Header GIVEN = new SystemWorkbook.Header("test-2018", 2018, "测试体系");
    private static final RosterNames NAMES = new RosterNames(Seeds.roster());

    private static SystemWorkbook.Result read(Path file) throws SheetRows.NotAWorkbook {
        return SystemWorkbook.read(file, NAMES, Seeds.JSON, GIVEN);
    }

    private static List<String> faults(Path file) throws SheetRows.NotAWorkbook {
        SystemWorkbook.Result result = read(file);
        assertThat(result.snapshot()).isNull();
        return result.faults().stream().map(f -> f.location() + " " + f.key()).toList();
    }

    @Test
    void readsAnOfficesSheetWithMergedLevelsSeveralItemsPerCellAndCategoryVariants() throws Exception {
        Path file = new Workbooks().sheet("Sheet1")
                .row("洛阳市县(市、区)党建工作综合考核指标体系(2018年度)")
                .row(HEADER)
                .row("一", "政治建设 (9分)", "加强党内政治文化建设 (9分)", "加强理想信念教育 (3分)",
                        "1. 制定并认真完成培训年度计划(1分);\n2. 重视教育培训工作(1分);\n3. 切实抓好教育培训(1分)。",
                        "市委组织部", null)
                .row(null, null, null, "深化拓展党性教育 (3分)",
                        "1. 按要求参加各级党校主体班培训情况 (1分)；2. 本地区开展党性教育有方案 (2分)", "市委党校",
                        "适用于 县(市)、吉利区")
                .row(null, null, null, null,
                        "1. 按要求参加各级党校主体班培训情况 (1.5分)\n2. 本地区开展党性教育有方案 (1.5分)", null,
                        "适用于城市区(老城区、西工区、瀍河回族区、涧西区、洛龙区)、伊滨区、高新区、龙门园区")
                .row(null, null, null, "落实组织生活制度 (3分)", "组织生活(3分)", "市委组织部  市委办公室", "见附件")
                .row(HEADER)
                .row("二", "思想建设 (2分)", "学习 (2分)", "集中学习 (2分)", "组织集中学习(2分)", "市委宣传部", null)
                .merge(2, 5, 1).merge(2, 5, 2)
                .save();

        SystemWorkbook.Result result = read(file);

        assertThat(result.faults()).isEmpty();
        RubricSnapshot s = result.snapshot();
        assertThat(s.roots()).extracting(IndicatorNode::code, IndicatorNode::title, IndicatorNode::points)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("1", "政治建设", new BigDecimal("9")),
                        org.assertj.core.groups.Tuple.tuple("2", "思想建设", new BigDecimal("2")));
        List<IndicatorNode> thirdLevel = s.roots().get(0).children().get(0).children();
        assertThat(thirdLevel).extracting(IndicatorNode::code)
                .containsExactly("1.1.1", "1.1.2", "1.1.3", "1.1.4");
        assertThat(thirdLevel.get(0).children()).extracting(IndicatorNode::title)
                .containsExactly("1. 制定并认真完成培训年度计划", "2. 重视教育培训工作", "3. 切实抓好教育培训");
        IndicatorNode county = thirdLevel.get(1);
        IndicatorNode urban = thirdLevel.get(2);
        assertThat(county.title()).isEqualTo(urban.title()).isEqualTo("深化拓展党性教育");
        assertThat(county.appliesTo()).containsExactly("county", "jili");
        assertThat(urban.appliesTo()).containsExactly("urban", "yibin", "gaoxin-longmen");
        assertThat(urban.children()).extracting(IndicatorNode::points)
                .containsExactly(new BigDecimal("1.5"), new BigDecimal("1.5"));
        // a blank 考核单位 under the same 三级指标 is the merged cell above
        assertThat(urban.children().get(0).assessingDepartments()).containsExactly("swdx");
        IndicatorNode lifeItem = thirdLevel.get(3).children().get(0);
        assertThat(lifeItem.assessingDepartments()).containsExactly("swzzb", "swbgs");
        assertThat(lifeItem.note()).isEqualTo("见附件");
        assertThat(lifeItem.rule()).isEqualTo(new Judged("组织生活"));
        assertThat(lifeItem.description()).isEqualTo("组织生活(3分)");
        assertThat(s.categories()).containsExactly("county", "jili", "urban", "yibin", "gaoxin-longmen");
        assertThat(s.applicabilityWordings()).containsEntry("适用于县(市)、吉利区", List.of("county", "jili"));
    }

    static Stream<Arguments> seededSystems() {
        return Stream.of(Arguments.of("county", Seeds.county(), "200"), Arguments.of("municipal", Seeds.municipal(), "100"));
    }

    @ParameterizedTest(name = "the {0} system")
    @MethodSource("seededSystems")
    void exportThenImportGivesTheSameSystem(String name, RubricSnapshot system, String totalPoints) throws Exception {
        Path file = Workbooks.written(out -> SystemWorkbookWriter.write(system, Seeds.roster(), Seeds.JSON, out));

        SystemWorkbook.Result result = SystemWorkbook.read(file, NAMES, Seeds.JSON, new SystemWorkbook.Header(null, null, null));

        assertThat(result.faults()).isEmpty();
        assertThat(result.snapshot()).isEqualTo(system);
        assertThat(result.snapshot().roots().stream().map(IndicatorNode::points).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(totalPoints);
    }

    @Test
    void aMissingColumnIsReportedAtTheHeaderRow() throws Exception {
        Path file = new Workbooks().sheet("Sheet1")
                .row("序号", "一级指标", "二级指标", "三级指标", "考核内容", "备注")
                .row("一", "政治建设 (2分)", "学习 (2分)", "集中学习 (2分)", "组织集中学习(2分)", null)
                .save();

        assertThat(faults(file)).containsExactly("Sheet1!R1 rubric.import.column-missing");
    }

    @Test
    void pointsThatAreMissingOrNotANumberAreReportedAtTheirCell() throws Exception {
        Path file = new Workbooks().sheet("Sheet1")
                .row(HEADER)
                .row("一", "政治建设 (三十五分)", "学习 (2分)", "集中学习 (2分)", "组织集中学习(2分)", "市委宣传部", null)
                .row("二", "思想建设 (2分)", "学习 (2分)", "集中学习", "组织集中学习(2分)", "市委宣传部", null)
                .row("三", "组织建设 (2分)", "学习 (2分)", "集中学习 (2分)", "组织集中学习", "市委宣传部", null)
                .save();

        assertThat(faults(file)).containsExactly(
                "Sheet1!R2:C2 rubric.import.points-unparseable",
                "Sheet1!R3:C4 rubric.import.points-missing",
                "Sheet1!R4:C5 rubric.import.points-missing");
    }

    @Test
    void unknownDepartmentsAndCategoriesAreReportedNotCreated() throws Exception {
        Path file = new Workbooks().sheet("Sheet1")
                .row(HEADER)
                .row("一", "政治建设 (4分)", "学习 (4分)", "集中学习 (2分)", "组织集中学习(2分)", "市委火星部  市委宣传部", null)
                .row(null, null, null, "主题宣传 (2分)", "开展主题宣传(2分)", "市委宣传部", "适用于火星区、吉利区")
                .save();

        SystemWorkbook.Result result = read(file);

        assertThat(result.faults()).extracting(Fault::location, Fault::key).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Sheet1!R2:C6", "rubric.import.department-unknown"),
                org.assertj.core.groups.Tuple.tuple("Sheet1!R3:C7", "rubric.import.category-unknown"));
        assertThat(result.faults().get(0).args()).containsExactly("市委火星部");
        assertThat(result.faults().get(1).args().get(0)).isEqualTo("火星区");
    }

    @Test
    void aDuplicateCodeIsReportedWithTheRowItFirstAppearedOn() throws Exception {
        Path file = new Workbooks().sheet("Sheet1")
                .row(HEADER)
                .row("1.1.1.1", "政治建设 (4分)", "学习 (4分)", "集中学习 (4分)", "组织集中学习(2分)", "市委宣传部", null)
                .row("1.1.1.1", "政治建设 (4分)", "学习 (4分)", "集中学习 (4分)", "开展主题宣传(2分)", "市委宣传部", null)
                .save();

        SystemWorkbook.Result result = read(file);

        assertThat(result.faults()).singleElement().satisfies(f -> {
            assertThat(f.location()).isEqualTo("Sheet1!R3:C1");
            assertThat(f.key()).isEqualTo("rubric.import.code-duplicate");
            assertThat(f.args()).containsExactly("1.1.1.1", 2);
        });
    }

    @Test
    void theSameIndicatorWrittenWithOtherPointsIsInconsistent() throws Exception {
        Path file = new Workbooks().sheet("Sheet1")
                .row(HEADER)
                .row("1.1.1.1", "政治建设 (4分)", "学习 (4分)", "集中学习 (4分)", "组织集中学习(2分)", "市委宣传部", null)
                .row("1.1.1.2", "政治建设 (5分)", "学习 (4分)", "集中学习 (4分)", "开展主题宣传(2分)", "市委宣传部", null)
                .save();

        assertThat(faults(file)).containsExactly("Sheet1!R3:C2 rubric.import.label-inconsistent");
    }

    @Test
    void anEmptyWorkbookIsReported() throws Exception {
        Path file = new Workbooks().sheet("Sheet1").save();

        assertThat(faults(file)).containsExactly("Sheet1 rubric.import.empty");
    }

    @Test
    void aSheetWithoutTheHeaderRowIsReported() throws Exception {
        Path file = new Workbooks().sheet("Sheet1").row("政治建设", "35").save();

        assertThat(faults(file)).containsExactly("Sheet1!R1 rubric.import.no-header");
    }

    @Test
    void withoutCodeYearAndTitleNothingIsImported() throws Exception {
        Path file = new Workbooks().sheet("Sheet1")
                .row(HEADER)
                .row("一", "政治建设 (2分)", "学习 (2分)", "集中学习 (2分)", "组织集中学习(2分)", "市委宣传部", null)
                .save();

        SystemWorkbook.Result result = SystemWorkbook.read(file, NAMES, Seeds.JSON, new SystemWorkbook.Header(null, null, null));

        assertThat(result.faults()).extracting(Fault::key).containsExactly("rubric.import.header-missing");
    }

    @Test
    void everyFaultOfAFileIsReportedAtOnce() throws Exception {
        Path file = new Workbooks().sheet("第一页")
                .row(HEADER)
                .row("一", "政治建设 (x分)", "学习 (2分)", "集中学习 (2分)", "组织集中学习(2分)", "市委宣传部", null)
                .row("二", "思想建设 (2分)", "学习 (2分)", "集中学习 (2分)", "组织集中学习(2分)", "无此部门", null)
                .sheet("第二页")
                .row(HEADER)
                .row("三", "组织建设 (2分)", "学习 (2分)", "集中学习 (2分)", "组织集中学习(2分)", "市委宣传部", "适用于月球")
                .save();

        assertThat(faults(file)).containsExactly(
                "第一页!R2:C2 rubric.import.points-unparseable",
                "第一页!R3:C6 rubric.import.department-unknown",
                "第二页!R2:C7 rubric.import.category-unknown");
    }

    @Test
    void aFileThatIsNotAnXlsxIsRefused() throws Exception {
        Path text = Files.createTempFile("not-a-workbook", ".xlsx");
        Files.writeString(text, "序号,一级指标\n1,政治建设");

        assertThatThrownBy(() -> read(text)).isInstanceOfSatisfying(SheetRows.NotAWorkbook.class,
                e -> assertThat(e.oldExcel).isFalse());
    }

    @Test
    void anOldXlsWorkbookIsRefusedWithAHintToSaveAsXlsx() throws Exception {
        HSSFWorkbook old = new HSSFWorkbook();
        old.createSheet("Sheet1").createRow(0).createCell(0).setCellValue("序号");
        Path file = Workbooks.save(old);

        assertThatThrownBy(() -> read(file)).isInstanceOfSatisfying(SheetRows.NotAWorkbook.class,
                e -> assertThat(e.oldExcel).isTrue());
    }

    @Test
    void anOversizedFileIsRefusedBeforeAnythingIsParsedOrWritten() {
        // Nothing but the limit is wired: reaching the parser or the database would fail differently.
        Imports imports = new Imports(null, null, null, Seeds.JSON, 10);
        MockMultipartFile file = new MockMultipartFile("file", "big.xlsx", "application/octet-stream", new byte[11]);

        assertThatThrownBy(() -> imports.system(file, GIVEN, "office")).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
            assertThat(e.code()).isEqualTo("rubric.import.too-large");
        });
        assertThatThrownBy(() -> imports.targets(file, new TargetsWorkbook.Header(null, null, null, null), "office"))
                .isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> imports.json(file, "office")).isInstanceOf(ProblemException.class);
    }

    @Test
    void typedRulesAndTheirWordingSurviveAnExport() throws Exception {
        IndicatorNode incidents = new IndicatorNode("1.1.1.1", "围绕市委工作重点，做好办文办会工作", new BigDecimal("4"),
                List.of(), "围绕市委工作重点，做好办文办会工作(4分)", List.of("swbgs"),
                new io.kaohe.contracts.rubric.DeductionPerIncident(new BigDecimal("1"), "每出现一次重大失误扣1分（扣完为止）"),
                "12月底", "提供文件、现场照片和新闻报道等资料", null, List.of());
        IndicatorNode rate = new IndicatorNode("1.1.1.2", "审限内结案率", new BigDecimal("1"), List.of(),
                "审限内结案率(1分)", List.of("swbgs"),
                new io.kaohe.contracts.rubric.Threshold(new BigDecimal("95"), new BigDecimal("0.1"), "审限内结案率达95%"),
                null, null, null, List.of());
        IndicatorNode third = inner("1.1.1", "办文", "5", incidents, rate);
        RubricSnapshot s = new RubricSnapshot("typed", 2019, "带计分方法的体系", null, List.of(), java.util.Map.of(),
                List.of(), List.of(inner("1", "工作效能", "5", inner("1.1", "办文办会", "5", third))));
        Path file = Workbooks.written(out -> SystemWorkbookWriter.write(s, Seeds.roster(), Seeds.JSON, out));

        SystemWorkbook.Result result = SystemWorkbook.read(file, NAMES, Seeds.JSON, new SystemWorkbook.Header(null, null, null));

        assertThat(result.faults()).isEmpty();
        assertThat(result.snapshot()).isEqualTo(s);
    }

    @Test
    void oneIndicatorWrittenWithOtherPointsForOtherCategoriesIsOneNodeWithPointsPerCategory() throws Exception {
        Path file = new Workbooks().sheet("Sheet1")
                .row(HEADER)
                .row("一", "政治建设 (1分)", "党性教育 (1分)", "参加主体班培训 (1分)", "按要求参加培训(1分)", "市委党校",
                        "适用于县(市)")
                .row(null, "政治建设 (0.5分)", "党性教育 (0.5分)", "参加主体班培训 (0.5分)", "按要求参加培训(0.5分)", "市委党校",
                        "适用于吉利区")
                .save();

        SystemWorkbook.Result result = read(file);

        assertThat(result.faults()).isEmpty();
        assertThat(result.snapshot().roots()).singleElement().satisfies(root -> {
            assertThat(root.points()).isEqualByComparingTo("1");
            assertThat(root.pointsFor("jili")).isEqualByComparingTo("0.5");
            assertThat(root.pointsFor("county")).isEqualByComparingTo("1");
            IndicatorNode second = root.children().get(0);
            assertThat(root.children()).hasSize(1);
            assertThat(second.pointsByCategory()).containsOnlyKeys("jili");
            // the 三级指标 variants stay siblings, each for its categories
            assertThat(second.children()).extracting(IndicatorNode::appliesTo)
                    .containsExactly(List.of("county"), List.of("jili"));
        });
    }

    @Test
    void anIndicatorGivenTwoPointsForTheSameCategoryIsInconsistent() throws Exception {
        Path file = new Workbooks().sheet("Sheet1")
                .row(HEADER)
                .row("1.1.1.1", "政治建设 (1分)", "党性教育 (1分)", "培训 (1分)", "培训(1分)", "市委党校", "适用于县(市)")
                .row("1.1.1.2", "政治建设 (2分)", "党性教育 (1分)", "培训 (1分)", "培训(1分)", "市委党校", "适用于县(市)")
                .save();

        assertThat(faults(file)).containsExactly("Sheet1!R3:C2 rubric.import.label-inconsistent");
    }

    @Test
    void pointsPerCategorySurviveAnExport() throws Exception {
        IndicatorNode countyItem = new IndicatorNode("1.1.1.1", "按要求参加培训", new BigDecimal("1"), List.of("county"),
                "按要求参加培训(1分)", List.of("swdx"), new Judged("按要求参加培训"), null, null, null, List.of());
        IndicatorNode jiliItem = new IndicatorNode("1.1.2.1", "按要求参加培训", new BigDecimal("0.5"), List.of("jili"),
                "按要求参加培训(0.5分)", List.of("swdx"), new Judged("按要求参加培训"), null, null, null, List.of());
        java.util.Map<String, BigDecimal> jili = java.util.Map.of("jili", new BigDecimal("0.5"));
        IndicatorNode l3County = new IndicatorNode("1.1.1", "参加主体班培训", new BigDecimal("1"), List.of("county"), null,
                List.of(), null, null, null, null, List.of(countyItem));
        IndicatorNode l3Jili = new IndicatorNode("1.1.2", "参加主体班培训", new BigDecimal("0.5"), List.of("jili"), null,
                List.of(), null, null, null, null, List.of(jiliItem));
        IndicatorNode l2 = new IndicatorNode("1.1", "党性教育", new BigDecimal("1"), List.of(), null, List.of(), null, null,
                null, null, List.of(l3County, l3Jili), jili);
        IndicatorNode l1 = new IndicatorNode("1", "政治建设", new BigDecimal("1"), List.of(), null, List.of(), null, null,
                null, null, List.of(l2), jili);
        RubricSnapshot s = new RubricSnapshot("per-category", 2019, "分类分值", null, List.of("county", "jili"),
                java.util.Map.of("适用于县(市)", List.of("county"), "适用于吉利区", List.of("jili")), List.of(), List.of(l1));
        assertThat(SystemWorkbookWriter.fits(s)).isTrue();
        Path file = Workbooks.written(out -> SystemWorkbookWriter.write(s, Seeds.roster(), Seeds.JSON, out));

        SystemWorkbook.Result result = SystemWorkbook.read(file, NAMES, Seeds.JSON, new SystemWorkbook.Header(null, null, null));

        assertThat(result.faults()).isEmpty();
        assertThat(result.snapshot()).isEqualTo(s);
    }

    @Test
    void aTreeWhoseRowCannotWriteOnePointsDoesNotFitTheLayout() {
        IndicatorNode everywhere = new IndicatorNode("1.1.1.1", "培训", new BigDecimal("1"), List.of(), "培训(1分)",
                List.of("swdx"), new Judged("培训"), null, null, null, List.of(), java.util.Map.of("jili", new BigDecimal("0.5")));
        RubricSnapshot s = new RubricSnapshot("x", 2019, "x", null, List.of("county", "jili"), java.util.Map.of(), List.of(),
                List.of(inner("1", "a", "1", inner("1.1", "b", "1", inner("1.1.1", "c", "1", everywhere)))));

        assertThat(SystemWorkbookWriter.fits(s)).isFalse();
    }

    @Test
    void aFormulaLikeTextIsWrittenAsQuotedTextAndReadBackAsItWas() throws Exception {
        IndicatorNode leaf = new IndicatorNode("1.1.1.1", "=HYPERLINK(\"http://x\",\"点击\")", new BigDecimal("1"), List.of(),
                "=HYPERLINK(\"http://x\",\"点击\")(1分)", List.of("swdx"), new Judged("@SUM(A1:A9)"), "-1天", "+证明",
                null, List.of());
        RubricSnapshot s = new RubricSnapshot("formula", 2019, "公式", null, List.of(), java.util.Map.of(), List.of(),
                List.of(inner("1", "a", "1", inner("1.1", "b", "1", inner("1.1.1", "c", "1", leaf)))));
        Path file = Workbooks.written(out -> SystemWorkbookWriter.write(s, Seeds.roster(), Seeds.JSON, out));

        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(file.toFile())) {
            var row = workbook.getSheet(SystemWorkbook.SHEET).getRow(1);
            assertThat(row.getCell(4).getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.STRING);
            assertThat(row.getCell(4).getCellStyle().getQuotePrefixed()).isTrue();
            assertThat(row.getCell(7).getCellStyle().getQuotePrefixed()).isTrue();
            assertThat(row.getCell(8).getCellStyle().getQuotePrefixed()).isTrue();
            assertThat(row.getCell(0).getCellStyle().getQuotePrefixed()).isFalse();
        }
        SystemWorkbook.Result result = SystemWorkbook.read(file, NAMES, Seeds.JSON, new SystemWorkbook.Header(null, null, null));
        assertThat(result.faults()).isEmpty();
        assertThat(result.snapshot()).isEqualTo(s);
    }

    private static IndicatorNode inner(String code, String title, String points, IndicatorNode... children) {
        return new IndicatorNode(code, title, new BigDecimal(points), List.of(), null, List.of(), null, null, null, null,
                List.of(children));
    }
}
