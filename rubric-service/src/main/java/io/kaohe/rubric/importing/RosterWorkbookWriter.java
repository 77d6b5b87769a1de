package io.kaohe.rubric.importing;

import io.kaohe.rubric.importing.RosterSheets.Column;
import io.kaohe.rubric.roster.AssessingDepartment;
import io.kaohe.rubric.roster.Contact;
import io.kaohe.rubric.roster.RosterDocument;
import io.kaohe.rubric.roster.Unit;
import io.kaohe.rubric.roster.UnitCategory;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes the roster workbook: the export (the roster as it is, active entries in the office's
 * order, so export → edit → import changes only what was edited) and the template (headers, one
 * 示例 row per sheet, and the instructions). Category, parent, owner type and role cells offer
 * drop-down lists; every text cell is written safe against formula injection.
 */
final class RosterWorkbookWriter {

    /** How far down the drop-down lists reach: far beyond any county's roster. */
    private static final int LIST_ROWS = 5000;

    private RosterWorkbookWriter() {
    }

    static void export(RosterDocument roster, OutputStream out) throws IOException {
        List<Unit> units = roster.units().stream().filter(Unit::active).toList();
        List<AssessingDepartment> departments = roster.departments().stream().filter(AssessingDepartment::active).toList();
        java.util.Set<String> owners = new java.util.HashSet<>();
        units.forEach(u -> owners.add("UNIT/" + u.code()));
        departments.forEach(d -> owners.add("DEPARTMENT/" + d.code()));
        List<Contact> contacts = roster.contacts().stream()
                .filter(c -> owners.contains(c.ownerKind() + "/" + c.ownerCode())).toList();
        write(roster.categories(), departments, units, contacts, false, out);
    }

    static void template(OutputStream out) throws IOException {
        write(List.of(), List.of(), List.of(), List.of(), true, out);
    }

    private static void write(List<UnitCategory> categories, List<AssessingDepartment> departments, List<Unit> units,
                              List<Contact> contacts, boolean template, OutputStream out) throws IOException {
        // shared strings, not inline ones: a tool that edits a cell of an inline string (POI itself does)
        // keeps the old text beside the new, and the edit would be lost on import
        SXSSFWorkbook workbook = new SXSSFWorkbook(null, 200, false, true);
        try {
            SafeText text = new SafeText(workbook);
            CellStyle header = workbook.createCellStyle();
            Font bold = workbook.createFont();
            bold.setBold(true);
            header.setFont(bold);
            CellStyle example = workbook.createCellStyle();
            Font grey = workbook.createFont();
            grey.setItalic(true);
            grey.setColor(org.apache.poi.ss.usermodel.IndexedColors.GREY_50_PERCENT.getIndex());
            example.setFont(grey);
            Map<String, String> names = new HashMap<>();
            categories.forEach(c -> names.put(c.code(), c.name()));
            Map<String, String> unitNames = new HashMap<>();
            units.forEach(u -> unitNames.put(u.code(), u.name()));
            Map<String, String> departmentNames = new HashMap<>();
            departments.forEach(d -> departmentNames.put(d.code(), d.name()));

            readme(workbook, text);

            SXSSFSheet sheet = sheet(workbook, RosterSheets.CATEGORIES, RosterSheets.CATEGORY_COLUMNS, text, header);
            int r = 1;
            if (template) {
                row(sheet, r++, text, example, "示例：township", "乡镇（示例，不导入）");
            }
            for (UnitCategory c : categories) {
                row(sheet, r++, text, null, c.code(), c.name());
            }

            sheet = sheet(workbook, RosterSheets.DEPARTMENTS, RosterSheets.DEPARTMENT_COLUMNS, text, header);
            r = 1;
            if (template) {
                row(sheet, r++, text, example, "示例：xwzzb", "县委组织部（示例，不导入）");
            }
            for (AssessingDepartment d : departments) {
                row(sheet, r++, text, null, d.code(), d.name());
            }

            sheet = sheet(workbook, RosterSheets.UNITS, RosterSheets.UNIT_COLUMNS, text, header);
            r = 1;
            if (template) {
                row(sheet, r++, text, example, "示例：cgz", "城关镇（示例，不导入）", "乡镇", "");
            }
            for (Unit u : units) {
                row(sheet, r++, text, null, u.code(), u.name(), names.getOrDefault(u.category(), u.category()),
                        u.parent() == null ? "" : u.parent());
            }
            // category by name from the 单位类别 sheet, parent by code from this sheet; other text is
            // accepted with a warning (a category may also be written by its code)
            list(sheet, 2, formula(RosterSheets.CATEGORIES, "B"));
            list(sheet, 3, formula(RosterSheets.UNITS, "A"));

            sheet = sheet(workbook, RosterSheets.CONTACTS, RosterSheets.CONTACT_COLUMNS, text, header);
            r = 1;
            if (template) {
                row(sheet, r++, text, example, "示例：单位", "cgz", "城关镇", "填报人", "张三", "13800000000",
                        "zhangsan@example.cn", "");
            }
            for (Contact c : contacts) {
                String ownerName = c.ownerKind() == Contact.OwnerKind.UNIT ? unitNames.get(c.ownerCode())
                        : departmentNames.get(c.ownerCode());
                row(sheet, r++, text, null, c.ownerKind().label, c.ownerCode(), ownerName, c.role().label, c.name(),
                        c.phone(), c.email(), c.username());
            }
            list(sheet, 0, Arrays.stream(Contact.OwnerKind.values()).map(k -> k.label).toArray(String[]::new));
            list(sheet, 3, Arrays.stream(Contact.Role.values()).map(k -> k.label).toArray(String[]::new));
            workbook.write(out);
        } finally {
            workbook.dispose();
            workbook.close();
        }
    }

