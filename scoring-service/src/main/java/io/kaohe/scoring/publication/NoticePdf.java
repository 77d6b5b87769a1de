package io.kaohe.scoring.publication;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;

/**
 * The 通报 as PDF with PDFBox: the laid-out pages drawn as they are, the CJK font embedded as a subset
 * (only the glyphs used), so the document prints the same on any machine.
 */
final class NoticePdf {

    private NoticePdf() {
    }

    static void write(Notice notice, NoticeFont.Opened font, OutputStream out) throws IOException {
        List<Typesetter.Page> pages = NoticeLayout.pages(notice, font);
        try (PDDocument document = new PDDocument()) {
            PDType0Font face = PDType0Font.load(document, font.font(), true);
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle(notice.title());
            if (notice.issuingBody() != null) {
                info.setAuthor(notice.issuingBody());
            }
            info.setCreator("考核平台");
            Calendar created = Calendar.getInstance(TimeZone.getTimeZone("Asia/Shanghai"));
            info.setCreationDate(created);
            for (Typesetter.Page p : pages) {
                PDPage page = new PDPage(new PDRectangle(p.geometry().width(), p.geometry().height()));
                document.addPage(page);
                float height = p.geometry().height();
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    for (Typesetter.Rule rule : p.rules()) {
                        color(content, rule.rgb(), true);
                        content.setLineWidth(rule.width());
                        content.moveTo(rule.x1(), height - rule.y1());
                        content.lineTo(rule.x2(), height - rule.y2());
                        content.stroke();
                    }
                    for (Typesetter.Text text : p.texts()) {
                        if (text.text().isBlank()) {
                            continue;
                        }
                        content.beginText();
                        content.setFont(face, text.size());
                        color(content, text.rgb(), false);
                        if (text.bold()) {
                            // One face only: bold is the glyphs stroked as well as filled.
                            color(content, text.rgb(), true);
                            content.setLineWidth(text.size() / 40f);
                            content.setRenderingMode(RenderingMode.FILL_STROKE);
                        } else {
                            content.setRenderingMode(RenderingMode.FILL);
                        }
                        content.newLineAtOffset(text.x(), height - text.baseline());
                        content.showText(text.text());
                        content.endText();
                    }
                }
            }
            document.save(out);
        }
    }

    private static void color(PDPageContentStream content, int rgb, boolean stroking) throws IOException {
        float r = ((rgb >> 16) & 0xFF) / 255f;
        float g = ((rgb >> 8) & 0xFF) / 255f;
        float b = (rgb & 0xFF) / 255f;
        if (stroking) {
            content.setStrokingColor(r, g, b);
        } else {
            content.setNonStrokingColor(r, g, b);
        }
    }
}
