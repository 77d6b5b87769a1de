package io.kaohe.rubric.importing;

import io.kaohe.rubric.importing.RosterSheets.Column;
import io.kaohe.support.problems.CappedFaults;
import io.kaohe.rubric.roster.AssessingDepartment;
import io.kaohe.rubric.roster.Contact;
import io.kaohe.rubric.roster.RosterDocument;
import io.kaohe.rubric.roster.Unit;
import io.kaohe.rubric.roster.UnitCategory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a roster workbook (sheets 单位类别, 考核单位, 单位, 联系人; see {@link RosterSheets}) whole and
 * checks every row before anything is written: each fault is located by sheet, row and column
 * ("单位!R12:C3"). References go to the workbook's own sheets where it has them (a unit's category
 * may be one the same file adds), else to the roster as it is. A sheet left out is not part of the
 * document (that part of the roster stays as it is).
 */
final class RosterWorkbook {

    /** Rows beyond this in one sheet are not read: the file is refused with one fault saying so. */
    static final int MAX_ROWS = 20_000;

    private static final Pattern CODE = Pattern.compile(io.kaohe.contracts.InputLimits.ROSTER_CODE_PATTERN);
    private static final Pattern PHONE = Pattern.compile("[0-9+()\\-\\s转]{5,40}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{2,99}");

    /** The document read, or null when there are faults (then nothing may be written). */
    record Result(RosterDocument document, CappedFaults faults) {
    }

    /** One sheet's rows below its header, with where each column is. */
    private static final class SheetData {
        String name;
        Map<Column, Integer> columns;
        int headerRow;
        final List<SheetRows.Row> rows = new ArrayList<>();
        int rowsBeyondLimit;

        String get(SheetRows.Row row, Column column) {
            Integer at = columns.get(column);
            return at == null ? "" : row.get(at).strip();
        }
    }

    private final CappedFaults faults = new CappedFaults();
    private final Map<String, SheetData> sheets = new LinkedHashMap<>();
    private final RosterDocument current;

    private RosterWorkbook(RosterDocument current) {
        this.current = current;
    }

    static Result read(Path file, RosterDocument current) throws SheetRows.NotAWorkbook {
        RosterWorkbook reader = new RosterWorkbook(current);
        SheetRows.read(file, reader.collector());
        return reader.check();
    }

    private SheetRows.Visitor collector() {
        return new SheetRows.Visitor() {
            private SheetData sheet;

            @Override
            public boolean wants(String name) {
                return !RosterSheets.columnsOf(Cells.compact(name)).isEmpty();
            }

            @Override
            public void sheet(String name) {
                sheet = new SheetData();
                sheet.name = name;
                sheets.putIfAbsent(Cells.compact(name), sheet);
            }

            @Override
            public void row(SheetRows.Row row) {
                List<Column> expected = RosterSheets.columnsOf(Cells.compact(sheet.name));
                if (sheet.columns == null) {
                    header(sheet, expected, row);
                } else if (!row.get(1).strip().startsWith(RosterSheets.EXAMPLE) && !row.isBlank()) {
                    if (sheet.rows.size() < MAX_ROWS) {
                        sheet.rows.add(row);
                    } else {
                        sheet.rowsBeyondLimit++;
                    }
                }
            }

            @Override
            public void endSheet() {
            }
        };
    }

    /** The first row naming at least two of the sheet's columns is its header; rows above it are a title. */
    private void header(SheetData sheet, List<Column> expected, SheetRows.Row row) {
        Map<Column, Integer> found = new EnumMap<>(Column.class);
        row.cells().forEach((col, text) -> {
            for (Column c : expected) {
                if (c.matches(text) && !found.containsKey(c)) {
                    found.put(c, col);
                }
            }
        });
        if (found.size() < 2) {
            return;
        }
        sheet.columns = found;
        sheet.headerRow = row.number();
        for (Column c : expected) {
            if (c.required && !found.containsKey(c)) {
                faults.add(ImportFaults.at(sheet.name, row.number(), null), "rubric.import.column-missing", c.header);
            }
        }
    }

