package io.kaohe.scoring.workbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kaohe.support.problems.ProblemException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler.SheetContentsHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockMultipartFile;

/** An uploaded workbook without a server: the upload's checks, its digest, and its sheets as the uploader sees them. */
class UploadedWorkbookTest {

    @Test
    void refusesNoFileAnEmptyFileAndOneOverTheLimit() throws IOException {
        assertThatThrownBy(() -> UploadedWorkbook.bytes(null, 10)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.code()).isEqualTo("scoring.workbook.file-required"));
        assertThatThrownBy(() -> UploadedWorkbook.bytes(new MockMultipartFile("file", new byte[0]), 10))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.code()).isEqualTo("scoring.workbook.file-required"));
        assertThatThrownBy(() -> UploadedWorkbook.bytes(new MockMultipartFile("file", new byte[11]), 10))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
                    assertThat(e.code()).isEqualTo("scoring.workbook.too-large");
                    assertThat(e.args()).containsExactly(11L, 10L);
                });
        assertThat(UploadedWorkbook.bytes(new MockMultipartFile("file", new byte[10]), 10)).hasSize(10);
    }

    @Test
    void digestIsTheFilesSha256InHex() {
        assertThat(UploadedWorkbook.digest("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void aFileThatIsNoWorkbookIsRefusedAsNotXlsx() {
        byte[] csv = "单位代码,得分\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> UploadedWorkbook.read(csv, in -> "read")).isInstanceOfSatisfying(
                ProblemException.class, e -> assertThat(e.code()).isEqualTo("scoring.workbook.not-xlsx"));
        byte[] zipButNoWorkbook = {'P', 'K', 3, 4, 0, 0, 0, 0};
        assertThatThrownBy(() -> UploadedWorkbook.read(zipButNoWorkbook, in -> {
            UploadedWorkbook.sheets(in, false, name -> new Cells(), (name, cells) -> {
            });
            return "read";
        })).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.code()).isEqualTo("scoring.workbook.not-xlsx"));
    }

    @Test
    void streamsTheSheetsAskedForWithNumbersAsExcelShowsThemAndDatesAsIsoOnRequest() throws IOException {
        byte[] file;
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle date = book.createCellStyle();
            date.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("yyyy/m/d"));
            Row row = book.createSheet("说明").createRow(0);
            row.createCell(0).setCellValue("skipped");
            row = book.createSheet("数据").createRow(2);
            row.createCell(0).setCellValue(0.1 + 0.2);
            row.createCell(1).setCellValue(java.time.LocalDate.of(2015, 7, 15));
            row.getCell(1).setCellStyle(date);
            book.write(out);
            file = out.toByteArray();
        }
        List<String> done = new ArrayList<>();
        Cells iso = new Cells();
        UploadedWorkbook.sheets(new ByteArrayInputStream(file), true, name -> name.equals("数据") ? iso : null,
                (name, cells) -> done.add(name));
        assertThat(done).containsExactly("数据");
        assertThat(iso.seen).containsExactly("A3=0.3", "B3=2015-07-15");

        Cells shown = new Cells();
        UploadedWorkbook.sheets(new ByteArrayInputStream(file), false, name -> name.equals("数据") ? shown : null,
                (name, cells) -> {
                });
        assertThat(shown.seen).containsExactly("A3=0.3", "B3=2015/7/15");
    }

    private static final class Cells implements SheetContentsHandler {
        final List<String> seen = new ArrayList<>();

        @Override
        public void startRow(int rowNum) {
        }

        @Override
        public void endRow(int rowNum) {
        }

        @Override
        public void cell(String reference, String formattedValue, XSSFComment comment) {
            seen.add(reference + "=" + formattedValue);
        }
    }
}
