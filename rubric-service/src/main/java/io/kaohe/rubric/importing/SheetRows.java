package io.kaohe.rubric.importing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Reads an .xlsx row by row with POI's event (SAX) API: sheets are streamed from the file, never
 * held whole in memory, so a large workbook costs little more than its shared strings.
 */
final class SheetRows {

    private SheetRows() {
    }

    /** One non-empty row: its 1-based number and its non-blank cells by 1-based column. */
    record Row(int number, Map<Integer, String> cells) {

        String get(Integer column) {
            if (column == null) {
                return "";
            }
            String value = cells.get(column);
            return value == null ? "" : value;
        }

        boolean isBlank() {
            return cells.values().stream().allMatch(String::isBlank);
        }

        /** All cells' text joined, for rows whose content may sit in any cell (e.g. 被考核单位：…). */
        String joined() {
            return String.join(" ", cells.values());
        }
    }

    interface Visitor {
        /** Whether to read this sheet at all; a sheet not wanted is skipped unparsed. */
        default boolean wants(String sheetName) {
            return true;
        }

        void sheet(String name);

        void row(Row row);

        void endSheet();
    }

    /**
     * A pass over the sheets {@code wants} accepts: {@code sheet} when one starts, each of its
     * non-blank rows, {@code end} when it ends.
     */
    static Visitor pass(java.util.function.Predicate<String> wants, java.util.function.Consumer<String> sheet,
                        java.util.function.Consumer<Row> row, Runnable end) {
        return new Visitor() {
            @Override
            public boolean wants(String sheetName) {
                return wants.test(sheetName);
            }

            @Override
            public void sheet(String name) {
                sheet.accept(name);
            }

            @Override
            public void row(Row r) {
                row.accept(r);
            }

            @Override
            public void endSheet() {
                end.run();
            }
        };
    }

    /** Why a file is not a workbook we can read. */
    static final class NotAWorkbook extends Exception {
        final boolean oldExcel;

        NotAWorkbook(boolean oldExcel, Throwable cause) {
            super(cause);
            this.oldExcel = oldExcel;
        }
    }

    static void read(Path file, Visitor visitor) throws NotAWorkbook {
        try {
            FileMagic magic = FileMagic.valueOf(file.toFile());
            if (magic != FileMagic.OOXML) {
                throw new NotAWorkbook(magic == FileMagic.OLE2, null);
            }
        } catch (IOException e) {
            throw new NotAWorkbook(false, e);
        }
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            StylesTable styles = reader.getStylesTable();
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            DataFormatter formatter = new DataFormatter();
            while (sheets.hasNext()) {
                try (InputStream sheet = sheets.next()) {
                    if (!visitor.wants(sheets.getSheetName())) {
                        continue;
                    }
                    visitor.sheet(sheets.getSheetName());
                    XMLReader parser = XMLHelper.newXMLReader();
                    parser.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, new Rows(visitor),
                            formatter, false));
                    parser.parse(new InputSource(sheet));
                    visitor.endSheet();
                }
            }
        } catch (IOException | OpenXML4JException | SAXException | ParserConfigurationException
                 | org.apache.poi.ooxml.POIXMLException | org.apache.poi.UnsupportedFileFormatException
                 | org.apache.poi.openxml4j.exceptions.InvalidOperationException e) {
            throw new NotAWorkbook(false, e);
        }
    }

    private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final Visitor visitor;
        private Map<Integer, String> cells;

        Rows(Visitor visitor) {
            this.visitor = visitor;
        }

        @Override
        public void startRow(int rowNum) {
            cells = new TreeMap<>();
        }

        @Override
        public void endRow(int rowNum) {
            Row row = new Row(rowNum + 1, cells);
            if (!row.isBlank()) {
                visitor.row(row);
            }
        }

        @Override
        public void cell(String cellReference, String formattedValue, XSSFComment comment) {
            if (cellReference == null || formattedValue == null) {
                return;
            }
            cells.put(new CellReference(cellReference).getCol() + 1, formattedValue);
        }
    }
}
