package io.kaohe.rubric.importing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaohe.contracts.rubric.IndicatorNode;
import io.kaohe.contracts.rubric.Judged;
import io.kaohe.contracts.rubric.RubricSnapshot;
import io.kaohe.contracts.rubric.ScoringRule;
import io.kaohe.support.problems.Fault;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Indicator systems in seed 004's layout: 序号 / 一级指标 / 二级指标 / 三级指标 / 考核内容 / 考核单位 /
 * 备注, points written "(4分)" inside the text, "适用于…" in 备注. Optional further columns 完成时限 /
 * 评分标准 / 认定依据 / 计分方法 (the typed rule as JSON) make an export lossless; an office's own
 * file without them reads every item as 根据完成情况计分 (judged) with its text as wording.
 *
 * <p>Reading accepts the office's own ways too: several items in one 考核内容 cell (one per line,
 * or "…(2分)；…(1分)"), merged or blank level cells meaning "as above", a per-category variant
 * of a 三级指标 starting where 备注 changes, header rows repeated on every page. A 体系信息 sheet
 * carries the system's code, year, title, categories, the meaning of each 适用于 wording and
 * the conversion notes.
 *
 * <p>This class reads; {@link SystemWorkbookWriter} writes the export in the same layout.
 */
final class SystemWorkbook {

    static final String INFO = "体系信息";
    static final String SHEET = "指标体系";
    private static final Pattern LEAF_CODE = Pattern.compile("\\d+(\\.\\d+){3}");

    enum Column {
        SEQ("序号"), L1("一级指标"), L2("二级指标"), L3("三级指标"), CONTENT("考核内容"), DEPARTMENTS("考核单位"),
        NOTE("备注"), DEADLINE("完成时限"), WORDING("评分标准"), EVIDENCE("认定依据"), RULE("计分方法");

        final String header;

        Column(String header) {
            this.header = header;
        }
    }

    private static final List<Column> REQUIRED = List.of(Column.L1, Column.L2, Column.L3, Column.CONTENT,
            Column.DEPARTMENTS);
    private static final Column[] LEVELS = {Column.L1, Column.L2, Column.L3};

    private SystemWorkbook() {
    }

    /** The system's header when the workbook has no 体系信息 sheet (or to override it). */
    record Header(String code, Integer year, String title) {
    }

    /** A read system, or every fault found (then nothing may be written). */
    record Result(RubricSnapshot snapshot, List<Fault> faults) {
    }

    static Result read(Path file, RosterNames names, ObjectMapper json, Header given) throws SheetRows.NotAWorkbook {
        Reader reader = new Reader(names, json);
        SheetRows.read(file, reader.infoPass());
        SheetRows.read(file, reader.indicatorPass());
        return reader.finish(given);
    }

    private static final class Reader {
        private final RosterNames names;
        private final ObjectMapper json;
        private final List<Fault> faults = new ArrayList<>();
        private final SystemInfo info;
        private String sheet;
        private Map<Column, Integer> columns;
        private int headerRow;
        private boolean sheetHasRows;
        private Boolean explicit;
        private final List<IndicatorDraft> roots = new ArrayList<>();
        private final IndicatorDraft[] current = new IndicatorDraft[3];
        private final Map<String, Integer> codes = new HashMap<>();
        private int dataRows;
        private List<String> lastDepartments = List.of();

        Reader(RosterNames names, ObjectMapper json) {
            this.names = names;
            this.json = json;
            this.info = new SystemInfo(names, faults);
        }

        SheetRows.Visitor infoPass() {
            return SheetRows.pass(name -> INFO.equals(name.strip()), name -> sheet = name, row -> info.row(sheet, row), () -> { });
        }

        SheetRows.Visitor indicatorPass() {
            return SheetRows.pass(name -> !INFO.equals(name.strip()), name -> {
                sheet = name;
                columns = null;
                sheetHasRows = false;
            }, row -> {
                sheetHasRows = true;
                indicatorRow(row);
            }, () -> {
                if (columns == null && sheetHasRows) {
                    faults.add(Fault.at(sheet + "!R1", "rubric.import.no-header", headers(REQUIRED)));
                }
            });
        }

