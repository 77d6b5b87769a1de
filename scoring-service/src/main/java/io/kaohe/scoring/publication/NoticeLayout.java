package io.kaohe.scoring.publication;

import io.kaohe.scoring.publication.Typesetter.Align;
import io.kaohe.scoring.publication.Typesetter.Geometry;
import io.kaohe.scoring.publication.Typesetter.Row;
import io.kaohe.scoring.publication.Typesetter.Style;
import io.kaohe.scoring.results.Points;
import io.kaohe.scoring.results.ResultsTable;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each part of a 通报 goes on the page, after GB/T 9704 (党政机关公文格式) as far as one embedded
 * face allows: the issuing body in red over the document number and a red rule, the title, the text with
 * two-character indents, the grade lists, the note of the attachment, signature and date; then, on
 * landscape pages, the 汇总表 with its header on every page. Used for PDF and OFD alike.
 */
final class NoticeLayout {

    static final int RED = 0xC00000;
    private static final float BODY = 16f;
    private static final float LEADING = 29f;

    private NoticeLayout() {
    }

    static List<Typesetter.Page> pages(Notice notice, NoticeFont.Opened font) {
        Typesetter t = new Typesetter(font);
        t.newPage(Geometry.PORTRAIT);
        Style body = new Style(BODY, LEADING, Align.LEFT, 2, 0, Typesetter.BLACK, false);
        boolean letterhead = notice.issuingBody() != null || notice.documentNumber() != null;
        if (notice.issuingBody() != null) {
            t.paragraph(font.printable(notice.issuingBody()), new Style(26, 40, Align.CENTER, 0, 0, RED, true));
            t.gap(8);
        }
        if (notice.documentNumber() != null) {
            t.paragraph(font.printable(notice.documentNumber()), body.indented(0).aligned(Align.CENTER));
        }
        if (letterhead) {
            t.gap(4);
            t.rule(1.2f, RED);
            t.gap(22);
        }
        t.paragraph(font.printable(notice.title()), new Style(22, 34, Align.CENTER, 0, 0, Typesetter.BLACK, true));
        t.gap(14);
        for (String paragraph : notice.paragraphs()) {
            t.paragraph(font.printable(paragraph), Notice.isAddressee(paragraph) ? body.indented(0) : body);
        }
        for (String grades : notice.gradeParagraphs()) {
            t.paragraph(font.printable(grades), body);
        }
        t.gap(LEADING);
        t.paragraph(font.printable("附件：" + notice.attachmentTitle()), body);
        t.gap(2 * LEADING);
        Style signature = new Style(BODY, LEADING, Align.RIGHT, 0, 4, Typesetter.BLACK, false);
        if (notice.issuingBody() != null) {
            t.paragraph(font.printable(notice.issuingBody()), signature);
        }
        t.paragraph(notice.date(), signature);

        t.newPage(Geometry.LANDSCAPE);
        t.paragraph("附件", new Style(BODY, 24, Align.LEFT, 0, 0, Typesetter.BLACK, true));
        t.paragraph(font.printable(notice.attachmentTitle()),
                new Style(18, 30, Align.CENTER, 0, 0, Typesetter.BLACK, true));
        t.gap(6);
        float unit = 36 * Typesetter.MM;
        float score = 16 * Typesetter.MM;
        float remark = 34 * Typesetter.MM;
        float[] widths = {unit, t.geometry().textWidth() - unit - score - remark, score, remark};
        List<Align> aligns = List.of(Align.CENTER, Align.LEFT, Align.CENTER, Align.LEFT);
        Row header = new Row(List.of(NoticeText.HEADER), List.of(Align.CENTER, Align.CENTER, Align.CENTER,
                Align.CENTER), false);
        List<Row> rows = new ArrayList<>();
        for (ResultsTable.Group group : notice.table().groups()) {
            rows.add(new Row(List.of(font.printable(group.categoryName())), List.of(Align.LEFT), true));
            rows.add(new Row(List.of(NoticeText.FIRST_ROW, cell(font, group.templateText()),
                    Points.plain(group.maximum()), ""), aligns, false));
            for (ResultsTable.Row row : group.rows()) {
                rows.add(new Row(List.of(cell(font, row.unitName()), cell(font, row.completion()),
                        Points.plain(row.total()), cell(font, row.remarkAsPrinted())), aligns, false));
            }
        }
        t.table(widths, header, rows, 10.5f, 15f);
        return t.finish(notice.draft(), NoticeText.DRAFT);
    }

    private static String cell(NoticeFont.Opened font, String text) {
        return font.printable(NoticeText.capped(text));
    }
}
