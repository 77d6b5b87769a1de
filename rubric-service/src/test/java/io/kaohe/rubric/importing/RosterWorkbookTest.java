package io.kaohe.rubric.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaohe.support.problems.Fault;
import io.kaohe.rubric.roster.AssessingDepartment;
import io.kaohe.rubric.roster.Contact;
import io.kaohe.rubric.roster.RosterDiff;
import io.kaohe.rubric.roster.RosterDocument;
import io.kaohe.rubric.roster.Unit;
import io.kaohe.rubric.roster.UnitCategory;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class RosterWorkbookTest {

    private static final RosterDocument EMPTY = new RosterDocument(List.of(), List.of(), List.of(), List.of(),
            EnumSet.allOf(RosterDocument.Part.class));

    private static final RosterDocument COUNTY = new RosterDocument(
            List.of(new UnitCategory("township", "乡镇"), new UnitCategory("county-dept", "县直部门")),
            List.of(new AssessingDepartment("xwzzb", "县委组织部"), new AssessingDepartment("xwxcb", "县委宣传部")),
            List.of(new Unit("cgz", "城关镇", "township", null), new Unit("cgz-sq", "城关镇东街社区", "township", "cgz"),
                    new Unit("xjyj", "县教育局", "county-dept", null)),
            List.of(new Contact(Contact.OwnerKind.UNIT, "cgz", Contact.Role.REPORTER, "张三", "13800000001",
                            "zhangsan@example.cn", null),
                    new Contact(Contact.OwnerKind.DEPARTMENT, "xwzzb", Contact.Role.REVIEWER, "=李四", "0379-6543210",
                            null, "reviewer.xwzzb")),
            EnumSet.allOf(RosterDocument.Part.class));

    private static RosterWorkbook.Result read(Path file, RosterDocument current) throws Exception {
        return RosterWorkbook.read(file, current);
    }

    private static List<String> faults(Path file, RosterDocument current) throws Exception {
        RosterWorkbook.Result result = read(file, current);
        assertThat(result.document()).isNull();
        return result.faults().listed().stream().map(f -> f.location() + " " + f.key()).toList();
    }

    @Test
    void exportThenImportGivesTheSameRosterAndChangesNothing() throws Exception {
        Path file = Workbooks.written(out -> RosterWorkbookWriter.export(COUNTY, out));

        RosterWorkbook.Result result = read(file, EMPTY);

        assertThat(result.faults().listed()).isEmpty();
        RosterDocument read = result.document();
        assertThat(read.categories()).isEqualTo(COUNTY.categories());
        assertThat(read.departments()).isEqualTo(COUNTY.departments());
        assertThat(read.units()).isEqualTo(COUNTY.units());
        assertThat(read.contacts()).isEqualTo(COUNTY.contacts());
        assertThat(RosterDiff.between(COUNTY, read, Set.of()).isEmpty()).isTrue();
    }

    @Test
    void anExportEditedAndSavedAgainImportsTheEdit() throws Exception {
        Path file = Workbooks.written(out -> RosterWorkbookWriter.export(COUNTY, out));
        XSSFWorkbook workbook = new XSSFWorkbook(java.nio.file.Files.newInputStream(file));
        workbook.getSheet(RosterSheets.UNITS).getRow(1).getCell(1).setCellValue("城关镇人民政府");
        workbook.getSheet(RosterSheets.UNITS).getRow(3).getCell(2).setCellValue("乡镇");
        Path edited = Workbooks.save(workbook);

        RosterDocument read = read(edited, EMPTY).document();

        RosterDiff diff = RosterDiff.between(COUNTY, read, Set.of());
        assertThat(diff.units().changed()).extracting(RosterDiff.Change::code, c -> c.changes().get(0).after())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("cgz", "城关镇人民政府"),
                        org.assertj.core.groups.Tuple.tuple("xjyj", "township"));
    }

    @Test
    void theTemplateHasHeadersAnExampleRowThatIsNeverImportedAndDropDownLists() throws Exception {
        Path file = Workbooks.written(RosterWorkbookWriter::template);

        try (XSSFWorkbook workbook = new XSSFWorkbook(file.toFile())) {
            XSSFSheet units = workbook.getSheet(RosterSheets.UNITS);
            assertThat(units.getRow(0).getCell(0).getStringCellValue()).isEqualTo("编码");
            assertThat(units.getRow(0).getCell(2).getStringCellValue()).isEqualTo("类别");
            assertThat(units.getRow(1).getCell(0).getStringCellValue()).startsWith("示例");
            assertThat(units.getDataValidations()).extracting(v -> v.getValidationConstraint().getFormula1())
                    .contains("'单位类别'!$B$2:$B$5000", "'单位'!$A$2:$A$5000");
            assertThat(workbook.getSheet(RosterSheets.CONTACTS).getDataValidations())
                    .extracting(v -> List.of(v.getValidationConstraint().getExplicitListValues()))
                    .contains(List.of("单位", "考核单位"), List.of("填报人", "单位负责人", "审核人", "联系人"));
        }
        RosterWorkbook.Result result = read(file, EMPTY);
        assertThat(result.faults().listed()).isEmpty();
        assertThat(result.document().units()).isEmpty();
        assertThat(result.document().categories()).isEmpty();
    }

    @Test
    void aTextThatLooksLikeAFormulaIsWrittenQuotedAndReadBackAsItWas() throws Exception {
        Path file = Workbooks.written(out -> RosterWorkbookWriter.export(COUNTY, out));

        try (XSSFWorkbook workbook = new XSSFWorkbook(file.toFile())) {
            var cell = workbook.getSheet(RosterSheets.CONTACTS).getRow(2).getCell(4);
            assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
            assertThat(cell.getStringCellValue()).isEqualTo("=李四");
            assertThat(cell.getCellStyle().getQuotePrefixed()).isTrue();
        }
        assertThat(read(file, EMPTY).document().contacts()).extracting(Contact::name).contains("=李四");
    }

    @Test
    void everyFaultIsLocatedBySheetRowAndColumnAndNothingIsRead() throws Exception {
        Path file = new Workbooks()
                .sheet("单位类别").row("编码", "名称").row("township", "乡镇").row("Bad Code", "乡镇")
                .sheet("单位").row("编码", "名称", "类别", "上级单位")
                .row("cgz", "城关镇", "乡镇", null)
                .row("cgz", "另一个城关镇", "township", null)
                .row("bz", "", "街道", "nowhere")
                .row("a", "甲", "township", "b")
                .row("b", "乙", "township", "a")
                .sheet("联系人").row("类型", "所属编码", "所属名称", "角色", "姓名", "手机", "邮箱", "账号")
                .row("单位", "cgz", "城关镇", "审核人", "王五", "abc", "not-an-address", "Bad Name")
                .row("部门", "xx", null, "填报人", "赵六", null, null, null)
                .save();

        assertThat(faults(file, EMPTY)).containsExactly(
                "单位类别!R3:C1 rubric.roster.code.invalid",
                "单位类别!R3:C2 rubric.roster.import.name-duplicate",
                "单位!R3:C1 rubric.import.code-duplicate",
                "单位!R4:C2 rubric.roster.name.missing",
                "单位!R4:C3 rubric.roster.import.category-unknown",
                "单位!R4:C4 rubric.roster.import.parent-unknown",
                "单位!R5:C4 rubric.roster.unit.parent-cycle",
                "单位!R6:C4 rubric.roster.unit.parent-cycle",
                "联系人!R2:C4 rubric.roster.import.role-not-for-owner",
                "联系人!R2:C6 rubric.roster.import.phone-invalid",
                "联系人!R2:C7 rubric.roster.import.email-invalid",
                "联系人!R2:C8 rubric.roster.import.username-invalid",
                "联系人!R3:C1 rubric.roster.import.owner-kind-invalid");
    }

    @Test
    void aMissingColumnIsReportedAtTheHeaderRow() throws Exception {
        Path file = new Workbooks().sheet("单位").row("名册").row("编码", "名称").row("cgz", "城关镇").save();

        assertThat(faults(file, EMPTY)).containsExactly("单位!R2 rubric.import.column-missing");
    }

    @Test
    void aFileWithAFaultOnEveryRowListsTheFirst100AndCountsTheRest() throws Exception {
        Workbooks w = new Workbooks().sheet("考核单位").row("编码", "名称");
        for (int i = 0; i < 1000; i++) {
            w.row("BAD-" + i, "部门" + i);
        }

        RosterWorkbook.Result result = read(w.save(), EMPTY);

        assertThat(result.faults().count()).isEqualTo(1000);
        List<Fault> listed = result.faults().listed();
        assertThat(listed).hasSize(100);
        assertThat(listed.get(0).location()).isEqualTo("考核单位!R2:C1");
        assertThat(result.faults().more()).isEqualTo(900);
    }

    @Test
    void aSheetLeftOutIsNotPartOfTheDocumentAndReferencesGoToTheRoster() throws Exception {
        Path file = new Workbooks().sheet("单位").row("编码", "名称", "类别", "上级单位")
                .row("xjyj", "县教育局", "县直部门", null)
                .row("cgz", "城关镇（更名）", "township", null)
                .save();

        RosterDocument read = read(file, COUNTY).document();

        assertThat(read.parts()).containsExactly(RosterDocument.Part.UNITS);
        RosterDiff diff = RosterDiff.between(COUNTY, read, Set.of("township", "county-dept"));
        assertThat(diff.categories().isEmpty()).isTrue();
        assertThat(diff.departments().isEmpty()).isTrue();
        assertThat(diff.contacts().isEmpty()).isTrue();
        assertThat(diff.units().added()).isEmpty();
        assertThat(diff.units().changed()).singleElement().satisfies(c -> {
            assertThat(c.code()).isEqualTo("cgz");
            assertThat(c.changes()).containsExactly(new RosterDiff.FieldChange("name", "城关镇", "城关镇（更名）"));
        });
        assertThat(diff.units().removed()).containsExactly(new RosterDiff.Removal("cgz-sq", "城关镇东街社区", "DEACTIVATED"));
        assertThat(diff.units().reordered()).isTrue();
    }
}