    private Result check() {
        if (sheets.isEmpty()) {
            faults.add("file", "rubric.roster.import.no-sheets", String.join("、", RosterSheets.CATEGORIES,
                    RosterSheets.DEPARTMENTS, RosterSheets.UNITS, RosterSheets.CONTACTS));
            return new Result(null, faults);
        }
        Set<RosterDocument.Part> parts = EnumSet.noneOf(RosterDocument.Part.class);
        for (SheetData sheet : sheets.values()) {
            if (sheet.columns == null) {
                faults.add(ImportFaults.at(sheet.name, 1, null), "rubric.import.no-header",
                        String.join(" / ", RosterSheets.columnsOf(Cells.compact(sheet.name)).stream()
                                .filter(c -> c.required).map(c -> c.header).toList()));
            } else if (sheet.rowsBeyondLimit > 0) {
                faults.add(ImportFaults.at(sheet.name, sheet.headerRow + MAX_ROWS + 1, null),
                        "rubric.roster.import.too-many-rows", sheet.rows.size() + sheet.rowsBeyondLimit, MAX_ROWS);
            }
        }
        if (!faults.isEmpty()) {
            return new Result(null, faults);
        }
        List<UnitCategory> categories = current.categories();
        if (sheets.containsKey(RosterSheets.CATEGORIES)) {
            categories = codesAndNames(sheets.get(RosterSheets.CATEGORIES), UnitCategory::new);
            parts.add(RosterDocument.Part.CATEGORIES);
        }
        List<AssessingDepartment> departments = current.departments().stream().filter(AssessingDepartment::active).toList();
        if (sheets.containsKey(RosterSheets.DEPARTMENTS)) {
            departments = codesAndNames(sheets.get(RosterSheets.DEPARTMENTS), AssessingDepartment::new);
            parts.add(RosterDocument.Part.DEPARTMENTS);
        }
        List<Unit> units = current.units().stream().filter(Unit::active).toList();
        if (sheets.containsKey(RosterSheets.UNITS)) {
            units = units(sheets.get(RosterSheets.UNITS), categories);
            parts.add(RosterDocument.Part.UNITS);
        }
        List<Contact> contacts = List.of();
        if (sheets.containsKey(RosterSheets.CONTACTS)) {
            contacts = contacts(sheets.get(RosterSheets.CONTACTS), units, departments);
            parts.add(RosterDocument.Part.CONTACTS);
        }
        if (!faults.isEmpty()) {
            return new Result(null, faults);
        }
        return new Result(new RosterDocument(categories, departments, units, contacts, parts), faults);
    }

    private interface Entry<T> {
        T of(String code, String name);
    }

    /** 单位类别 and 考核单位: a code and a name per row, both unique in the sheet. */
    private <T> List<T> codesAndNames(SheetData sheet, Entry<T> entry) {
        List<T> entries = new ArrayList<>();
        Map<String, Integer> codes = new HashMap<>();
        Map<String, Integer> names = new HashMap<>();
        for (SheetRows.Row row : sheet.rows) {
            String code = code(sheet, row, codes);
            String name = name(sheet, row, Column.NAME);
            if (name != null) {
                Integer first = names.putIfAbsent(Cells.compact(name), row.number());
                if (first != null) {
                    faults.add(at(sheet, row, Column.NAME), "rubric.roster.import.name-duplicate", name, first);
                }
            }
            if (code != null && name != null) {
                entries.add(entry.of(code, name));
            }
        }
        return entries;
    }

