package io.kaohe.rubric.importing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaohe.contracts.rubric.CommonTarget;
import io.kaohe.contracts.rubric.Judged;
import io.kaohe.contracts.rubric.ScoringRule;
import io.kaohe.contracts.rubric.TargetItem;
import io.kaohe.contracts.rubric.TargetSection;
import io.kaohe.contracts.rubric.UnitTargetList;
import io.kaohe.contracts.rubric.UnitTargets;
import io.kaohe.support.problems.Fault;
import io.kaohe.rubric.roster.RosterView;
import io.kaohe.rubric.roster.Unit;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Per-unit targets in seed 001's layout: a sheet per unit, headed "被考核单位：… 责任人：… 联系人：…
 * 电话：…", then 类别 / 序号 / 考核内容及目标任务 / 分值 / 完成时限 / 评分标准及认定依据 / 责任领导 /
 * 责任科室 / 具体责任人及电话 (and, for a lossless export, 计分方法: the typed rule as JSON). A 类别
 * cell ("职能职责（25分）") stands for the rows below it until the next. A unit sheet whose only row
 * says 同第一项 shares the first unit's items. A 目标信息 sheet carries code, year, title, the
 * sections, the common items and their lead departments, and the conversion notes; without it,
 * an item every unit has, whose 评分标准 names a department "牵头", is taken as common.
 *
 * <p>This class reads; {@link TargetsWorkbookWriter} writes the export in the same layout.
 */
final class TargetsWorkbook {

    static final String INFO = "目标信息";
    static final String SAME_AS_FIRST = "同第一项";

    enum Column {
        SECTION("类别"), SEQ("序号"), CONTENT("考核内容及目标任务"), POINTS("分值"), DEADLINE("完成时限"),
        WORDING("评分标准及认定依据"), LEADER("责任领导"), OFFICE("责任科室"), CONTACT("具体责任人及电话"), RULE("计分方法");

        final String header;

        Column(String header) {
            this.header = header;
        }
    }

    private static final List<Column> REQUIRED = List.of(Column.SECTION, Column.SEQ, Column.CONTENT, Column.POINTS);

    private TargetsWorkbook() {
    }

    record Header(String code, Integer year, String title, String assessingDepartment) {
    }

    record Result(UnitTargets targets, List<Fault> faults) {
    }

    static Result read(Path file, RosterNames names, ObjectMapper json, Header given) throws SheetRows.NotAWorkbook {
        Reader reader = new Reader(names, json);
        SheetRows.read(file, reader.infoPass());
        SheetRows.read(file, reader.unitPass());
        return reader.finish(given);
    }

    private static final class UnitSheet {
        String sheet;
        Unit unit;
        String unitName;
        String responsiblePerson;
        String contactPerson;
        String phone;
        boolean sameAsFirst;
        final List<TargetItem> items = new ArrayList<>();
        final List<Integer> rows = new ArrayList<>();
        int dataRows;
    }

    private static final class Reader {
        private final RosterNames names;
        private final ObjectMapper json;
        private final List<Fault> faults = new ArrayList<>();
        private final Map<String, String> info = new HashMap<>();
        private final Map<String, TargetSection> sectionsByTitle = new LinkedHashMap<>();
        private boolean sectionsFromInfo;
        private final List<CommonTarget> common = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private final List<UnitSheet> units = new ArrayList<>();
        private final Map<String, String> unitSheets = new HashMap<>();
        private String sheet;
        private UnitSheet current;
        private Map<Column, Integer> columns;
        private TargetSection section;
        private int sectionRow;

        Reader(RosterNames names, ObjectMapper json) {
            this.names = names;
            this.json = json;
        }

        SheetRows.Visitor infoPass() {
            return SheetRows.pass(name -> INFO.equals(name.strip()), name -> sheet = name, this::infoRow, () -> { });
        }

        SheetRows.Visitor unitPass() {
            return SheetRows.pass(name -> !INFO.equals(name.strip()), name -> {
                sheet = name;
                current = new UnitSheet();
                current.sheet = name;
                columns = null;
                section = null;
            }, this::unitRow, this::endUnitSheet);
        }

