package io.kaohe.scoring.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kaohe.scoring.results.ResultsTable;
import io.kaohe.scoring.results.TableAssemblerFixtures;
import io.kaohe.support.problems.ProblemException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.ofdrw.core.text.font.CT_Font;
import org.ofdrw.reader.ContentExtractor;
import org.ofdrw.reader.OFDReader;
import org.springframework.http.HttpStatus;

/**
 * The 通报 in each format, read back by an independent reader (POI, PDFBox, ofdrw): the office's
 * fields, the grade lists, the attached 汇总表, and the font embedded where the format embeds one.
 * Needs the notice font (Debian's fonts-arphic-uming; .ci/run installs it).
 */
class NoticeDocumentsTest {

    static final String FONT = "/usr/share/fonts/truetype/arphic/uming.ttc";
    static final String BODY = "各乡镇（街道）、县直各单位：\n根据《2024年度绩效考核办法》，县委县政府目标督查办对各单位年度目标任务完成情况进行了考核。现将考核结果通报如下。";

    static Notice notice(boolean draft) {
        ResultsTable table = TableAssemblerFixtures.table();
        return new Notice("2024", "2024年度乡镇和县直部门绩效考核", "关于2024年度乡镇和县直部门绩效考核结果的通报",
                "中共某某县委目标督查办公室", "县目督办〔2024〕12号", LocalDate.of(2024, 12, 20),
                List.of(BODY.split("\n")), List.of(new Notice.GradeList("好", List.of("城关镇")),
                new Notice.GradeList("较好", List.of("牛田镇", "县委办公室"))), table, draft);
    }

    static byte[] write(Notice notice, NoticeFormat format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (format == NoticeFormat.DOCX) {
            NoticeDocx.write(notice, out);
        } else {
            try (NoticeFont.Opened font = new NoticeFont(FONT, "").open()) {
                if (format == NoticeFormat.PDF) {
                    NoticePdf.write(notice, font, out);
                } else {
                    NoticeOfd.write(notice, font, out);
                }
            }
        }
        return out.toByteArray();
    }

    /** What every format must say, compared without the line breaks and spaces layout adds. */
    static void saysEverything(String text) {
        String flat = text.replaceAll("\\s", "");
        assertThat(flat).contains("关于2024年度乡镇和县直部门绩效考核结果的通报", "县目督办〔2024〕12号",
                "中共某某县委目标督查办公室", "各乡镇（街道）、县直各单位：",
                "县委县政府目标督查办对各单位年度目标任务完成情况进行了考核。现将考核结果通报如下。",
                "一、“好”等次（1个）：城关镇。", "二、“较好”等次（2个）：牛田镇、县委办公室。",
                "附件：2024年度乡镇和县直部门绩效考核考核结果汇总表", "2024年12月20日",
                "被考核单位指标完成情况得分备注", "乡镇（街道）", "考核指标及评分标准",
                "1.中心组学习（0.5分）：得分=单位活动实际开展数÷单位需开展活动数×0.5",
                "牛田镇", "2.意识形态工作（1.4分）：" + TableAssemblerFixtures.REASON, "3.服务发展（乡镇）（未评分）",
                "城关镇同第一项", "县级部门", "县委办公室");
        assertThat(flat.split(java.util.regex.Pattern.quote(TableAssemblerFixtures.REASON), -1))
                .as("the reason printed once").hasSize(2);
    }

