package io.kaohe.rubric.importing;

import java.util.List;

/**
 * The roster workbook's layout, shared by the reader, the export and the template: one sheet per
 * part, a header row, then a row per entry in the office's order. A row whose first cell starts
 * with 示例 is the template's example and is never imported.
 */
final class RosterSheets {

    static final String CATEGORIES = "单位类别";
    static final String DEPARTMENTS = "考核单位";
    static final String UNITS = "单位";
    static final String CONTACTS = "联系人";
    static final String README = "说明";
    static final String EXAMPLE = "示例";

    /** A column: its header as written, other headers accepted for it, and whether it must be there. */
    enum Column {
        CODE("编码", true, "代码"),
        NAME("名称", true, "单位名称", "部门名称"),
        CATEGORY("类别", true, "单位类别"),
        PARENT("上级单位", false, "上级单位编码", "上级"),
        OWNER_KIND("类型", false, "所属类型"),
        OWNER("所属编码", true, "单位编码"),
        OWNER_NAME("所属名称", false),
        ROLE("角色", true, "职责"),
        PERSON("姓名", true),
        PHONE("手机", false, "电话", "联系电话", "手机号"),
        EMAIL("邮箱", false, "电子邮箱", "电子邮件"),
        USERNAME("账号", false, "用户名", "登录账号");

        final String header;
        final boolean required;
        final List<String> aliases;

        Column(String header, boolean required, String... aliases) {
            this.header = header;
            this.required = required;
            this.aliases = List.of(aliases);
        }

        boolean matches(String text) {
            String compact = Cells.compact(text);
            return header.equals(compact) || aliases.contains(compact);
        }
    }

    static final List<Column> CATEGORY_COLUMNS = List.of(Column.CODE, Column.NAME);
    static final List<Column> DEPARTMENT_COLUMNS = List.of(Column.CODE, Column.NAME);
    static final List<Column> UNIT_COLUMNS = List.of(Column.CODE, Column.NAME, Column.CATEGORY, Column.PARENT);
    static final List<Column> CONTACT_COLUMNS = List.of(Column.OWNER_KIND, Column.OWNER, Column.OWNER_NAME, Column.ROLE,
            Column.PERSON, Column.PHONE, Column.EMAIL, Column.USERNAME);

    static List<Column> columnsOf(String sheet) {
        return switch (sheet) {
            case CATEGORIES -> CATEGORY_COLUMNS;
            case DEPARTMENTS -> DEPARTMENT_COLUMNS;
            case UNITS -> UNIT_COLUMNS;
            case CONTACTS -> CONTACT_COLUMNS;
            default -> List.of();
        };
    }

    private RosterSheets() {
    }
}
