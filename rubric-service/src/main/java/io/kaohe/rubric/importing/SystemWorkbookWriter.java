package io.kaohe.rubric.importing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaohe.contracts.rubric.IndicatorNode;
import io.kaohe.contracts.rubric.RubricSnapshot;
import io.kaohe.rubric.importing.SystemWorkbook.Column;
import io.kaohe.rubric.roster.RosterView;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes an indicator system as a {@link SystemWorkbook} (the export): a 体系信息 sheet with the system's
 * header, categories, 适用于 wordings and conversion notes, and one row per item with every optional column
 * filled, so that export → edit → import changes only what was edited.
 */
final class SystemWorkbookWriter {

    private SystemWorkbookWriter() {
    }

    /**
     * Whether the tree fits the layout: 一级/二级/三级指标 and items below, nothing deeper or shallower;
     * and every row can write its indicators' points as one number: an item's own points are the same
     * in every category, and an indicator with points per category has them equal across each of its
     * items' categories.
     */
    static boolean fits(RubricSnapshot snapshot) {
        return snapshot.roots().stream().allMatch(r -> depthIs(r, 4) && rowsHaveOnePoints(r, List.of()));
    }

    private static boolean rowsHaveOnePoints(IndicatorNode node, List<IndicatorNode> ancestors) {
        if (node.isLeaf()) {
            if (!node.pointsByCategory().isEmpty()) {
                return false;
            }
            for (IndicatorNode a : ancestors) {
                if (a.pointsByCategory().isEmpty()) {
                    continue;
                }
                if (node.appliesTo().isEmpty()) {
                    return false;
                }
                BigDecimal first = a.pointsFor(node.appliesTo().get(0));
                if (node.appliesTo().stream().anyMatch(c -> a.pointsFor(c).compareTo(first) != 0)) {
                    return false;
                }
            }
            return true;
        }
        List<IndicatorNode> path = new ArrayList<>(ancestors);
        path.add(node);
        return node.children().stream().allMatch(c -> rowsHaveOnePoints(c, path));
    }

    private static boolean depthIs(IndicatorNode node, int levels) {
        if (levels == 1) {
            return node.isLeaf();
        }
        return !node.isLeaf() && node.children().stream().allMatch(c -> depthIs(c, levels - 1));
    }

    static void write(RubricSnapshot s, RosterView roster, ObjectMapper json, OutputStream out) throws IOException {
        SXSSFWorkbook workbook = new SXSSFWorkbook(200);
        try {
            SafeText text = new SafeText(workbook);
            CellStyle wrap = workbook.createCellStyle();
            wrap.setWrapText(true);
            Sheet info = workbook.createSheet(SystemWorkbook.INFO);
            int r = ImportHeader.write(text, info, s.code(), s.year(), s.title(), s.source());
            text.row(info, r++, "适用类别", String.join("、", s.categories()));
            for (Map.Entry<String, List<String>> w : new java.util.TreeMap<>(s.applicabilityWordings()).entrySet()) {
                text.row(info, r++, "适用范围", w.getKey(), String.join("、", w.getValue()));
            }
            for (String note : s.conversionNotes()) {
                text.row(info, r++, "转换说明", note);
            }

            Sheet sheet = workbook.createSheet(SystemWorkbook.SHEET);
            Row header = sheet.createRow(0);
            Column[] order = Column.values();
            for (int c = 0; c < order.length; c++) {
                text.set(header, c, order[c].header);
            }
            int[] next = {1};
            for (IndicatorNode l1 : s.roots()) {
                for (IndicatorNode l2 : l1.children()) {
                    for (IndicatorNode l3 : l2.children()) {
                        for (IndicatorNode leaf : l3.children()) {
                            Row row = sheet.createRow(next[0]++);
                            // an indicator worth other points in other categories is written with the
                            // points of the row's categories (fits() made sure they are one number)
                            String category = leaf.appliesTo().isEmpty() ? null : leaf.appliesTo().get(0);
                            text.set(row, 0, leaf.code());
                            text.set(row, 1, label(l1, category));
                            text.set(row, 2, label(l2, category));
                            text.set(row, 3, label(l3, category));
                            text.set(row, 4, leaf.description() != null && !leaf.description().isBlank()
                                    ? leaf.description() : label(leaf, category), wrap);
                            text.set(row, 5, String.join("、", leaf.assessingDepartments().stream()
                                    .map(d -> roster.department(d).map(x -> x.name()).orElse(d)).toList()));
                            text.set(row, 6, note(leaf, s));
                            text.set(row, 7, leaf.deadline() == null ? "" : leaf.deadline());
                            text.set(row, 8, leaf.rule() == null || leaf.rule().wording() == null
                                    ? "" : leaf.rule().wording());
                            text.set(row, 9, leaf.acceptedEvidence() == null ? "" : leaf.acceptedEvidence());
                            text.set(row, 10, RuleCells.write(leaf.rule(), json));
                        }
                    }
                }
            }
            sheet.setColumnWidth(4, 80 * 256);
            workbook.write(out);
        } finally {
            workbook.dispose();
            workbook.close();
        }
    }

    private static String label(IndicatorNode node, String category) {
        return node.title() + "(" + Cells.plain(node.pointsFor(category)) + "分)";
    }

    /** The 适用于 wording the system already uses for these categories, else one naming them. */
    private static String note(IndicatorNode leaf, RubricSnapshot s) {
        String applicability = "";
        if (!leaf.appliesTo().isEmpty()) {
            Set<String> wanted = new HashSet<>(leaf.appliesTo());
            applicability = s.applicabilityWordings().entrySet().stream()
                    .filter(e -> new HashSet<>(e.getValue()).equals(wanted))
                    .map(Map.Entry::getKey)
                    .min(Comparator.comparing(String::length).thenComparing(Comparator.naturalOrder()))
                    .orElse("适用于" + String.join("、", leaf.appliesTo()));
        }
        if (leaf.note() == null || leaf.note().isBlank()) {
            return applicability;
        }
        return applicability.isEmpty() ? leaf.note() : applicability + "\n" + leaf.note();
    }
}
