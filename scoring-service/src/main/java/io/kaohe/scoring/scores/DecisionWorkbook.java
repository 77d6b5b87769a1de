package io.kaohe.scoring.scores;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kaohe.contracts.rubric.BasePlusAdjustments;
import io.kaohe.contracts.rubric.Judged;
import io.kaohe.contracts.rubric.MeasureKind;
import io.kaohe.contracts.rubric.MeasureSpec;
import io.kaohe.contracts.rubric.ScoringRule;
import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.support.exports.CellText;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import javax.xml.parsers.ParserConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A department's decisions as a workbook (扣分清单): sheet {@value #DECISIONS} holds one deduction, bonus or
 * judged score per row, sheet {@value #MEASURED} one unit's measured values for one quantified item per row.
 * {@link #template} writes the workbook for one department's units and items (drop-down lists of its units,
 * items and kinds; the measured sheet prefilled with its quantified items); {@link #read} turns a filled one
 * into decision requests, each with the cells it came from, so every fault can be located at its cell.
 * Columns are found by their header, so a department may reorder them or add its own.
 */
final class DecisionWorkbook {

    static final String DECISIONS = "扣分加分";
    static final String MEASURED = "测量值";
    static final String ITEMS = "单位和指标";
    static final String LISTS = "下拉清单";
    /** The kinds a decisions row takes, as offices write them. */
    static final Map<String, DecisionKind> KINDS = Map.of("扣分", DecisionKind.DEDUCTION, "加分", DecisionKind.BONUS,
            "评定得分", DecisionKind.JUDGED, "评分", DecisionKind.JUDGED);
    static final List<String> KIND_NAMES = List.of("扣分", "加分", "评定得分");
    /** How many measure/value column pairs the measured sheet has. */
    static final int MEASURE_PAIRS = 4;
    /** The most rows read from a workbook; more is refused whole. */
    static final int MAX_ROWS = 5_000;

    /** Request fields and the header of the column each comes from, in the template's order. */
    static final Map<String, String> DECISION_COLUMNS = columns(
            "unitCode", "单位代码", "unitName", "单位名称", "itemCode", "指标代码", "itemTitle", "指标名称",
            "kind", "类型", "amount", "分值", "count", "次数", "measure", "计数项", "reason", "理由",
            "source", "来源", "date", "日期", "evidenceRefs", "佐证");
    static final Map<String, String> MEASURED_COLUMNS = measuredColumns();

    private static final Pattern DATE = Pattern.compile(
            "^(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?$");
    private static final Pattern REF_SEPARATORS = Pattern.compile("[;；,，、\\n]+");
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private DecisionWorkbook() {
    }

    /** One unit of the template with its name and the items the department decides on. */
    record UnitItems(String unitCode, String unitName, List<UnitItem> items) {
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

    static boolean isQuantified(ScoringRule rule) {
        return !rule.measures().isEmpty() && !(rule instanceof Judged) && !(rule instanceof BasePlusAdjustments)
                && ItemScorer.countableMeasures(rule, DecisionKind.DEDUCTION).isEmpty()
                && ItemScorer.countableMeasures(rule, DecisionKind.BONUS).isEmpty()
                && rule.measures().stream().noneMatch(m -> m.kind() == MeasureKind.ADJUSTMENTS);
    }

    // ------------------------------------------------------------------ template

    static void template(String title, List<UnitItems> units, OutputStream out) throws IOException {
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

    // ------------------------------------------------------------------ reading

    /** Whether the bytes start like an .xlsx (a zip); an old .xls or anything else is refused by the caller. */
    static FileMagic magic(InputStream in) throws IOException {
        return FileMagic.valueOf(FileMagic.prepareToCheckMagic(in));
    }

    /**
     * The rows of a filled workbook, read with POI's event (SAX) API from a temporary file: sheets are
     * streamed, never held whole in memory, so a small file that unpacks to a huge sheet costs no heap.
     * Blank rows are skipped, and so are measured rows without any value (the template lists every
     * quantified item; a department fills those it has measured). Past {@link #MAX_ROWS} rows are only
     * counted.
     *
     * @throws IOException when the file is no readable .xlsx
     */
    static Read read(InputStream in) throws IOException {
        Path file = Files.createTempFile("decision-workbook-", ".xlsx");
        try {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return read(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static Read read(Path file) throws IOException {
        List<WorkbookRow> rows = new ArrayList<>();
        List<CellFault> faults = new ArrayList<>();
        int[] counted = {0};
        boolean any = false;
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            StylesTable styles = reader.getStylesTable();
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            while (sheets.hasNext()) {
                try (InputStream sheet = sheets.next()) {
                    String name = sheets.getSheetName();
                    boolean measured = MEASURED.equals(name);
                    if (!measured && !DECISIONS.equals(name)) {
                        continue;
                    }
                    any = true;
                    SheetReader rowsOf = new SheetReader(name, measured, rows, faults, counted);
                    XMLReader parser = XMLHelper.newXMLReader();
                    parser.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, rowsOf, new ShownText(), false));
                    parser.parse(new InputSource(sheet));
                    rowsOf.end();
                }
            }
        } catch (OpenXML4JException | SAXException | ParserConfigurationException
                 | org.apache.poi.ooxml.POIXMLException | IllegalArgumentException | IllegalStateException e) {
            // not an .xlsx, or a damaged one (POI's format exceptions are IllegalArgumentExceptions)
            throw new IOException(e);
        }
        if (!any) {
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

    /**
     * Cells as the department sees them, with two exceptions: a date as an ISO date (2015-07-15, whatever
     * its format), and a number in General format with Excel's 15 significant digits (0.1 + 0.2 is 0.3).
     */
    private static final class ShownText extends DataFormatter {
        ShownText() {
            super(Locale.ROOT);
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                return DateUtil.getLocalDateTime(value, use1904).toLocalDate().toString();
            }
            if (formatString == null || formatString.equalsIgnoreCase("General") || formatString.equals("@")) {
                return new BigDecimal(value).round(new java.math.MathContext(15)).stripTrailingZeros().toPlainString();
            }
            return super.formatRawCellContents(value, formatIndex, formatString, use1904);
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
    static JsonNode number(String text) {
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

    static List<String> refs(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(REF_SEPARATORS.split(text.strip())).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    static String compact(String text) {
        return text == null ? "" : text.replaceAll("[\\s\\u3000]+", "");
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static Map<String, String> columns(String... fieldsAndHeaders) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndHeaders.length; i += 2) {
            columns.put(fieldsAndHeaders[i], fieldsAndHeaders[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(columns);
    }

    private static Map<String, String> measuredColumns() {
        Map<String, String> columns = new LinkedHashMap<>(columns("unitCode", "单位代码", "unitName", "单位名称",
                "itemCode", "指标代码", "itemTitle", "指标名称", "reason", "理由", "source", "来源", "date", "日期",
                "evidenceRefs", "佐证"));
        for (int i = 1; i <= MEASURE_PAIRS; i++) {
            columns.put("measure" + i, "测量项" + i);
            columns.put("value" + i, "值" + i);
        }
        return java.util.Collections.unmodifiableMap(columns);
    }
}