        private void infoRow(SheetRows.Row row) {
            String key = Cells.compact(row.get(1));
            switch (key) {
                case "编码", "名称", "来源", "年度", "考核单位" -> info.put(key, row.get(2).strip());
                case "分类" -> {
                    BigDecimal points = Cells.pointsOrNull(row.get(4));
                    if (points == null) {
                        faults.add(Fault.at(at(row.number(), 4), "rubric.import.points-unparseable", row.get(4)));
                    }
                    TargetSection s = new TargetSection(row.get(2).strip(), row.get(3).strip(), points);
                    sectionsByTitle.put(Cells.compact(s.title()), s);
                    sectionsFromInfo = true;
                }
                case "共同条目" -> {
                    BigDecimal points = Cells.pointsOrNull(row.get(3));
                    if (points == null) {
                        faults.add(Fault.at(at(row.number(), 3), "rubric.import.points-unparseable", row.get(3)));
                    }
                    String lead = names.department(row.get(5));
                    if (lead == null) {
                        faults.add(Fault.at(at(row.number(), 5), "rubric.import.department-unknown", row.get(5)));
                    }
                    common.add(new CommonTarget(row.get(2).strip(), points, row.get(4).strip(), lead,
                            Cells.blankToNull(row.get(6)), rule(row.get(8), row.get(7).strip(), row.number(), 8)));
                }
                case "转换说明" -> notes.add(row.get(2));
                default -> {
                }
            }
        }

        private void unitRow(SheetRows.Row row) {
            String text = row.joined();
            if (columns == null) {
                if (Cells.compact(text).contains("被考核单位")) {
                    unitHeader(row);
                    return;
                }
                Map<String, Integer> byHeader = new HashMap<>();
                row.cells().forEach((col, t) -> byHeader.putIfAbsent(Cells.compact(t), col));
                if (byHeader.containsKey(Column.SEQ.header)
                        && (byHeader.containsKey(Column.POINTS.header) || byHeader.containsKey(Column.CONTENT.header))) {
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
                    if (current.unitName == null) {
                        faults.add(Fault.at(at(row.number(), null), "rubric.import.unit-header-missing"));
                    }
                }
                return;
            }
            current.dataRows++;
            if (!REQUIRED.stream().allMatch(columns::containsKey)) {
                return;
            }
            Integer contentCol = columns.get(Column.CONTENT);
            String content = row.get(contentCol).strip();
            if (Cells.compact(content).equals(SAME_AS_FIRST)) {
                if (units.isEmpty() || !current.items.isEmpty() || current.sameAsFirst) {
                    faults.add(Fault.at(at(row.number(), contentCol), "rubric.import.same-as-first"));
                }
                current.sameAsFirst = true;
                current.rows.add(row.number());
                return;
            }
            if (current.sameAsFirst) {
                faults.add(Fault.at(at(row.number(), contentCol), "rubric.import.same-as-first"));
                return;
            }
            Integer sectionCol = columns.get(Column.SECTION);
            String sectionCell = row.get(sectionCol).strip();
            if (!sectionCell.isEmpty()) {
                Optional<Cells.Label> label = Cells.section(sectionCell);
                if (label.isEmpty() || label.get().points() == null) {
                    faults.add(Fault.at(at(row.number(), sectionCol), "rubric.import.section-unparseable", sectionCell));
                    return;
                }
                section = section(label.get(), row.number(), sectionCol);
                if (section == null) {
                    return;
                }
            } else if (section == null) {
                faults.add(Fault.at(at(row.number(), sectionCol), "rubric.import.section-missing"));
                return;
            }
            Integer seqCol = columns.get(Column.SEQ);
            String seqText = row.get(seqCol).strip();
            Integer seq = null;
            try {
                BigDecimal n = new BigDecimal(seqText);
                seq = n.stripTrailingZeros().scale() <= 0 ? n.intValueExact() : null;
            } catch (NumberFormatException | ArithmeticException e) {
                seq = null;
            }
            if (seq == null) {
                faults.add(Fault.at(at(row.number(), seqCol), "rubric.import.seq-invalid", seqText));
            }
            if (content.isEmpty()) {
                faults.add(Fault.at(at(row.number(), contentCol), "rubric.import.item-missing"));
            }
            Integer pointsCol = columns.get(Column.POINTS);
            String pointsText = row.get(pointsCol).strip();
            BigDecimal points = pointsText.isEmpty() ? null : Cells.pointsOrNull(pointsText);
            if (pointsText.isEmpty()) {
                faults.add(Fault.at(at(row.number(), pointsCol), "rubric.import.points-missing", content));
            } else if (points == null) {
                faults.add(Fault.at(at(row.number(), pointsCol), "rubric.import.points-unparseable", pointsText));
            }
            if (seq == null || content.isEmpty() || points == null) {
                return;
            }
            String wording = row.get(columns.get(Column.WORDING)).strip();
            ScoringRule rule = rule(row.get(columns.get(Column.RULE)), wording, row.number(), columns.get(Column.RULE));
            String[] contact = ContactCells.contact(row.get(columns.get(Column.CONTACT)));
            current.items.add(new TargetItem(seq, section.code(), content, points,
                    Cells.blankToNull(row.get(columns.get(Column.DEADLINE))), rule,
                    Cells.blankToNull(row.get(columns.get(Column.LEADER))),
                    Cells.blankToNull(row.get(columns.get(Column.OFFICE))), contact[0], contact[1], false));
            current.rows.add(row.number());
        }

