package io.kaohe.scoring.pastyears;

import io.kaohe.scoring.workbooks.UploadedWorkbook;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;

/**
 * A published results workbook (汇总表) as counties print it, read into rows: every sheet streamed as an
 * {@link UploadedWorkbook}, its header row found by its words in the first {@value #HEADER_SEARCH} rows, and
 * of the rows below it only the columns this import reads. Which row is a unit, a category heading or the
 * template's full-marks row is the caller's reading ({@link PastYearImports}).
 */
final class PublishedWorkbook {

    /** The most non-blank rows read from a workbook (all sheets); more is refused whole. */
    static final int MAX_ROWS = 5_000;
    /** How far down a sheet its header row is looked for (title rows come first). */
    static final int HEADER_SEARCH = 30;
    /** A cell's text is cut here: names, numbers and grades are short; 指标完成情况 is not read. */
    private static final int MAX_CELL = 400;

    /** The columns read, each with the header words that name it, preferred first. */
    enum Column {
        UNIT("被考核单位", "被考核单位名称", "单位名称", "单位"),
        CODE("单位代码", "代码"),
        SCORE("总分", "最终得分", "考核得分", "综合得分", "得分"),
        CATEGORY("类别", "单位类别", "分类", "类型"),
        GRADE("等次", "考核等次", "等级"),
        FULL_MARKS("满分", "分值");

        final List<String> words;

        Column(String... words) {
            this.words = List.of(words);
        }
    }

    /** One non-blank row below a header: its 1-based number and the cells read, by column. */
    record Row(int number, Map<Column, String> cells, int nonBlank) {

        String get(Column column) {
            return cells.getOrDefault(column, "");
        }
    }

    /** A sheet with a header row: where each column read is (1-based), its header as written, and its rows. */
    record Sheet(String name, int headerRow, Map<Column, Integer> columns, Map<Column, String> headers,
                 List<Row> rows) {
    }

    /** The sheets that have a header, in the workbook's order; the names of those that have none; the rows counted. */
    record Read(List<Sheet> sheets, List<String> without, int rowsCounted) {
    }

    private PublishedWorkbook() {
    }

    /** @throws IOException when the file is no readable .xlsx */
    static Read read(InputStream in) throws IOException {
        List<Sheet> sheets = new ArrayList<>();
        List<String> without = new ArrayList<>();
        int[] counted = {0};
        UploadedWorkbook.sheets(in, false, name -> new SheetHandler(counted), (name, handler) -> {
            if (handler.columns == null) {
                without.add(name);
            } else {
                sheets.add(new Sheet(name, handler.headerRow, handler.columns, handler.headers, handler.rows));
            }
        });
        return new Read(sheets, without, counted[0]);
    }

    /** A header or a name as written, without the spaces offices put in to align it. */
    static String compact(String text) {
        return text == null ? "" : text.replaceAll("[\\s\\u3000]+", "");
    }

    /**
     * The columns a row names, when it names a unit column and a score column (a header row); else null.
     * Each column is the leftmost cell holding the column's most preferred word present.
     */
    static Map<Column, Integer> header(Map<Integer, String> cells) {
        Map<Column, Integer> columns = new LinkedHashMap<>();
        for (Column column : Column.values()) {
            for (String word : column.words) {
                Integer at = cells.entrySet().stream().filter(c -> compact(c.getValue()).equals(word))
                        .map(Map.Entry::getKey).filter(c -> !columns.containsValue(c)).findFirst().orElse(null);
                if (at != null) {
                    columns.put(column, at);
                    break;
                }
            }
        }
        return columns.containsKey(Column.UNIT) && columns.containsKey(Column.SCORE) ? columns : null;
    }

    private static final class SheetHandler implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final int[] counted;
        private final List<Row> rows = new ArrayList<>();
        private Map<Integer, String> cells;
        private Map<Column, Integer> columns;
        private final Map<Column, String> headers = new LinkedHashMap<>();
        private int headerRow;
        private int seen;

        SheetHandler(int[] counted) {
            this.counted = counted;
        }

        @Override
        public void startRow(int rowNum) {
            cells = new TreeMap<>();
        }

        @Override
        public void cell(String reference, String formattedValue, XSSFComment comment) {
            if (reference == null || formattedValue == null || formattedValue.isBlank()) {
                return;
            }
            int column = new CellReference(reference).getCol() + 1;
            if (columns != null && !columns.containsValue(column)) {
                cells.put(column, "");
                return;
            }
            String text = formattedValue.strip();
            cells.put(column, text.length() > MAX_CELL ? text.substring(0, MAX_CELL) : text);
        }

        @Override
        public void endRow(int rowNum) {
            if (cells.isEmpty()) {
                return;
            }
            if (++counted[0] > MAX_ROWS) {
                return;
            }
            if (columns == null) {
                if (++seen <= HEADER_SEARCH) {
                    columns = header(cells);
                    headerRow = rowNum + 1;
                    if (columns != null) {
                        columns.forEach((column, at) -> headers.put(column, cells.get(at)));
                    }
                }
                return;
            }
            Map<Column, String> read = new LinkedHashMap<>();
            columns.forEach((column, at) -> {
                String text = cells.get(at);
                if (text != null && !text.isEmpty()) {
                    read.put(column, text);
                }
            });
            rows.add(new Row(rowNum + 1, read, cells.size()));
        }
    }
}