        /** Faults of one row are reported in the order of its columns. */
        private void indicatorRow(SheetRows.Row row) {
            int start = faults.size();
            try {
                readIndicatorRow(row);
            } finally {
                faults.subList(start, faults.size()).sort(java.util.Comparator.comparingInt(f -> column(f.location())));
            }
        }

        private static int column(String location) {
            int c = location.lastIndexOf(":C");
            return c < 0 ? 0 : Integer.parseInt(location.substring(c + 2));
        }

        private void readIndicatorRow(SheetRows.Row row) {
            if (columns == null) {
                Map<String, Integer> byHeader = new HashMap<>();
                row.cells().forEach((col, text) -> byHeader.putIfAbsent(Cells.compact(text), col));
                if (byHeader.containsKey(Column.L1.header) || byHeader.containsKey(Column.CONTENT.header)) {
                    headerRow = row.number();
                    columns = new EnumMap<>(Column.class);
                    for (Column c : Column.values()) {
                        if (byHeader.containsKey(c.header)) {
                            columns.put(c, byHeader.get(c.header));
                        }
                    }
                    for (Column c : REQUIRED) {
                        if (!columns.containsKey(c)) {
                            faults.add(Fault.at(at(row.number(), null), "rubric.import.column-missing", c.header));
                        }
                    }
                }
                // rows above the header (a title) are not data
                return;
            }
            if (!REQUIRED.stream().allMatch(columns::containsKey)) {
                return;
            }
            if (Column.L1.header.equals(Cells.compact(row.get(columns.get(Column.L1))))) {
                return; // the header repeated on a new page
            }
            dataRows++;
            String seq = Cells.compact(row.get(columns.get(Column.SEQ)));
            if (explicit == null) {
                explicit = LEAF_CODE.matcher(seq).matches();
            }
            if (explicit && !LEAF_CODE.matcher(seq).matches()) {
                faults.add(Fault.at(at(row.number(), columns.get(Column.SEQ)), "rubric.import.code-invalid", seq));
                return;
            }
            // Applicability and note from 备注.
            String noteCell = row.get(columns.get(Column.NOTE));
            List<String> appliesTo = new ArrayList<>();
            String note = info.applicability(noteCell, appliesTo, at(row.number(), columns.get(Column.NOTE)));

            IndicatorDraft indicator = readLevels(row, seq, appliesTo);
            if (indicator != null) {
                readItems(row, indicator, seq, appliesTo, note);
            }
        }