        private void unitHeader(SheetRows.Row row) {
            String text = row.joined();
            Map<String, String> values = ContactCells.keyed(text, List.of("被考核单位", "责任人", "联系人", "电话", "单位编码"));
            current.unitName = Cells.blankToNull(values.get("被考核单位"));
            current.responsiblePerson = ContactCells.person(values.get("责任人"));
            current.contactPerson = ContactCells.person(values.get("联系人"));
            current.phone = Cells.blankToNull(values.get("电话") == null ? null
                    : values.get("电话").strip().replaceAll("[\\s\\u3000]+", "、"));
            String code = Cells.blankToNull(values.get("单位编码"));
            RosterView roster = names.roster();
            Optional<Unit> unit = code != null ? roster.unit(code) : roster.unitByCodeOrName(current.unitName);
            int col = row.cells().entrySet().stream().filter(e -> e.getValue().contains("被考核单位"))
                    .map(Map.Entry::getKey).findFirst().orElse(1);
            if (unit.isEmpty()) {
                faults.add(Fault.at(at(row.number(), col), "rubric.import.unit-unknown",
                        code != null ? code : current.unitName));
                return;
            }
            current.unit = unit.get();
            String previous = unitSheets.putIfAbsent(unit.get().code(), sheet);
            if (previous != null) {
                faults.add(Fault.at(at(row.number(), col), "rubric.import.unit-duplicate", unit.get().code(), previous));
            }
        }

        private void endUnitSheet() {
            if (current.unitName == null && columns == null) {
                faults.add(Fault.at(ImportFaults.at(sheet, 1, null), "rubric.import.unit-header-missing"));
                return;
            }
            if (columns != null && current.dataRows == 0) {
                faults.add(Fault.at(sheet, "rubric.import.empty"));
            }
            if (current.unit != null) {
                units.add(current);
            }
        }

        private TargetSection section(Cells.Label label, int row, int col) {
            String key = Cells.compact(label.title());
            TargetSection known = sectionsByTitle.get(key);
            if (known == null) {
                if (sectionsFromInfo) {
                    faults.add(Fault.at(at(row, col), "rubric.import.section-unknown", label.title()));
                    return null;
                }
                known = new TargetSection("S" + (sectionsByTitle.size() + 1), label.title(), label.points());
                sectionsByTitle.put(key, known);
                sectionRow = row;
                return known;
            }
            if (known.points() != null && known.points().compareTo(label.points()) != 0) {
                faults.add(Fault.at(at(row, col), "rubric.import.section-inconsistent", label.title(),
                        Cells.plain(label.points()), Cells.plain(known.points())));
                return null;
            }
            return known;
        }

