package io.kaohe.scoring.publication;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ofdrw.font.Font;
import org.ofdrw.layout.OFDDoc;
import org.ofdrw.layout.PageLayout;
import org.ofdrw.layout.VirtualPage;
import org.ofdrw.layout.element.canvas.Canvas;
import org.ofdrw.layout.element.canvas.DrawContext;
import org.ofdrw.layout.element.canvas.FontSetting;
import org.springframework.util.FileSystemUtils;

/**
 * The 通报 as OFD (GB/T 33190, the national format for electronic official documents) with ofdrw: the
 * laid-out pages drawn on one canvas each, the CJK font embedded as a font resource holding only the
 * glyphs used (a subset written by FontBox), the ASCII widths taken from the font so text sits where
 * it was laid out.
 */
final class NoticeOfd {

    private NoticeOfd() {
    }

    static void write(Notice notice, NoticeFont.Opened font, OutputStream out) throws IOException {
        List<Typesetter.Page> pages = NoticeLayout.pages(notice, font);
        Set<Integer> used = new HashSet<>();
        pages.forEach(p -> p.texts().forEach(t -> t.text().codePoints().forEach(used::add)));
        Path dir = Files.createTempDirectory("notice-ofd-");
        try {
            Path file = dir.resolve(font.postScriptName().replaceAll("[^A-Za-z0-9_-]", "") + "-subset.ttf");
            Files.write(file, font.subset(used));
            Font face = new Font(font.postScriptName(), font.family(), file, font.asciiWidths());
            try (OFDDoc document = new OFDDoc(out)) {
                for (Typesetter.Page page : pages) {
                    double width = mm(page.geometry().width());
                    double height = mm(page.geometry().height());
                    VirtualPage virtual = new VirtualPage(new PageLayout(width, height).setMargin(0d));
                    Canvas canvas = new Canvas(0, 0, width, height);
                    canvas.setDrawer(ctx -> draw(ctx, page, face));
                    virtual.add(canvas);
                    document.addVPage(virtual);
                }
            }
        } finally {
            FileSystemUtils.deleteRecursively(dir);
        }
    }

    private static void draw(DrawContext ctx, Typesetter.Page page, Font face) throws IOException {
        for (Typesetter.Rule rule : page.rules()) {
            int[] rgb = rgb(rule.rgb());
            ctx.setStrokeColor(rgb[0], rgb[1], rgb[2]);
            ctx.setLineWidth(mm(rule.width()));
            ctx.beginPath();
            ctx.moveTo(mm(rule.x1()), mm(rule.y1()));
            ctx.lineTo(mm(rule.x2()), mm(rule.y2()));
            ctx.stroke();
        }
        for (Typesetter.Text text : page.texts()) {
            if (text.text().isBlank()) {
                continue;
            }
            FontSetting setting = new FontSetting(mm(text.size()), face);
            if (text.bold()) {
                setting.setBold();
            }
            int[] rgb = rgb(text.rgb());
            ctx.setFont(setting);
            ctx.setFillColor(rgb[0], rgb[1], rgb[2]);
            ctx.fillText(text.text(), mm(text.x()), mm(text.baseline()));
        }
    }

    private static double mm(float points) {
        return points / Typesetter.MM;
    }

    private static int[] rgb(int rgb) {
        return new int[] {(rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF};
    }
}
