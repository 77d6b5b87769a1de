package io.kaohe.support.exports;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A list a person works from (inbox, 整改台账, decisions ledger, units that have not submitted) as one
 * .xlsx sheet, streamed with POI's SXSSF (200 rows in memory): a bold header row in Chinese, frozen, then
 * one row per entry. Texts go through {@link CellText} (cut when too long, quote-prefixed when a spreadsheet
 * would take them for a formula); numbers are numeric cells in General format (1.5, never 1.50) and
 * {@code null} stays blank (an unscored item is blank, never 0); a {@link LocalDate} is written
 * yyyy-MM-dd, an {@link Instant} yyyy-MM-dd HH:mm in the offices' zone (Asia/Shanghai) — use
 * {@link #day(Instant)} where the column is a date.
 */
public final class ListWorkbook implements AutoCloseable {

    /** The offices' zone: dates and times of exports are theirs. */
    public static final ZoneId OFFICES = ZoneId.of("Asia/Shanghai");
    public static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(OFFICES);

    /** A column: its header and its width in characters (a CJK character counts two). */
    public record Column(String header, int width) {
    }

    private final SXSSFWorkbook book = new SXSSFWorkbook(200);
    private final Sheet sheet;
    private final CellStyle text;
    private final CellStyle number;
    private final Map<CellStyle, CellStyle> quoted = new HashMap<>();
    private int next = 1;

    public ListWorkbook(String sheetName, List<Column> columns) {
        sheet = book.createSheet(sheetName);
        text = book.createCellStyle();
        text.setWrapText(true);
        number = book.createCellStyle();
        number.setDataFormat(book.createDataFormat().getFormat("General"));
        CellStyle header = book.createCellStyle();
        Font bold = book.createFont();
        bold.setBold(true);
        header.setFont(bold);
        Row row = sheet.createRow(0);
        for (int i = 0; i < columns.size(); i++) {
            Cell cell = row.createCell(i);
            cell.setCellValue(columns.get(i).header());
            cell.setCellStyle(header);
            sheet.setColumnWidth(i, Math.min(255, columns.get(i).width()) * 256);
        }
        sheet.createFreezePane(0, 1);
    }

    /** The headers' texts, for tests and for documentation. */
    public static List<String> headers(List<Column> columns) {
        return columns.stream().map(Column::header).toList();
    }

    /** The day an instant falls on in the offices' zone, or null. */
    public static LocalDate day(Instant instant) {
        return instant == null ? null : LocalDate.ofInstant(instant, OFFICES);
    }

    /** One row: a value per column, in the columns' order; null (or an empty text) leaves the cell blank. */
    public void row(Object... values) {
        Row row = sheet.createRow(next++);
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            if (value == null) {
                continue;
            }
            if (value instanceof Number n) {
                // Points have two places at most: exact in a double; General shows 1.5, not 1.50.
                Cell cell = row.createCell(i);
                cell.setCellValue(n instanceof BigDecimal decimal ? decimal.doubleValue() : n.doubleValue());
                cell.setCellStyle(number);
            } else {
                String safe = CellText.fitting(value instanceof LocalDate date ? DATE.format(date)
                        : value instanceof Instant instant ? TIME.format(instant) : String.valueOf(value));
                if (safe.isEmpty()) {
                    continue;
                }
                Cell cell = row.createCell(i);
                cell.setCellValue(safe);
                cell.setCellStyle(CellText.formulaLike(safe) ? quoted(text) : text);
            }
        }
    }

    private CellStyle quoted(CellStyle base) {
        return quoted.computeIfAbsent(base, b -> {
            CellStyle q = book.createCellStyle();
            q.cloneStyleFrom(b);
            q.setQuotePrefixed(true);
            return q;
        });
    }

    public void write(OutputStream out) throws IOException {
        book.write(out);
    }

    @Override
    public void close() throws IOException {
        book.dispose();
        book.close();
    }

    /**
     * The answer that streams a list as an .xlsx attachment named {@code filename} (Chinese, sent as
     * RFC 5987 UTF-8 in Content-Disposition): {@code rows} fills the workbook while the response is written,
     * outside the request's thread, so it only writes what the caller has already read and was allowed to.
     */
    public static ResponseEntity<StreamingResponseBody> download(String filename, String sheetName, List<Column> columns,
                                                                 Consumer<ListWorkbook> rows) {
        return attachment(filename, out -> {
            try (ListWorkbook book = new ListWorkbook(sheetName, columns)) {
                rows.accept(book);
                book.write(out);
            }
        });
    }

    /** An .xlsx body as an attachment named {@code filename} (UTF-8 in Content-Disposition). */
    public static ResponseEntity<StreamingResponseBody> attachment(String filename, StreamingResponseBody body) {
        return ResponseEntity.ok().contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(filename, StandardCharsets.UTF_8).build().toString())
                .body(body);
    }
}