    @Test
    void theWordDocumentSaysItAll() throws IOException {
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(write(notice(false), NoticeFormat.DOCX)));
             XWPFWordExtractor extractor = new XWPFWordExtractor(doc)) {
            saysEverything(extractor.getText());
            assertThat(doc.getTables()).hasSize(1);
            assertThat(doc.getTables().get(0).getRow(0).isRepeatHeader()).isTrue();
            assertThat(doc.getDocument().getBody().getSectPr().getPgSz().getOrient().toString())
                    .as("the table on landscape pages").isEqualTo("landscape");
        }
    }

    @Test
    void thePdfSaysItAllWithTheFontEmbedded() throws IOException {
        byte[] pdf = write(notice(false), NoticeFormat.PDF);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            saysEverything(new PDFTextStripper().getText(doc));
            assertThat(doc.getNumberOfPages()).isGreaterThanOrEqualTo(2);
            assertThat(doc.getPage(doc.getNumberOfPages() - 1).getMediaBox().getWidth())
                    .as("the table on landscape pages").isGreaterThan(doc.getPage(0).getMediaBox().getWidth());
            List<PDFont> fonts = new ArrayList<>();
            for (PDPage page : doc.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    fonts.add(page.getResources().getFont(name));
                }
            }
            assertThat(fonts).isNotEmpty().allSatisfy(font -> {
                assertThat(font).isInstanceOf(PDType0Font.class);
                assertThat(font.isEmbedded()).isTrue();
                assertThat(font.getName()).as("a subset").matches("[A-Z]{6}\\+.*UMing.*");
                assertThat(((PDType0Font) font).getDescendantFont().getFontDescriptor().getFontFile2()).isNotNull();
            });
            assertThat(doc.getDocumentInformation().getTitle()).isEqualTo("关于2024年度乡镇和县直部门绩效考核结果的通报");
        }
        assertThat(pdf.length).as("a subset, not the 20 MB face").isLessThan(2_000_000);
    }

    @Test
    void theOfdSaysItAllWithTheFontEmbedded() throws IOException {
        byte[] ofd = write(notice(false), NoticeFormat.OFD);
        try (OFDReader reader = new OFDReader(new ByteArrayInputStream(ofd))) {
            saysEverything(String.join("", new ContentExtractor(reader).extractAll()));
            assertThat(reader.getNumberOfPages()).isGreaterThanOrEqualTo(2);
            List<CT_Font> fonts = reader.getResMgt().getFonts();
            assertThat(fonts).isNotEmpty().allSatisfy(font -> {
                assertThat(font.getFamilyName()).isEqualTo("AR PL UMing CN");
                assertThat(font.getFontFile()).as("embedded, not named only").isNotNull();
            });
            String file = fonts.get(0).getFontFile().toString();
            assertThat(embeddedSize(ofd, file.substring(file.lastIndexOf('/') + 1))).as("the font file in the package")
                    .isPositive();
        }
        assertThat(ofd.length).as("a subset, not the 20 MB face").isLessThan(2_000_000);
    }

    /** The size of the package's entry with this file name, 0 if none. */
    static long embeddedSize(byte[] ofd, String fileName) throws IOException {
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(new ByteArrayInputStream(ofd))) {
            for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().endsWith("/" + fileName)) {
                    return zip.readAllBytes().length;
                }
            }
        }
        return 0;
    }

    @Test
    void aPreviewSaysSoOnEveryPage() throws IOException {
        try (PDDocument doc = Loader.loadPDF(write(notice(true), NoticeFormat.PDF))) {
            PDFTextStripper stripper = new PDFTextStripper();
            for (int page = 1; page <= doc.getNumberOfPages(); page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                assertThat(stripper.getText(doc)).contains(NoticeText.DRAFT);
            }
        }
    }

    @Test
    void aMissingFontIsAClearProblemNotAServerError() {
        assertThatThrownBy(() -> new NoticeFont("/nowhere/uming.ttc", "").open())
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(e.code()).isEqualTo("scoring.notice.font-missing");
                });
    }

    @Test
    void anOverlongReasonIsCutInTheDocumentsToo() throws IOException {
        String huge = "超长理由".repeat(10_000);
        assertThat(NoticeText.capped(huge)).hasSize(NoticeText.MAX_CELL + NoticeText.CUT.length())
                .endsWith(NoticeText.CUT);
        assertThat(NoticeText.capped("短")).isEqualTo("短");
        assertThat(List.of(1, 9, 10, 12, 20, 35).stream().map(NoticeText::numeral).collect(Collectors.joining(",")))
                .isEqualTo("一,九,十,十二,二十,三十五");
    }
}
