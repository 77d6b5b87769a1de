package io.kaohe.scoring.workbooks;

import io.kaohe.support.problems.ProblemException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.ooxml.POIXMLException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler.SheetContentsHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.springframework.http.HttpStatus;
import org.springframework.web.multipart.MultipartFile;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * An .xlsx workbook an office or a department uploads (a filled decisions template, an earlier year's 汇总表):
 * the upload checked for presence and size, its SHA-256 digest, and its sheets streamed with POI's event (SAX)
 * API from a temporary file, never held whole in memory (POI's XML readers resolve no external entity and cap
 * expansion). What a sheet's rows mean is the caller's reading.
 */
public final class UploadedWorkbook {

    private UploadedWorkbook() {
    }

    /** How a workbook is read from its bytes (the caller's reader). */
    @FunctionalInterface
    public interface Reading<T> {
        T read(InputStream in) throws IOException;
    }

    /**
     * The uploaded file's bytes: 400 {@code scoring.workbook.file-required} without a file or with an empty one,
     * 413 {@code scoring.workbook.too-large} over {@code maxBytes}.
     */
    public static byte[] bytes(MultipartFile file, long maxBytes) throws IOException {
        if (file == null || file.isEmpty()) {
            throw ProblemException.badRequest("scoring.workbook.file-required");
        }
        if (file.getSize() > maxBytes) {
            throw new ProblemException(HttpStatus.PAYLOAD_TOO_LARGE, "scoring.workbook.too-large", file.getSize(),
                    maxBytes);
        }
        return file.getBytes();
    }

    /** The file's SHA-256, in lower-case hex. */
    public static String digest(byte[] file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the bytes start like an .xlsx (a zip); an old .xls or anything else is not one. */
    public static boolean isXlsx(InputStream in) throws IOException {
        return FileMagic.valueOf(FileMagic.prepareToCheckMagic(in)) == FileMagic.OOXML;
    }

    /** The file read by {@code reading}: 400 {@code scoring.workbook.not-xlsx} when it is no readable .xlsx. */
    public static <T> T read(byte[] file, Reading<T> reading) {
        try {
            if (!isXlsx(new ByteArrayInputStream(file))) {
                throw ProblemException.badRequest("scoring.workbook.not-xlsx");
            }
            return reading.read(new ByteArrayInputStream(file));
        } catch (IOException e) {
            throw ProblemException.badRequest("scoring.workbook.not-xlsx");
        }
    }

    /**
     * Streams every sheet, in the workbook's order, from a temporary file: {@code open} gives the rows' handler of
     * the named sheet (null skips the sheet), {@code done} is told when its last row has gone by. Cells are as the
     * sheet shows them, except a number in General format, which keeps Excel's 15 significant digits (0.1 + 0.2 is
     * 0.3), and, with {@code isoDates}, a date as an ISO date (2015-07-15, whatever its format).
     *
     * @throws IOException when the file is no readable .xlsx
     */
    public static <H extends SheetContentsHandler> void sheets(InputStream in, boolean isoDates,
                                                              Function<String, H> open, BiConsumer<String, H> done)
            throws IOException {
        Path file = Files.createTempFile("uploaded-workbook-", ".xlsx");
        try {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            sheets(file, new ShownText(isoDates), open, done);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static <H extends SheetContentsHandler> void sheets(Path file, DataFormatter shown,
                                                               Function<String, H> open, BiConsumer<String, H> done)
            throws IOException {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            StylesTable styles = reader.getStylesTable();
            XSSFReader.SheetIterator iterator = (XSSFReader.SheetIterator) reader.getSheetsData();
            while (iterator.hasNext()) {
                try (InputStream sheet = iterator.next()) {
                    String name = iterator.getSheetName();
                    H handler = open.apply(name);
                    if (handler == null) {
                        continue;
                    }
                    XMLReader parser = XMLHelper.newXMLReader();
                    parser.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, handler, shown, false));
                    parser.parse(new InputSource(sheet));
                    done.accept(name, handler);
                }
            }
        } catch (OpenXML4JException | SAXException | ParserConfigurationException | POIXMLException
                 | IllegalArgumentException | IllegalStateException e) {
            // not an .xlsx, or a damaged one (POI's format exceptions are IllegalArgumentExceptions)
            throw new IOException(e);
        }
    }

    /** Cells as the uploader sees them, with the exceptions {@link #sheets} names. */
    private static final class ShownText extends DataFormatter {
        private final boolean isoDates;

        ShownText(boolean isoDates) {
            super(Locale.ROOT);
            this.isoDates = isoDates;
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904) {
            if (isoDates && DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                return DateUtil.getLocalDateTime(value, use1904).toLocalDate().toString();
            }
            if (formatString == null || formatString.equalsIgnoreCase("General") || formatString.equals("@")) {
                return new BigDecimal(value).round(new MathContext(15)).stripTrailingZeros().toPlainString();
            }
            return super.formatRawCellContents(value, formatIndex, formatString, use1904);
        }
    }
}