    private List<Unit> units(SheetData sheet, List<UnitCategory> categories) {
        Map<String, String> categoryByText = new HashMap<>();
        categories.forEach(c -> {
            categoryByText.put(c.code(), c.code());
            categoryByText.putIfAbsent(Cells.compact(c.name()), c.code());
        });
        Map<String, Integer> codes = new HashMap<>();
        List<Unit> units = new ArrayList<>();
        Map<String, SheetRows.Row> rowOf = new HashMap<>();
        Set<String> listed = new HashSet<>();
        sheet.rows.forEach(r -> listed.add(sheet.get(r, Column.CODE)));
        for (SheetRows.Row row : sheet.rows) {
            String code = code(sheet, row, codes);
            String name = name(sheet, row, Column.NAME);
            String categoryText = sheet.get(row, Column.CATEGORY);
            String category = null;
            if (categoryText.isEmpty()) {
                faults.add(at(sheet, row, Column.CATEGORY), "rubric.roster.category.missing");
            } else {
                category = categoryByText.get(categoryText);
                if (category == null) {
                    category = categoryByText.get(Cells.compact(categoryText));
                }
                if (category == null) {
                    faults.add(at(sheet, row, Column.CATEGORY), "rubric.roster.import.category-unknown", categoryText);
                }
            }
            String parent = Cells.blankToNull(sheet.get(row, Column.PARENT));
            if (parent != null && parent.equals(code)) {
                faults.add(at(sheet, row, Column.PARENT), "rubric.roster.unit.parent-cycle", parent);
                parent = null;
            } else if (parent != null && !listed.contains(parent)) {
                faults.add(at(sheet, row, Column.PARENT), "rubric.roster.import.parent-unknown", parent);
                parent = null;
            }
            if (code != null && name != null && category != null) {
                units.add(new Unit(code, name, category, parent, true));
                rowOf.put(code, row);
            }
        }
        // a chain of parents that comes back to where it started is a fault on each of its rows
        Map<String, String> parents = new HashMap<>();
        units.forEach(u -> parents.put(u.code(), u.parent()));
        for (Unit unit : units) {
            Set<String> seen = new HashSet<>();
            String up = unit.parent();
            while (up != null && seen.add(up) && !up.equals(unit.code())) {
                up = parents.get(up);
            }
            if (unit.code().equals(up)) {
                faults.add(at(sheet, rowOf.get(unit.code()), Column.PARENT), "rubric.roster.unit.parent-cycle", unit.parent());
            }
        }
        return units;
    }

