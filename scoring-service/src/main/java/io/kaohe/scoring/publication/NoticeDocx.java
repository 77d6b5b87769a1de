package io.kaohe.scoring.publication;

import io.kaohe.scoring.results.Points;
import io.kaohe.scoring.results.ResultsTable;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.util.List;
import org.apache.poi.wp.usermodel.HeaderFooterType;
import org.apache.poi.xwpf.usermodel.LineSpacingRule;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFFooter;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTBorder;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STBorder;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STHdrFtr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STPageOrientation;

/**
 * The 通报 as Word (.docx) with POI's XWPF, in the faces official documents use (方正小标宋简体 for the
 * letterhead and title, 仿宋_GB2312 for the text, 宋体 in the table; Word substitutes a face a machine
 * lacks): an A4 portrait section for the notice and a landscape one for the attached 汇总表, whose
 * header row repeats on every page. Page numbers "— n —" in the footer of both.
 */
final class NoticeDocx {

    private static final String TITLE_FACE = "方正小标宋简体";
    private static final String BODY_FACE = "仿宋_GB2312";
    private static final String TABLE_FACE = "宋体";
    private static final String HEADING_FACE = "黑体";
    private static final String RED = "C00000";
    /** Twips per millimetre. */
    private static final double TWIPS = 1440 / 25.4;
    /** Two characters of the 16 pt text, in twips. */
    private static final int INDENT = 640;

    private NoticeDocx() {
    }

    static void write(Notice notice, OutputStream out) throws IOException {
        try (XWPFDocument doc = new XWPFDocument()) {
            XWPFFooter footer = doc.createFooter(HeaderFooterType.DEFAULT);
            XWPFParagraph number = footer.createParagraph();
            number.setAlignment(ParagraphAlignment.CENTER);
            run(number, "— ", BODY_FACE, 14, false, null);
            number.getCTP().addNewFldSimple().setInstr("PAGE");
            run(number, " —", BODY_FACE, 14, false, null);

            if (notice.issuingBody() != null) {
                XWPFParagraph p = paragraph(doc, ParagraphAlignment.CENTER, 0);
                run(p, notice.issuingBody(), TITLE_FACE, 26, true, RED);
            }
            if (notice.documentNumber() != null) {
                run(paragraph(doc, ParagraphAlignment.CENTER, 0), notice.documentNumber(), BODY_FACE, 16, false, null);
            }
            if (notice.issuingBody() != null || notice.documentNumber() != null) {
                XWPFParagraph rule = paragraph(doc, ParagraphAlignment.CENTER, 0);
                CTBorder bottom = rule.getCTP().addNewPPr().addNewPBdr().addNewBottom();
                bottom.setVal(STBorder.SINGLE);
                bottom.setColor(RED);
                bottom.setSz(BigInteger.valueOf(12));
            }
            XWPFParagraph title = paragraph(doc, ParagraphAlignment.CENTER, 0);
            title.setSpacingBefore(240);
            title.setSpacingAfter(240);
            run(title, notice.title(), TITLE_FACE, 22, false, null);
            for (String text : notice.paragraphs()) {
                body(doc, text, Notice.isAddressee(text) ? 0 : INDENT);
            }
            for (String grades : notice.gradeParagraphs()) {
                body(doc, grades, INDENT);
            }
            body(doc, "", 0);
            body(doc, "附件：" + notice.attachmentTitle(), INDENT);
            body(doc, "", 0);
            body(doc, "", 0);
            if (notice.issuingBody() != null) {
                right(doc, notice.issuingBody());
            }
            XWPFParagraph date = right(doc, notice.date());
            // The notice's section ends here: A4 portrait, GB/T 9704 margins, the same footer.
            CTSectPr portrait = date.getCTP().addNewPPr().addNewSectPr();
            page(portrait, 210, 297, false, 37, 35, 28, 26);
            var ref = portrait.addNewFooterReference();
            ref.setType(STHdrFtr.DEFAULT);
            ref.setId(doc.getRelationId(footer));

            run(paragraph(doc, ParagraphAlignment.LEFT, 0), "附件", HEADING_FACE, 16, false, null);
            XWPFParagraph heading = paragraph(doc, ParagraphAlignment.CENTER, 0);
            heading.setSpacingAfter(200);
            run(heading, notice.attachmentTitle(), TITLE_FACE, 18, false, null);
            table(doc, notice.table());
            page(doc.getDocument().getBody().isSetSectPr() ? doc.getDocument().getBody().getSectPr()
                    : doc.getDocument().getBody().addNewSectPr(), 297, 210, true, 20, 22, 20, 20);
            doc.write(out);
        }
    }