    private static void readme(SXSSFWorkbook workbook, SafeText text) {
        Sheet sheet = workbook.createSheet(RosterSheets.README);
        String[] lines = {
            "被考核单位名册 / unit roster",
            "每个工作表一行一条，按“单位”表中的先后顺序排列单位（即考核办排定的顺序）。第一列以“示例”开头的行不导入。",
            "单位类别：编码（小写字母、数字、连字符）、名称。",
            "考核单位：编码、名称。",
            "单位：编码、名称、类别（类别名称或编码）、上级单位（上级单位的编码，可空）。",
            "联系人：类型（单位/考核单位）、所属编码、所属名称（仅供查看）、角色（填报人/单位负责人/审核人/联系人）、姓名、手机、邮箱、账号（可空，建账号时自动命名）。",
            "导入时先预览差异（新增、修改、停用），确认后才写入；缺少的工作表对应的内容保持不变。",
            "名册中有、而“单位”或“考核单位”表中没有的，导入后停用（不删除）；没有单位再使用的类别被删除。",
        };
        for (int i = 0; i < lines.length; i++) {
            text.set(sheet.createRow(i), 0, lines[i]);
        }
        sheet.setColumnWidth(0, 120 * 256);
    }

    private static SXSSFSheet sheet(SXSSFWorkbook workbook, String name, List<Column> columns, SafeText text,
                                    CellStyle header) {
        SXSSFSheet sheet = workbook.createSheet(name);
        Row row = sheet.createRow(0);
        for (int c = 0; c < columns.size(); c++) {
            text.set(row, c, columns.get(c).header, header);
            sheet.setColumnWidth(c, (columns.get(c) == Column.NAME || columns.get(c) == Column.OWNER_NAME ? 36 : 16) * 256);
        }
        sheet.createFreezePane(0, 1);
        return sheet;
    }

    private static void row(Sheet sheet, int r, SafeText text, CellStyle style, String... cells) {
        Row row = sheet.createRow(r);
        for (int c = 0; c < cells.length; c++) {
            text.set(row, c, cells[c], style);
        }
    }

    private static String formula(String sheet, String column) {
        return "'" + sheet + "'!$" + column + "$2:$" + column + "$" + LIST_ROWS;
    }

    private static void list(Sheet sheet, int column, String rangeFormula) {
        DataValidationHelper helper = sheet.getDataValidationHelper();
        add(sheet, helper.createFormulaListConstraint(rangeFormula), column);
    }

    private static void list(Sheet sheet, int column, String[] values) {
        DataValidationHelper helper = sheet.getDataValidationHelper();
        add(sheet, helper.createExplicitListConstraint(values), column);
    }

    private static void add(Sheet sheet, DataValidationConstraint constraint, int column) {
        DataValidation validation = sheet.getDataValidationHelper()
                .createValidation(constraint, new CellRangeAddressList(1, LIST_ROWS - 1, column, column));
        validation.setErrorStyle(DataValidation.ErrorStyle.WARNING);
        validation.setShowErrorBox(true);
        validation.setSuppressDropDownArrow(true);
        sheet.addValidationData(validation);
    }
}