    private List<Contact> contacts(SheetData sheet, List<Unit> units, List<AssessingDepartment> departments) {
        Set<String> unitCodes = new HashSet<>();
        units.forEach(u -> unitCodes.add(u.code()));
        Set<String> departmentCodes = new HashSet<>();
        departments.forEach(d -> departmentCodes.add(d.code()));
        Map<String, Integer> keys = new HashMap<>();
        Map<String, Integer> usernames = new HashMap<>();
        List<Contact> contacts = new ArrayList<>();
        for (SheetRows.Row row : sheet.rows) {
            String owner = sheet.get(row, Column.OWNER);
            String kindText = sheet.get(row, Column.OWNER_KIND);
            Contact.OwnerKind kind = null;
            if (owner.isEmpty()) {
                faults.add(at(sheet, row, Column.OWNER), "rubric.roster.import.owner-missing");
            } else if (!kindText.isEmpty()) {
                kind = ownerKind(kindText);
                if (kind == null) {
                    faults.add(at(sheet, row, Column.OWNER_KIND), "rubric.roster.import.owner-kind-invalid", kindText);
                } else if (!(kind == Contact.OwnerKind.UNIT ? unitCodes : departmentCodes).contains(owner)) {
                    faults.add(at(sheet, row, Column.OWNER), "rubric.roster.import.owner-unknown", owner, kind.label);
                    kind = null;
                }
            } else if (unitCodes.contains(owner)) {
                kind = Contact.OwnerKind.UNIT;
            } else if (departmentCodes.contains(owner)) {
                kind = Contact.OwnerKind.DEPARTMENT;
            } else {
                faults.add(at(sheet, row, Column.OWNER), "rubric.roster.import.owner-unknown", owner, "单位/考核单位");
            }
            String roleText = sheet.get(row, Column.ROLE);
            Contact.Role role = role(roleText);
            if (role == null) {
                faults.add(at(sheet, row, Column.ROLE), "rubric.roster.import.role-invalid", roleText);
            } else if (kind != null && !role.fits(kind)) {
                faults.add(at(sheet, row, Column.ROLE), "rubric.roster.import.role-not-for-owner", role.label, kind.label);
                role = null;
            }
            String person = name(sheet, row, Column.PERSON);
            String phone = Cells.blankToNull(sheet.get(row, Column.PHONE));
            if (phone != null && !PHONE.matcher(phone).matches()) {
                faults.add(at(sheet, row, Column.PHONE), "rubric.roster.import.phone-invalid", phone);
            }
            String email = Cells.blankToNull(sheet.get(row, Column.EMAIL));
            if (email != null && (!EMAIL.matcher(email).matches() || email.length() > 200)) {
                faults.add(at(sheet, row, Column.EMAIL), "rubric.roster.import.email-invalid", email);
            }
            String username = Cells.blankToNull(sheet.get(row, Column.USERNAME));
            if (username != null) {
                if (!USERNAME.matcher(username).matches()) {
                    faults.add(at(sheet, row, Column.USERNAME), "rubric.roster.import.username-invalid", username);
                } else {
                    Integer first = usernames.putIfAbsent(username, row.number());
                    if (first != null) {
                        faults.add(at(sheet, row, Column.USERNAME), "rubric.roster.import.username-duplicate", username, first);
                    }
                }
            }
            if (kind != null && role != null && person != null) {
                Contact contact = new Contact(kind, owner, role, person, phone, email, username);
                Integer first = keys.putIfAbsent(contact.key(), row.number());
                if (first != null) {
                    faults.add(at(sheet, row, Column.PERSON), "rubric.roster.import.contact-duplicate", person, first);
                } else {
                    contacts.add(contact);
                }
            }
        }
        return contacts;
    }

    static Contact.OwnerKind ownerKind(String text) {
        String t = Cells.compact(text);
        for (Contact.OwnerKind k : Contact.OwnerKind.values()) {
            if (k.label.equals(t) || k.name().equalsIgnoreCase(t)) {
                return k;
            }
        }
        return "被考核单位".equals(t) ? Contact.OwnerKind.UNIT : null;
    }

    static Contact.Role role(String text) {
        String t = Cells.compact(text);
        for (Contact.Role r : Contact.Role.values()) {
            if (r.label.equals(t) || r.name().equalsIgnoreCase(t)) {
                return r;
            }
        }
        return switch (t) {
            case "填报员" -> Contact.Role.REPORTER;
            case "负责人", "主要领导", "单位主要领导" -> Contact.Role.HEAD;
            case "审核员" -> Contact.Role.REVIEWER;
            default -> null;
        };
    }

    /** The row's code, checked (pattern, unique in the sheet); null when it is at fault. */
    private String code(SheetData sheet, SheetRows.Row row, Map<String, Integer> seen) {
        String code = sheet.get(row, Column.CODE);
        if (!CODE.matcher(code).matches()) {
            faults.add(at(sheet, row, Column.CODE), "rubric.roster.code.invalid", code);
            return null;
        }
        Integer first = seen.putIfAbsent(code, row.number());
        if (first != null) {
            faults.add(at(sheet, row, Column.CODE), "rubric.import.code-duplicate", code, first);
            return null;
        }
        return code;
    }

    private String name(SheetData sheet, SheetRows.Row row, Column column) {
        String name = sheet.get(row, column);
        if (name.isEmpty()) {
            faults.add(at(sheet, row, column), "rubric.roster.name.missing");
            return null;
        }
        if (name.length() > 200) {
            faults.add(at(sheet, row, column), "rubric.roster.name.too-long", 200);
            return null;
        }
        return name;
    }

    private static String at(SheetData sheet, SheetRows.Row row, Column column) {
        return ImportFaults.at(sheet.name, row.number(), sheet.columns.get(column));
    }
}