        /** The row's three level cells: the 三级指标 it belongs to (new or continued), or null after a fault. */
        private IndicatorDraft readLevels(SheetRows.Row row, String seq, List<String> appliesTo) {
            String appliesKey = String.join(",", appliesTo);
            IndicatorDraft parent = null;
            boolean parentContinues = true;
            for (int k = 0; k < 3; k++) {
                Integer col = columns.get(LEVELS[k]);
                String raw = row.get(col).strip();
                IndicatorDraft cur = current[k];
                String text;
                if (raw.isEmpty()) {
                    if (cur == null || !parentContinues) {
                        faults.add(Fault.at(at(row.number(), col), "rubric.import.level-missing", LEVELS[k].header));
                        return null;
                    }
                    text = cur.label;
                } else {
                    text = raw;
                }
                String code = explicit ? prefix(seq, k + 1) : null;
                boolean continues;
                // The same indicator written with other points for other categories ("政治建设 (35分)" for
                // townships, "(30分)" for departments) is one node with points per category.
                Cells.Label otherPoints = raw.isEmpty() || cur == null ? null : otherPoints(cur, text, appliesTo);
                if (explicit) {
                    continues = cur != null && cur.code.equals(code);
                    if (continues && !Cells.compact(cur.label).equals(Cells.compact(text)) && otherPoints == null) {
                        faults.add(Fault.at(at(row.number(), col), "rubric.import.label-inconsistent", LEVELS[k].header,
                                text, cur.label, cur.row));
                        return null;
                    }
                } else {
                    continues = cur != null && parentContinues
                            && (Cells.compact(cur.label).equals(Cells.compact(text)) || k < 2 && otherPoints != null)
                            && (k < 2 || cur.appliesKey.equals(appliesKey));
                }
                if (continues && !raw.isEmpty()) {
                    cur.record(appliesTo, otherPoints != null ? otherPoints.points() : cur.points);
                }
                if (!continues) {
                    Optional<Cells.Label> label = Cells.label(text);
                    if (label.isEmpty()) {
                        faults.add(Fault.at(at(row.number(), col), "rubric.import.points-missing", text));
                        return null;
                    }
                    if (label.get().points() == null) {
                        faults.add(Fault.at(at(row.number(), col), "rubric.import.points-unparseable", text));
                        return null;
                    }
                    IndicatorDraft node = new IndicatorDraft();
                    node.label = text;
                    node.title = label.get().title();
                    node.points = label.get().points();
                    node.appliesKey = appliesKey;
                    node.row = row.number();
                    node.record(appliesTo, node.points);
                    List<IndicatorDraft> siblings = parent == null ? roots : parent.children;
                    node.code = explicit ? code : (parent == null ? "" : parent.code + ".") + (siblings.size() + 1);
                    if (!claim(node.code, row.number(), columns.get(Column.SEQ))) {
                        return null;
                    }
                    siblings.add(node);
                    current[k] = node;
                    for (int j = k + 1; j < 3; j++) {
                        current[j] = null;
                    }
                    if (k < 2 || !raw.isEmpty()) {
                        // a new indicator: a blank 考核单位 no longer means the one above
                        lastDepartments = List.of();
                    }
                    cur = node;
                }
                parentContinues = continues;
                parent = cur;
            }
            return current[2];
        }

        /** The items of the row's 考核内容 cell, added to their indicator. */
        private void readItems(SheetRows.Row row, IndicatorDraft indicator, String seq, List<String> appliesTo, String note) {
            Integer contentCol = columns.get(Column.CONTENT);
            List<String> items = items(row.get(contentCol));
            if (items.isEmpty()) {
                faults.add(Fault.at(at(row.number(), contentCol), "rubric.import.item-missing"));
                return;
            }
            if (explicit && items.size() > 1) {
                faults.add(Fault.at(at(row.number(), contentCol), "rubric.import.several-items-one-code", seq));
                return;
            }
            String departmentsCell = row.get(columns.get(Column.DEPARTMENTS));
            List<String> departments;
            if (departmentsCell.isBlank()) {
                departments = lastDepartments; // a merged cell: the department above
            } else {
                List<String> unknown = new ArrayList<>();
                departments = names.departments(departmentsCell, unknown);
                unknown.forEach(u -> faults.add(Fault.at(at(row.number(), columns.get(Column.DEPARTMENTS)),
                        "rubric.import.department-unknown", u)));
                lastDepartments = departments;
            }
            String wording = Cells.blankToNull(row.get(columns.get(Column.WORDING)));
            String ruleCell = row.get(columns.get(Column.RULE)).strip();
            for (String item : items) {
                Optional<Cells.Label> label = Cells.label(item);
                if (label.isEmpty()) {
                    faults.add(Fault.at(at(row.number(), contentCol), "rubric.import.points-missing", item));
                    continue;
                }
                if (label.get().points() == null) {
                    faults.add(Fault.at(at(row.number(), contentCol), "rubric.import.points-unparseable", item));
                    continue;
                }
                IndicatorDraft leaf = new IndicatorDraft();
                leaf.label = item;
                leaf.title = label.get().title();
                leaf.points = label.get().points();
                leaf.description = item;
                leaf.appliesTo = List.copyOf(appliesTo);
                leaf.departments = departments;
                leaf.deadline = Cells.blankToNull(row.get(columns.get(Column.DEADLINE)));
                leaf.evidence = Cells.blankToNull(row.get(columns.get(Column.EVIDENCE)));
                leaf.note = note;
                leaf.row = row.number();
                leaf.rule = rule(ruleCell, wording != null ? wording : leaf.title, row.number());
                leaf.code = explicit ? seq : indicator.code + "." + (indicator.children.size() + 1);
                if (claim(leaf.code, row.number(), columns.get(Column.SEQ))) {
                    indicator.children.add(leaf);
                }
            }
        }

