package io.kaohe.scoring.scores;

import static io.kaohe.scoring.scores.DecisionWorkbook.DECISIONS;
import static io.kaohe.scoring.scores.DecisionWorkbook.DECISION_COLUMNS;
import static io.kaohe.scoring.scores.DecisionWorkbook.KIND_NAMES;
import static io.kaohe.scoring.scores.DecisionWorkbook.MAX_ROWS;
import static io.kaohe.scoring.scores.DecisionWorkbook.MEASURED;
import static io.kaohe.scoring.scores.DecisionWorkbook.MEASURED_COLUMNS;
import static io.kaohe.scoring.scores.DecisionWorkbook.MEASURE_PAIRS;
import static io.kaohe.scoring.scores.DecisionWorkbook.compact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kaohe.scoring.workbooks.UploadedWorkbook;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;

/**
 * Reads a filled {@link DecisionWorkbook} into decision requests, each with the cells it came from, so every
 * fault can be located at its cell. Cells are only turned into the request's shape here (a number, a date, a
 * list of references); whether the decision may be recorded is the decision's own check, row by row.
 */
final class DecisionWorkbookReader {

    /** The kinds a decisions row takes, as offices write them. */
    private static final Map<String, DecisionKind> KINDS = Map.of("扣分", DecisionKind.DEDUCTION,
            "加分", DecisionKind.BONUS, "评定得分", DecisionKind.JUDGED, "评分", DecisionKind.JUDGED);

    private static final Pattern DATE = Pattern.compile(
            "^(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?$");
    private static final Pattern REF_SEPARATORS = Pattern.compile("[;；,，、\\n]+");
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private DecisionWorkbookReader() {
    }

    /** A row read: where it is, the cells' columns by request field, and the decision it asks for. */
    record WorkbookRow(String sheet, int number, Map<String, Integer> columns, DecisionRequest request,
                       String unitName, boolean measured) {

        /** The 1-based column of a request field ("measured.rate" → that value's column), else null (the row). */
        Integer column(String field) {
            if (field == null) {
                return null;
            }
            String key = field.replaceFirst("\\[\\d+]$", "");
            if (key.equals("score")) {
                key = "amount";
            }
            return columns.get(key);
        }
    }

    /** A fault of the workbook's shape or of a cell that cannot be read (sheet, row, column 1-based). */
    record CellFault(String sheet, int row, Integer column, String key, List<Object> args) {
    }

    /** The rows of a workbook, and what could not be read at all. */
    record Read(List<WorkbookRow> rows, List<CellFault> faults) {
    }

    /**
     * The rows of a filled workbook, its sheets streamed as an {@link UploadedWorkbook} (dates as ISO dates), so a
     * small file that unpacks to a huge sheet costs no heap. Blank rows are skipped, and so are measured rows
     * without any value (the template lists every quantified item; a department fills those it has measured).
     * Past {@link DecisionWorkbook#MAX_ROWS} rows are only counted.
     *
     * @throws IOException when the file is no readable .xlsx
     */
    static Read read(InputStream in) throws IOException {
        List<WorkbookRow> rows = new ArrayList<>();
        List<CellFault> faults = new ArrayList<>();
        int[] counted = {0};
        boolean[] any = {false};
        UploadedWorkbook.sheets(in, true, name -> {
            boolean measured = MEASURED.equals(name);
            if (!measured && !DECISIONS.equals(name)) {
                return null;
            }
            any[0] = true;
            return new SheetReader(name, measured, rows, faults, counted);
        }, (name, rowsOf) -> rowsOf.end());
        if (!any[0]) {
            faults.add(new CellFault(DECISIONS, 1, null, "scoring.workbook.no-sheet", List.of(DECISIONS, MEASURED)));
        }
        if (counted[0] > MAX_ROWS) {
            faults.add(new CellFault(DECISIONS, 1, null, "scoring.workbook.too-many-rows", List.of(counted[0], MAX_ROWS)));
        }
        return new Read(rows, faults);
    }

    /** One sheet's rows as they stream by: the first non-blank row is the header, the others decisions. */
    private static final class SheetReader implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final String name;
        private final boolean measuredSheet;
        private final Map<String, String> layout;
        private final List<WorkbookRow> rows;
        private final List<CellFault> faults;
        private final int[] counted;
        private Map<Integer, String> cells;
        private Map<String, Integer> columns;
        private boolean complete;

        SheetReader(String name, boolean measuredSheet, List<WorkbookRow> rows, List<CellFault> faults, int[] counted) {
            this.name = name;
            this.measuredSheet = measuredSheet;
            this.layout = measuredSheet ? MEASURED_COLUMNS : DECISION_COLUMNS;
            this.rows = rows;
            this.faults = faults;
            this.counted = counted;
        }

        @Override
        public void startRow(int rowNum) {
            cells = new java.util.TreeMap<>();
        }

        @Override
        public void cell(String reference, String formattedValue, XSSFComment comment) {
            if (reference != null && formattedValue != null && !formattedValue.isBlank()) {
                cells.put(new CellReference(reference).getCol() + 1, formattedValue.strip());
            }
        }

        @Override
        public void endRow(int rowNum) {
            if (cells.isEmpty()) {
                return;
            }
            if (columns == null) {
                header(rowNum + 1);
                return;
            }
            if (!complete) {
                return;
            }
            Map<String, String> values = new LinkedHashMap<>();
            columns.forEach((field, column) -> values.put(field, cells.getOrDefault(column, "")));
            if (values.values().stream().allMatch(String::isEmpty)) {
                return;
            }
            if (++counted[0] > MAX_ROWS) {
                return;
            }
            WorkbookRow read = measuredSheet ? measuredRow(name, rowNum + 1, columns, values, faults)
                    : decisionRow(name, rowNum + 1, columns, values, faults);
            if (read != null) {
                rows.add(read);
            }
        }

