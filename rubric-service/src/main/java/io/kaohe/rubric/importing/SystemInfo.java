package io.kaohe.rubric.importing;

import io.kaohe.support.problems.Fault;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a system workbook says about itself: the 体系信息 sheet's code, name, source, year, categories, conversion
 * notes and the meaning of each 适用于 wording — and, from the indicator rows, which categories a 备注 cell names.
 */
final class SystemInfo {

    private final RosterNames names;
    private final List<Fault> faults;
    final Map<String, String> values = new HashMap<>();
    /** Each applicability wording, as written, with its categories; wordings met in 备注 are added once read. */
    final Map<String, List<String>> wordings = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();
    /** The 适用类别 row's categories; null when the sheet has none. */
    List<String> categories;

    SystemInfo(RosterNames names, List<Fault> faults) {
        this.names = names;
        this.faults = faults;
    }

    void row(String sheet, SheetRows.Row row) {
        String key = Cells.compact(row.get(1));
        String value = row.get(2).strip();
        switch (key) {
            case "编码", "名称", "来源", "年度" -> values.put(key, value);
            case "适用类别" -> categories = categories(value, ImportFaults.at(sheet, row.number(), 2), value);
            case "适用范围" -> wordings.put(value, categories(row.get(3), ImportFaults.at(sheet, row.number(), 3), row.get(3)));
            case "转换说明" -> notes.add(row.get(2));
            default -> {
                // other rows (a title, blank keys) carry nothing to import
            }
        }
    }

    /**
     * 适用于… (or a wording the 体系信息 sheet explains) gives the categories, added to appliesTo; anything else
     * in 备注 is a note, returned (null when none).
     */
    String applicability(String cell, List<String> appliesTo, String location) {
        if (cell.isBlank()) {
            return null;
        }
        List<String> lines = new ArrayList<>(List.of(cell.strip().split("\\r?\\n")));
        String first = Cells.compact(lines.get(0));
        List<String> known = null;
        for (Map.Entry<String, List<String>> w : wordings.entrySet()) {
            if (Cells.compact(w.getKey()).equals(first)) {
                known = w.getValue();
                break;
            }
        }
        if (known == null) {
            if (!first.startsWith("适用于")) {
                return cell.strip();
            }
            int before = faults.size();
            known = categories(first.substring("适用于".length()), location, first);
            if (faults.size() == before) {
                wordings.put(first, known);
            }
        }
        lines.remove(0);
        appliesTo.addAll(known);
        String rest = String.join("\n", lines).strip();
        return rest.isEmpty() ? null : rest;
    }

    private List<String> categories(String text, String location, String cell) {
        List<String> unknown = new ArrayList<>();
        List<String> found = names.categories(text, unknown);
        unknown.forEach(u -> faults.add(Fault.at(location, "rubric.import.category-unknown", u, cell)));
        return found;
    }
}
