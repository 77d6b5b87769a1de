package io.kaohe.scoring.scores;

import static io.kaohe.scoring.scores.DecisionWorkbook.DECISIONS;
import static io.kaohe.scoring.scores.DecisionWorkbook.DECISION_COLUMNS;
import static io.kaohe.scoring.scores.DecisionWorkbook.KIND_NAMES;
import static io.kaohe.scoring.scores.DecisionWorkbook.MAX_ROWS;
import static io.kaohe.scoring.scores.DecisionWorkbook.MEASURED;
import static io.kaohe.scoring.scores.DecisionWorkbook.MEASURED_COLUMNS;
import static io.kaohe.scoring.scores.DecisionWorkbook.MEASURE_PAIRS;

import io.kaohe.contracts.rubric.BasePlusAdjustments;
import io.kaohe.contracts.rubric.Judged;
import io.kaohe.contracts.rubric.MeasureKind;
import io.kaohe.contracts.rubric.MeasureSpec;
import io.kaohe.contracts.rubric.ScoringRule;
import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.support.exports.CellText;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes the {@link DecisionWorkbook} for one department's units and items: the decisions sheet with drop-down
 * lists of its units, items and kinds, the measured sheet prefilled with its quantified items, a sheet that lists
 * the units and items with their rules, and the hidden sheet the drop-down lists come from.
 */
final class DecisionTemplate {

    static final String ITEMS = "单位和指标";
    static final String LISTS = "下拉清单";

    private DecisionTemplate() {
    }

    /** One unit of the template with its name and the items the department decides on. */
    record UnitItems(String unitCode, String unitName, List<UnitItem> items) {
    }

    /** An item whose score comes from measured values alone: the measured sheet lists it. */
    private static boolean isQuantified(ScoringRule rule) {
        return !rule.measures().isEmpty() && !(rule instanceof Judged) && !(rule instanceof BasePlusAdjustments)
                && ItemScorer.countableMeasures(rule, DecisionKind.DEDUCTION).isEmpty()
                && ItemScorer.countableMeasures(rule, DecisionKind.BONUS).isEmpty()
                && rule.measures().stream().noneMatch(m -> m.kind() == MeasureKind.ADJUSTMENTS);
    }

    static void write(String title, List<UnitItems> units, OutputStream out) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            CellStyle header = book.createCellStyle();
            Font bold = book.createFont();
            bold.setBold(true);
            header.setFont(bold);
            CellStyle text = book.createCellStyle();
            text.setDataFormat(book.createDataFormat().getFormat("@"));

            Sheet decisions = book.createSheet(DECISIONS);
            headerRow(decisions, DECISION_COLUMNS.values(), header);
            for (int c = 0; c < DECISION_COLUMNS.size(); c++) {
                decisions.setColumnWidth(c, (c == 8 ? 40 : 14) * 256);
                decisions.setDefaultColumnStyle(c, text);
            }
            decisions.createFreezePane(0, 1);

            Sheet measured = book.createSheet(MEASURED);
            headerRow(measured, MEASURED_COLUMNS.values(), header);
            measured.createFreezePane(0, 1);
            int m = 1;
            for (UnitItems unit : units) {
                for (UnitItem item : unit.items()) {
                    if (!isQuantified(item.rule())) {
                        continue;
                    }
                    Row row = measured.createRow(m++);
                    put(row, 0, unit.unitCode());
                    put(row, 1, unit.unitName());
                    put(row, 2, item.itemCode());
                    put(row, 3, item.title());
                    List<MeasureSpec> specs = item.rule().measures();
                    for (int i = 0; i < specs.size() && i < MEASURE_PAIRS; i++) {
                        put(row, 8 + 2 * i, specs.get(i).label());
                    }
                }
            }
            for (int c = 0; c < MEASURED_COLUMNS.size(); c++) {
                measured.setColumnWidth(c, (c == 4 ? 30 : 14) * 256);
            }