        private void header(int number) {
            columns = new LinkedHashMap<>();
            Map<String, String> byHeader = new LinkedHashMap<>();
            layout.forEach((field, header) -> byHeader.put(header, field));
            cells.forEach((column, text) -> {
                String field = byHeader.get(compact(text));
                if (field != null && !columns.containsKey(field)) {
                    columns.put(field, column);
                }
            });
            List<String> required = measuredSheet ? List.of("unitCode", "itemCode", "reason", "measure1", "value1")
                    : List.of("unitCode", "itemCode", "kind", "reason");
            complete = true;
            for (String field : required) {
                if (!columns.containsKey(field)) {
                    faults.add(new CellFault(name, number, null, "scoring.workbook.column-missing",
                            List.of(layout.get(field))));
                    complete = false;
                }
            }
        }

        /** A sheet without any row has no header either. */
        void end() {
            if (columns == null) {
                cells = Map.of(0, "");
                header(1);
            }
        }
    }

    private static WorkbookRow decisionRow(String sheet, int number, Map<String, Integer> columns,
                                           Map<String, String> v, List<CellFault> faults) {
        String kindText = v.getOrDefault("kind", "");
        DecisionKind kind = KINDS.get(kindText);
        String kindCode = kind != null ? kind.name() : kindText.toUpperCase(Locale.ROOT);
        if (kind == null && !kindText.isEmpty() && !Set.of("DEDUCTION", "BONUS", "JUDGED").contains(kindCode)) {
            faults.add(new CellFault(sheet, number, columns.get("kind"), "scoring.workbook.kind-unknown",
                    List.of(kindText, String.join("、", KIND_NAMES))));
        }
        boolean judged = "JUDGED".equals(kindCode);
        JsonNode amount = number(v.get("amount"));
        DecisionRequest request = new DecisionRequest(v.get("unitCode"), v.get("itemCode"),
                kindText.isEmpty() ? null : kindCode, judged ? null : amount, number(v.get("count")),
                blankToNull(v.get("measure")), null, judged ? amount : null, null, v.get("reason"),
                blankToNull(v.get("source")), blankToNull(date(v.get("date"))), refs(v.get("evidenceRefs")), null);
        return new WorkbookRow(sheet, number, columns, request, blankToNull(v.get("unitName")), false);
    }

    private static WorkbookRow measuredRow(String sheet, int number, Map<String, Integer> columns,
                                           Map<String, String> v, List<CellFault> faults) {
        ObjectNode measured = NODES.objectNode();
        Map<String, Integer> located = new LinkedHashMap<>(columns);
        for (int i = 1; i <= MEASURE_PAIRS; i++) {
            String measure = v.getOrDefault("measure" + i, "");
            String value = v.getOrDefault("value" + i, "");
            if (value.isEmpty()) {
                continue;
            }
            if (measure.isEmpty()) {
                faults.add(new CellFault(sheet, number, columns.get("measure" + i), "scoring.workbook.measure-missing",
                        List.of(value)));
                continue;
            }
            measured.set(measure, measuredValue(value));
            located.put("measured." + measure, columns.get("value" + i));
        }
        if (measured.isEmpty()) {
            // A quantified item the department has not measured: the template lists them all.
            return null;
        }
        DecisionRequest request = new DecisionRequest(v.get("unitCode"), v.get("itemCode"),
                DecisionKind.MEASUREMENT.name(), null, null, null, measured, null, null, v.get("reason"),
                blankToNull(v.get("source")), blankToNull(date(v.get("date"))), refs(v.get("evidenceRefs")), null);
        located.put("measured", columns.get("value1"));
        return new WorkbookRow(sheet, number, located, request, blankToNull(v.get("unitName")), true);
    }

    /** A number as JSON when it is one; otherwise the text, for the decision's own check to refuse at its cell. */
    private static JsonNode number(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip().replace(",", "").replace("，", "");
        try {
            return NODES.numberNode(new BigDecimal(t));
        } catch (NumberFormatException e) {
            return NODES.textNode(text.strip());
        }
    }

    /** A measured value: a number (93.5% as 93.5), 是/否 as a flag, else text for the rule's check to judge. */
    static JsonNode measuredValue(String text) {
        String t = text.strip();
        switch (t.toLowerCase(Locale.ROOT)) {
            case "是", "完成", "已完成", "true", "yes", "y" -> {
                return NODES.booleanNode(true);
            }
            case "否", "未完成", "false", "no", "n" -> {
                return NODES.booleanNode(false);
            }
            default -> {
                return number(t.endsWith("%") || t.endsWith("％") ? t.substring(0, t.length() - 1) : t);
            }
        }
    }

    /** 2015-07-15, 2015/7/15, 2015.7.15 and 2015年7月15日 as an ISO date; anything else as written (refused later). */
    static String date(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Matcher m = DATE.matcher(text.strip());
        if (m.matches()) {
            try {
                return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3))).format(DateTimeFormatter.ISO_LOCAL_DATE);
            } catch (java.time.DateTimeException e) {
                return text.strip();
            }
        }
        return text.strip();
    }

    private static List<String> refs(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(REF_SEPARATORS.split(text.strip())).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