        /**
         * The label's title and points when it names the current indicator with other points that a row
         * for these (specific) categories may give it; null otherwise.
         */
        private static Cells.Label otherPoints(IndicatorDraft cur, String text, List<String> categories) {
            Optional<Cells.Label> label = Cells.label(text);
            if (label.isEmpty() || label.get().points() == null || categories.isEmpty()
                    || !Cells.compact(label.get().title()).equals(Cells.compact(cur.title))
                    || label.get().points().compareTo(cur.points) == 0 || !cur.accepts(categories, label.get().points())) {
                return null;
            }
            return label.get();
        }

        private ScoringRule rule(String ruleCell, String wording, int rowNumber) {
            if (ruleCell.isEmpty()) {
                return new Judged(wording);
            }
            try {
                return RuleCells.read(ruleCell, wording, json);
            } catch (RuleCells.Unreadable e) {
                faults.add(Fault.at(at(rowNumber, columns.get(Column.RULE)), "rubric.import.rule-unreadable",
                        ruleCell, e.getMessage()));
                return null;
            }
        }

        private boolean claim(String code, int rowNumber, Integer col) {
            Integer first = codes.putIfAbsent(code, rowNumber);
            if (first != null) {
                faults.add(Fault.at(at(rowNumber, col), "rubric.import.code-duplicate", code, first));
                return false;
            }
            return true;
        }

        private String at(int row, Integer col) {
            return ImportFaults.at(sheet, row, col);
        }

        Result finish(Header given) {
            ImportHeader header = ImportHeader.of(given.code(), given.year(), given.title(), info.values, INFO, faults);
            if (dataRows == 0 && faults.isEmpty()) {
                faults.add(Fault.at(sheet == null ? SHEET : sheet, "rubric.import.empty"));
            }
            if (!faults.isEmpty()) {
                return new Result(null, List.copyOf(faults));
            }
            List<String> categories = info.categories;
            if (categories == null) {
                Set<String> used = new LinkedHashSet<>();
                IndicatorDraft.collectCategories(roots, used);
                categories = names.roster().categories().stream().map(c -> c.code()).filter(used::contains).toList();
            }
            List<String> systemCategories = categories;
            List<IndicatorNode> built = roots.stream().map(n -> n.build(systemCategories)).toList();
            return new Result(new RubricSnapshot(header.code(), header.year(), header.title(),
                    Cells.blankToNull(info.values.get("来源")), categories,
                    info.wordings, info.notes, built), List.of());
        }
    }

    /** The items of a 考核内容 cell: one per line, or several on a line separated after their points. */
    static List<String> items(String cell) {
        List<String> items = new ArrayList<>();
        for (String line : cell.split("\\r?\\n")) {
            for (String piece : line.split("(?<=分\\s?[)）])\\s*[;；]\\s*(?=\\S)")) {
                String item = piece.strip();
                if (!item.isEmpty()) {
                    items.add(item);
                }
            }
        }
        return items;
    }

    private static String prefix(String code, int segments) {
        String[] parts = code.split("\\.");
        return String.join(".", java.util.Arrays.copyOf(parts, segments));
    }

    private static String headers(List<Column> columns) {
        return String.join(" / ", columns.stream().map(c -> c.header).toList());
    }
}
