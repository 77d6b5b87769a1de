package io.kaohe.rubric.importing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Small workbooks written with POI, as an office would save them. */
final class Workbooks {

    private final XSSFWorkbook workbook = new XSSFWorkbook();
    private Sheet sheet;
    private int next;

    Workbooks sheet(String name) {
        sheet = workbook.createSheet(name);
        next = 0;
        return this;
    }

    /** A row of text cells; null leaves a cell blank (as in a merged area). */
    Workbooks row(String... cells) {
        Row row = sheet.createRow(next++);
        for (int i = 0; i < cells.length; i++) {
            if (cells[i] != null) {
                row.createCell(i).setCellValue(cells[i]);
            }
        }
        return this;
    }

    /** A row whose cells may be numbers (Double), as 分值 and 序号 usually are. */
    Workbooks mixed(Object... cells) {
        Row row = sheet.createRow(next++);
        for (int i = 0; i < cells.length; i++) {
            if (cells[i] instanceof Number n) {
                row.createCell(i).setCellValue(n.doubleValue());
            } else if (cells[i] != null) {
                row.createCell(i).setCellValue(cells[i].toString());
            }
        }
        return this;
    }

    Workbooks merge(int firstRow, int lastRow, int col) {
        sheet.addMergedRegion(new org.apache.poi.ss.util.CellRangeAddress(firstRow, lastRow, col, col));
        return this;
    }

    Path save() {
        return save(workbook);
    }

    static Path save(Workbook workbook) {
        try {
            Path file = Files.createTempFile("workbook-", ".xlsx");
            try (OutputStream out = Files.newOutputStream(file)) {
                workbook.write(out);
            }
            workbook.close();
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    interface Writer {
        void write(OutputStream out) throws IOException;
    }

    static Path written(Writer writer) {
        try {
            Path file = Files.createTempFile("export-", ".xlsx");
            try (OutputStream out = Files.newOutputStream(file)) {
                writer.write(out);
            }
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