            Sheet items = book.createSheet(ITEMS);
            headerRow(items, List.of("单位代码", "单位名称", "指标代码", "指标名称", "分值", "评分标准", "计数项/测量项"), header);
            int r = 1;
            Set<String> itemCodes = new LinkedHashSet<>();
            for (UnitItems unit : units) {
                for (UnitItem item : unit.items()) {
                    Row row = items.createRow(r++);
                    put(row, 0, unit.unitCode());
                    put(row, 1, unit.unitName());
                    put(row, 2, item.itemCode());
                    put(row, 3, item.title());
                    row.createCell(4).setCellValue(item.points().doubleValue());
                    put(row, 5, item.rule().wording());
                    put(row, 6, String.join("、", item.rule().measures().stream().map(MeasureSpec::label).toList()));
                    itemCodes.add(item.itemCode());
                }
            }
            for (int c = 0; c < 7; c++) {
                items.setColumnWidth(c, (c == 5 ? 50 : c == 3 ? 30 : 14) * 256);
            }

            Sheet lists = book.createSheet(LISTS);
            List<String> unitCodes = units.stream().map(UnitItems::unitCode).toList();
            List<String> codes = List.copyOf(itemCodes);
            int longest = Math.max(KIND_NAMES.size(), Math.max(unitCodes.size(), codes.size()));
            for (int i = 0; i < longest; i++) {
                Row row = lists.createRow(i);
                put(row, 0, i < unitCodes.size() ? unitCodes.get(i) : null);
                put(row, 1, i < codes.size() ? codes.get(i) : null);
                put(row, 2, i < KIND_NAMES.size() ? KIND_NAMES.get(i) : null);
            }
            book.setSheetHidden(book.getSheetIndex(lists), true);

            DataValidationHelper help = decisions.getDataValidationHelper();
            validation(decisions, help, listRange("A", unitCodes.size()), 0);
            validation(decisions, help, listRange("B", codes.size()), 2);
            validation(decisions, help, listRange("C", KIND_NAMES.size()), 4);
            validation(measured, measured.getDataValidationHelper(), listRange("A", unitCodes.size()), 0);
            validation(measured, measured.getDataValidationHelper(), listRange("B", codes.size()), 2);
            book.setActiveSheet(0);
            book.getProperties().getCoreProperties().setTitle(title);
            book.write(out);
        }
    }

    private static String listRange(String column, int size) {
        return size == 0 ? null : "'" + LISTS + "'!$" + column + "$1:$" + column + "$" + size;
    }

    private static void validation(Sheet sheet, DataValidationHelper help, String range, int column) {
        if (range == null) {
            return;
        }
        DataValidationConstraint constraint = help.createFormulaListConstraint(range);
        DataValidation validation = help.createValidation(constraint,
                new CellRangeAddressList(1, MAX_ROWS, column, column));
        validation.setShowErrorBox(true);
        validation.setErrorStyle(DataValidation.ErrorStyle.WARNING);
        sheet.addValidationData(validation);
    }

    private static void headerRow(Sheet sheet, java.util.Collection<String> names, CellStyle style) {
        Row row = sheet.createRow(0);
        int c = 0;
        for (String name : names) {
            Cell cell = row.createCell(c++);
            cell.setCellValue(name);
            cell.setCellStyle(style);
        }
    }

    /** A text cell; one a spreadsheet would take for a formula is marked as text (see {@link CellText}). */
    private static void put(Row row, int column, String value) {
        if (value == null) {
            return;
        }
        Cell cell = row.createCell(column);
        cell.setCellValue(CellText.fitting(value));
        if (CellText.formulaLike(value)) {
            Workbook book = row.getSheet().getWorkbook();
            CellStyle quoted = book.createCellStyle();
            quoted.setQuotePrefixed(true);
            cell.setCellStyle(quoted);
        }
    }
}
