package io.kaohe.scoring.publication;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaohe.scoring.publication.Typesetter.Align;
import io.kaohe.scoring.publication.Typesetter.Geometry;
import io.kaohe.scoring.publication.Typesetter.Row;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines and pages of the fixed-layout formats, measured with a face whose CJK is 1 em and ASCII half. */
class TypesetterTest {

    /** The results table's columns, as the 通报 sets them. */
    private static final float[] WIDTHS = {100, 300, 50, 100};
    private static final List<Align> ALIGNS = List.of(Align.CENTER, Align.LEFT, Align.CENTER, Align.LEFT);
    private static final Row HEADER = new Row(List.of("被考核单位", "指标完成情况", "得分", "备注"), ALIGNS, false);

    private final Typesetter t = new Typesetter(c -> c < 128 ? 0.5f : 1f);

    @Test
    void linesBreakAnywhereInChineseButNeverBeforeClosingOrAfterOpeningPunctuationNorInsideAWord() {
        assertThat(t.wrap("一二三四五，六", 10, 50, 0)).containsExactly("一二三四五，", "六");
        assertThat(t.wrap("一二三四（五）", 10, 50, 0)).containsExactly("一二三四", "（五）");
        assertThat(t.wrap("中文中abc123", 10, 50, 0)).containsExactly("中文中", "abc123");
        assertThat(t.wrap("一二三四五六七八", 10, 50, 20)).as("the first line indented by two")
                .containsExactly("一二三", "四五六七八");
        assertThat(t.wrap("", 10, 50, 0)).containsExactly("");
    }

    @Test
    void aTableRowTallerThanAPageContinuesOnTheNextWithTheHeaderRepeated() {
        t.newPage(Geometry.LANDSCAPE);
        String tall = String.join("\n", java.util.Collections.nCopies(60, "一行"));
        List<Row> rows = List.of(new Row(List.of("甲"), List.of(Align.LEFT), true),
                new Row(List.of("乙镇", tall, "9", ""), ALIGNS, false),
                new Row(List.of("丙镇", "同第一项", "10", ""), ALIGNS, false));
        t.table(WIDTHS, HEADER, rows, 10.5f, 15f);
        List<Typesetter.Page> pages = t.finish(false, "");
        assertThat(pages).hasSizeGreaterThanOrEqualTo(2);
        for (Typesetter.Page page : pages) {
            assertThat(page.texts()).as("the header on every page").anyMatch(x -> x.text().equals("被考核单位"));
            float bottom = page.geometry().height() - page.geometry().bottom();
            assertThat(page.rules()).allSatisfy(r -> assertThat(Math.max(r.y1(), r.y2())).isLessThanOrEqualTo(bottom));
        }
        long lines = pages.stream().flatMap(p -> p.texts().stream()).filter(x -> x.text().equals("一行")).count();
        assertThat(lines).as("every line of the tall row, once").isEqualTo(60);
        assertThat(pages.get(pages.size() - 1).texts()).anyMatch(x -> x.text().equals("同第一项"));
    }

    @Test
    void aRowThatFitsAFreshPageIsMovedWholeNotSplit() {
        t.newPage(Geometry.LANDSCAPE);
        List<Row> rows = new ArrayList<>();
        String eight = String.join("\n", java.util.Collections.nCopies(8, "八行之一"));
        for (int i = 0; i < 6; i++) {
            rows.add(new Row(List.of("单位" + i, eight, "1", ""), ALIGNS, false));
        }
        t.table(WIDTHS, HEADER, rows, 10.5f, 15f);
        List<Typesetter.Page> pages = t.finish(false, "");
        assertThat(pages).hasSize(2);
        for (Typesetter.Page page : pages) {
            long count = page.texts().stream().filter(x -> x.text().equals("八行之一")).count();
            assertThat(count % 8).as("whole rows on each page").isZero();
        }
    }

    @Test
    void everyPageIsNumberedAndAPreviewSaysSo() {
        t.newPage(Geometry.PORTRAIT);
        t.paragraph("正文", new Typesetter.Style(16, 29, Align.LEFT, 2, 0, Typesetter.BLACK, false));
        t.newPage(Geometry.LANDSCAPE);
        List<Typesetter.Page> pages = t.finish(true, "预览稿");
        assertThat(pages.get(1).texts()).extracting(Typesetter.Text::text).contains("— 2 —", "预览稿");
    }
}