        private ScoringRule rule(String ruleCell, String wording, int rowNumber, Integer col) {
            String cell = ruleCell == null ? "" : ruleCell.strip();
            if (cell.isEmpty()) {
                return wording.isEmpty() ? null : new Judged(wording);
            }
            try {
                return RuleCells.read(cell, wording, json);
            } catch (RuleCells.Unreadable e) {
                faults.add(Fault.at(at(rowNumber, col), "rubric.import.rule-unreadable", cell, e.getMessage()));
                return null;
            }
        }

        private String at(int row, Integer col) {
            return ImportFaults.at(sheet, row, col);
        }

        Result finish(Header given) {
            ImportHeader header = ImportHeader.of(given.code(), given.year(), given.title(), info, INFO, faults);
            String department = given.assessingDepartment() != null ? given.assessingDepartment() : info.get("考核单位");
            String departmentCode = null;
            if (department != null && !department.isBlank()) {
                departmentCode = names.department(department);
                if (departmentCode == null) {
                    faults.add(Fault.at(INFO, "rubric.import.department-unknown", department));
                }
            }
            if (units.isEmpty() && faults.isEmpty()) {
                faults.add(Fault.at(sheet == null ? INFO : sheet, "rubric.import.empty"));
            }
            if (!faults.isEmpty()) {
                return new Result(null, List.copyOf(faults));
            }
            List<CommonTarget> commonItems = common.isEmpty() ? detectCommon() : common;
            String first = units.get(0).unit.code();
            List<UnitTargetList> lists = new ArrayList<>();
            for (UnitSheet u : units) {
                List<TargetItem> items = u.items.stream().map(i -> markCommon(i, commonItems)).toList();
                lists.add(new UnitTargetList(u.unit.code(), u.unitName, u.responsiblePerson, u.contactPerson, u.phone,
                        u.sameAsFirst ? first : null, items));
            }
            return new Result(new UnitTargets(header.code(), header.year(), header.title(),
                    Cells.blankToNull(info.get("来源")), departmentCode,
                    List.copyOf(sectionsByTitle.values()), commonItems, notes, lists), List.of());
        }

        /** Without a 目标信息 sheet: an item every unit has alike, whose 评分标准 names a lead department ("…牵头"). */
        private List<CommonTarget> detectCommon() {
            List<UnitSheet> own = units.stream().filter(u -> !u.sameAsFirst).toList();
            if (own.size() < 2) {
                return List.of();
            }
            List<CommonTarget> found = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (TargetItem candidate : own.get(0).items) {
                String key = candidate.section() + "|" + candidate.content();
                if (!seen.add(key)) {
                    continue;
                }
                boolean everywhere = own.stream().allMatch(u -> u.items.stream().anyMatch(i ->
                        i.section().equals(candidate.section()) && i.content().equals(candidate.content())
                                && i.points().compareTo(candidate.points()) == 0));
                String wording = candidate.rule() == null ? "" : candidate.rule().wording();
                String lead = leadDepartment(wording);
                if (everywhere && lead != null) {
                    found.add(new CommonTarget(candidate.content(), candidate.points(), candidate.section(), lead,
                            candidate.deadline(), candidate.rule()));
                }
            }
            return found;
        }

        private String leadDepartment(String wording) {
            if (wording == null || !wording.contains("牵头")) {
                return null;
            }
            return names.roster().departments().stream()
                    .filter(d -> wording.contains(d.name() + "牵头"))
                    .map(d -> d.code()).findFirst().orElse(null);
        }

        private static TargetItem markCommon(TargetItem i, List<CommonTarget> commonItems) {
            boolean common = commonItems.stream().anyMatch(c -> c.title().equals(i.content())
                    && c.section().equals(i.section()));
            return new TargetItem(i.seq(), i.section(), i.content(), i.points(), i.deadline(), i.rule(),
                    i.responsibleLeader(), i.responsibleOffice(), i.contact(), i.phone(), common);
        }
    }
}
