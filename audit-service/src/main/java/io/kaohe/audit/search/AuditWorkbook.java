package io.kaohe.audit.search;

import io.kaohe.audit.chain.StoredRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * A search's records as .xlsx (POI's streaming SXSSF, 200 rows in memory): Chinese column headers,
 * times in the offices' zone, every value as text. A value that a spreadsheet could take for a formula
 * (starting with = + - @, a tab or a carriage return) is marked as text (quote prefix), and a value over
 * Excel's cell limit is cut, so nothing in the trail can run in the auditor's spreadsheet or break the file.
 */
final class AuditWorkbook implements AutoCloseable {

    static final int CELL_LIMIT = SpreadsheetVersion.EXCEL2007.getMaxTextLength();
    private static final String CUT = "…（已截断）";

    private record Column(String header, int width, Function<StoredRecord, Object> value) {
    }

    private final SXSSFWorkbook workbook = new SXSSFWorkbook(200);
    private final Sheet sheet = workbook.createSheet("审计日志");
    private final CellStyle text;
    private final CellStyle quoted;
    private final List<Column> columns;
    private int next = 1;

    AuditWorkbook(ZoneId zone) {
        columns = columns(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(zone));
        text = workbook.createCellStyle();
        quoted = workbook.createCellStyle();
        quoted.setQuotePrefixed(true);
        CellStyle header = workbook.createCellStyle();
        Font bold = workbook.createFont();
        bold.setBold(true);
        header.setFont(bold);
        Row row = sheet.createRow(0);
        for (int i = 0; i < columns.size(); i++) {
            row.createCell(i).setCellValue(columns.get(i).header());
            row.getCell(i).setCellStyle(header);
            sheet.setColumnWidth(i, Math.min(255, columns.get(i).width()) * 256);
        }
        sheet.createFreezePane(0, 1);
    }

    static List<String> headers() {
        return columns(DateTimeFormatter.ISO_INSTANT).stream().map(Column::header).toList();
    }

    private static List<Column> columns(DateTimeFormatter time) {
        return List.of(
                new Column("序号", 10, StoredRecord::seq),
                new Column("时间", 24, r -> time.format(r.entry().occurredAt())),
                new Column("用户", 16, r -> r.entry().username()),
                new Column("角色", 18, r -> r.entry().roles()),
                new Column("所属单位", 14, r -> r.entry().unit()),
                new Column("所属部门", 14, r -> r.entry().department()),
                new Column("督查单位", 18, r -> r.entry().inspectionUnits()),
                new Column("来源", 16, r -> r.entry().source()),
                new Column("类别", 10, r -> r.entry().category()),
                new Column("操作", 18, r -> r.entry().verb()),
                new Column("请求方法", 8, r -> r.entry().method()),
                new Column("接口", 40, r -> r.entry().route()),
                new Column("请求路径", 40, r -> r.entry().path()),
                new Column("对象类型", 14, r -> r.entry().objectType()),
                new Column("对象标识", 38, r -> r.entry().objectId()),
                new Column("考核年度", 14, r -> r.entry().cycleId()),
                new Column("被考核单位", 14, r -> r.entry().unitCode()),
                new Column("结果", 10, r -> r.entry().outcome()),
                new Column("状态码", 8, r -> r.entry().status()),
                new Column("原因", 40, r -> r.entry().reason()),
                new Column("客户端地址", 16, r -> r.entry().clientAddress()),
                new Column("转发链（X-Forwarded-For）", 24, r -> r.entry().forwardedFor()),
                new Column("追踪标识", 34, r -> r.entry().traceId()),
                new Column("请求体SM3", 66, r -> r.entry().requestDigest()),
                new Column("变更前", 40, r -> r.entry().beforeState()),
                new Column("变更后", 40, r -> r.entry().afterState()),
                new Column("变更前SM3", 66, r -> r.entry().beforeDigest()),
                new Column("变更后SM3", 66, r -> r.entry().afterDigest()),
                new Column("记录时间", 24, r -> time.format(r.recordedAt())),
                new Column("前一记录SM3", 66, StoredRecord::prevDigest),
                new Column("本记录SM3", 66, StoredRecord::digest));
    }

    void add(StoredRecord record) {
        Row row = sheet.createRow(next++);
        for (int i = 0; i < columns.size(); i++) {
            Object value = columns.get(i).value().apply(record);
            if (value != null) {
                String cell = neutral(String.valueOf(value));
                row.createCell(i).setCellValue(cell);
                row.getCell(i).setCellStyle(looksLikeFormula(cell) ? quoted : text);
            }
        }
    }

    /** A last row saying how many more matched than the file holds. */
    void more(long omitted) {
        if (omitted > 0) {
            sheet.createRow(next++).createCell(0).setCellValue("另有 " + omitted + " 条记录未导出，请缩小筛选范围 / "
                    + omitted + " more record(s) not exported: narrow the search");
        }
    }

    void write(OutputStream out) throws IOException {
        workbook.write(out);
    }

    @Override
    public void close() {
        workbook.dispose();
        try {
            workbook.close();
        } catch (IOException ignored) {
            // Temporary files are removed by dispose().
        }
    }

    static boolean looksLikeFormula(String value) {
        if (value.isEmpty()) {
            return false;
        }
        char c = value.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    static String neutral(String value) {
        return value.length() <= CELL_LIMIT ? value : value.substring(0, CELL_LIMIT - CUT.length()) + CUT;
    }

}