    private static void table(XWPFDocument doc, ResultsTable results) {
        double[] mm = {36, 0, 16, 34};
        mm[1] = 257 - mm[0] - mm[2] - mm[3];
        XWPFTable table = doc.createTable(1, 4);
        table.setWidth((int) Math.round(257 * TWIPS));
        var grid = table.getCTTbl().getTblGrid() != null ? table.getCTTbl().getTblGrid()
                : table.getCTTbl().addNewTblGrid();
        for (int c = 0; c < 4; c++) {
            var column = c < grid.sizeOfGridColArray() ? grid.getGridColArray(c) : grid.addNewGridCol();
            column.setW(BigInteger.valueOf(Math.round(mm[c] * TWIPS)));
        }
        XWPFTableRow header = table.getRow(0);
        header.setRepeatHeader(true);
        for (int c = 0; c < 4; c++) {
            cell(header.getCell(c), NoticeText.HEADER[c], true, ParagraphAlignment.CENTER, mm[c]);
        }
        List<ParagraphAlignment> aligns = List.of(ParagraphAlignment.CENTER, ParagraphAlignment.LEFT,
                ParagraphAlignment.CENTER, ParagraphAlignment.LEFT);
        for (ResultsTable.Group group : results.groups()) {
            XWPFTableRow head = table.createRow();
            for (int c = 3; c >= 1; c--) {
                head.removeCell(c);
            }
            XWPFTableCell across = head.getCell(0);
            across.getCTTc().addNewTcPr().addNewGridSpan().setVal(BigInteger.valueOf(4));
            cell(across, group.categoryName(), true, ParagraphAlignment.LEFT, 257);
            row(table.createRow(), List.of(NoticeText.FIRST_ROW, group.templateText(), Points.plain(group.maximum()),
                    ""), aligns, mm);
            for (ResultsTable.Row row : group.rows()) {
                row(table.createRow(), List.of(row.unitName(), row.completion(), Points.plain(row.total()),
                        row.remarkAsPrinted()), aligns, mm);
            }
        }
    }

    private static void row(XWPFTableRow row, List<String> texts, List<ParagraphAlignment> aligns, double[] mm) {
        for (int c = 0; c < texts.size(); c++) {
            cell(row.getCell(c), texts.get(c), false, aligns.get(c), mm[c]);
        }
    }

    /** One paragraph per line of the text. */
    private static void cell(XWPFTableCell cell, String text, boolean bold, ParagraphAlignment align, double mm) {
        cell.getCTTc().addNewTcPr().addNewTcW().setW(BigInteger.valueOf(Math.round(mm * TWIPS)));
        String[] lines = xmlSafe(NoticeText.capped(text)).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            XWPFParagraph p = i == 0 ? cell.getParagraphs().get(0) : cell.addParagraph();
            p.setAlignment(align);
            run(p, lines[i], TABLE_FACE, 10.5, bold, null);
        }
    }

    private static XWPFParagraph paragraph(XWPFDocument doc, ParagraphAlignment align, int firstLine) {
        XWPFParagraph p = doc.createParagraph();
        p.setAlignment(align);
        if (firstLine > 0) {
            p.setIndentationFirstLine(firstLine);
        }
        return p;
    }

    /** A line of the text: 3号 仿宋, 22 lines to the page (exactly 28.95 pt apart). */
    private static void body(XWPFDocument doc, String text, int firstLine) {
        XWPFParagraph p = paragraph(doc, ParagraphAlignment.BOTH, firstLine);
        p.setSpacingBetween(28.95, LineSpacingRule.EXACT);
        run(p, text, BODY_FACE, 16, false, null);
    }

    /** Signature and date, right-aligned four characters in from the margin. */
    private static XWPFParagraph right(XWPFDocument doc, String text) {
        XWPFParagraph p = paragraph(doc, ParagraphAlignment.RIGHT, 0);
        p.setIndentationRight(2 * INDENT);
        p.setSpacingBetween(28.95, LineSpacingRule.EXACT);
        run(p, text, BODY_FACE, 16, false, null);
        return p;
    }

    private static void run(XWPFParagraph p, String text, String face, double size, boolean bold, String color) {
        XWPFRun r = p.createRun();
        r.setText(xmlSafe(text));
        r.setFontFamily(face, XWPFRun.FontCharRange.eastAsia);
        r.setFontFamily("Times New Roman", XWPFRun.FontCharRange.ascii);
        r.setFontFamily("Times New Roman", XWPFRun.FontCharRange.hAnsi);
        r.setFontSize(size);
        r.setBold(bold);
        if (color != null) {
            r.setColor(color);
        }
    }

    private static void page(CTSectPr section, int widthMm, int heightMm, boolean landscape, int top, int bottom,
                             int left, int right) {
        CTPageSz size = section.isSetPgSz() ? section.getPgSz() : section.addNewPgSz();
        size.setW(BigInteger.valueOf(Math.round(widthMm * TWIPS)));
        size.setH(BigInteger.valueOf(Math.round(heightMm * TWIPS)));
        size.setOrient(landscape ? STPageOrientation.LANDSCAPE : STPageOrientation.PORTRAIT);
        CTPageMar margins = section.isSetPgMar() ? section.getPgMar() : section.addNewPgMar();
        margins.setTop(BigInteger.valueOf(Math.round(top * TWIPS)));
        margins.setBottom(BigInteger.valueOf(Math.round(bottom * TWIPS)));
        margins.setLeft(BigInteger.valueOf(Math.round(left * TWIPS)));
        margins.setRight(BigInteger.valueOf(Math.round(right * TWIPS)));
    }

    /** Without what XML cannot carry (control characters other than line breaks and tabs). */
    static String xmlSafe(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            boolean allowed = c == '\n' || c == '\t' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                    || c >= 0x10000;
            if (allowed) {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
