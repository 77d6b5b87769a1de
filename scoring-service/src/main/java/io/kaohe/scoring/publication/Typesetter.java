package io.kaohe.scoring.publication;

import java.util.ArrayList;
import java.util.List;

/**
 * Lays text out on pages for the fixed-layout formats (PDF, OFD): lines broken to the width (CJK
 * anywhere, ASCII words whole, closing punctuation never at a line's start), pages turned when full,
 * tables whose header repeats on every page and whose rows continue on the next page when taller than
 * what is left. Coordinates are points from the page's top left; {@link Text#baseline} is where the
 * text sits. Not thread-safe: one per document.
 */
final class Typesetter {

    static final float MM = 72f / 25.4f;
    static final int BLACK = 0x000000;

    /** A character's advance in ems. */
    interface Metrics {
        float advance(int codePoint);
    }

    enum Align { LEFT, CENTER, RIGHT }

    /** A page's size and margins, in points. */
    record Geometry(float width, float height, float top, float bottom, float left, float right) {
        static final Geometry PORTRAIT = new Geometry(210 * MM, 297 * MM, 37 * MM, 35 * MM, 28 * MM, 26 * MM);
        static final Geometry LANDSCAPE = new Geometry(297 * MM, 210 * MM, 20 * MM, 22 * MM, 20 * MM, 20 * MM);

        float textWidth() {
            return width - left - right;
        }
    }

    record Page(Geometry geometry, List<Text> texts, List<Rule> rules) {
    }

    record Text(float x, float baseline, float size, String text, int rgb, boolean bold) {
    }

    record Rule(float x1, float y1, float x2, float y2, float width, int rgb) {
    }

    /** How a paragraph is set: size and leading in points, indents in ems. */
    record Style(float size, float leading, Align align, float firstIndent, float rightIndent, int rgb, boolean bold) {
        Style indented(float ems) {
            return new Style(size, leading, align, ems, rightIndent, rgb, bold);
        }

        Style aligned(Align to) {
            return new Style(size, leading, to, firstIndent, rightIndent, rgb, bold);
        }
    }

    /** A table row: one text per column, or a single text across all columns. */
    record Row(List<String> cells, List<Align> aligns, boolean spanning) {
    }

    private static final String CLOSING = "，。、；：！？）》」』】〕”’…—%,.;:!?)]}";
    private static final String OPENING = "（《「『【〔“‘([{";
    private static final float PAD = 3f;

    private final Metrics metrics;
    private final List<Page> pages = new ArrayList<>();
    private Page page;
    private float y;

    Typesetter(Metrics metrics) {
        this.metrics = metrics;
    }

    void newPage(Geometry geometry) {
        page = new Page(geometry, new ArrayList<>(), new ArrayList<>());
        pages.add(page);
        y = geometry.top();
    }

    Geometry geometry() {
        return page.geometry();
    }

    void gap(float points) {
        y += points;
    }

    float width(String text, float size) {
        float ems = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            ems += emWidth(c);
            i += Character.charCount(c);
        }
        return ems * size;
    }

    /** ASCII as the font sets it; anything else at least one em, as OFD readers space it. */
    private float emWidth(int c) {
        float advance = metrics.advance(c);
        return c >= 32 && c <= 126 ? advance : Math.max(1f, advance);
    }

    void paragraph(String text, Style style) {
        Geometry g = page.geometry();
        float left = g.left();
        float width = g.textWidth() - style.rightIndent() * style.size();
        List<String> lines = wrap(text, style.size(), width, style.firstIndent() * style.size());
        for (int i = 0; i < lines.size(); i++) {
            if (y + style.leading() > g.height() - g.bottom()) {
                newPage(g);
            }
            String line = lines.get(i);
            float indent = i == 0 ? style.firstIndent() * style.size() : 0;
            float w = width(line, style.size());
            float x = switch (style.align()) {
                case LEFT -> left + indent;
                case CENTER -> left + (width - w) / 2;
                case RIGHT -> left + width - w;
            };
            page.texts().add(new Text(x, y + baseline(style.size(), style.leading()), style.size(), line, style.rgb(),
                    style.bold()));
            y += style.leading();
        }
    }

    /** A rule across the text width at the cursor. */
    void rule(float thickness, int rgb) {
        Geometry g = page.geometry();
        page.rules().add(new Rule(g.left(), y, g.width() - g.right(), y, thickness, rgb));
    }

    /** The table, its header repeated at the top of every page it runs onto. */
    void table(float[] widths, Row header, List<Row> rows, float size, float leading) {
        TableRun run = new TableRun(widths, header, size, leading);
        run.place(header, true);
        for (Row row : rows) {
            run.place(row, false);
        }
    }

    /** One table being set: where its header ended on the current page. */
    private final class TableRun {
        private final float[] widths;
        private final Row header;
        private final float size;
        private final float leading;
        private Page headedPage;
        private float headedAt;
        private float headerHeight;

        TableRun(float[] widths, Row header, float size, float leading) {
            this.widths = widths;
            this.header = header;
            this.size = size;
            this.leading = leading;
        }

        /** Places a row, turning the page before it if it would fit whole on a fresh one, else splitting it. */
        void place(Row row, boolean isHeader) {
            List<float[]> spans = spans(widths, row);
            List<List<String>> cells = new ArrayList<>();
            for (int c = 0; c < spans.size(); c++) {
                List<String> lines = new ArrayList<>();
                for (String part : row.cells().get(c).split("\n", -1)) {
                    lines.addAll(wrap(part, size, spans.get(c)[1] - 2 * PAD, 0));
                }
                cells.add(lines);
            }
            int[] next = new int[cells.size()];
            float drawn = 0;
            while (true) {
                Geometry g = page.geometry();
                float bottom = g.height() - g.bottom();
                int fit = (int) Math.floor((bottom - y - 2 * PAD) / leading);
                int remaining = 1;
                for (int c = 0; c < cells.size(); c++) {
                    remaining = Math.max(remaining, cells.get(c).size() - next[c]);
                }
                boolean fresh = isHeader || (page == headedPage && y == headedAt);
                boolean fitsFresh = remaining * leading + 2 * PAD <= bottom - g.top() - headerHeight;
                if (fit < 1 || (fit < remaining && !fresh && fitsFresh)) {
                    turn(isHeader);
                    continue;
                }
                int take = Math.min(fit, remaining);
                float height = take * leading + 2 * PAD;
                for (int c = 0; c < cells.size(); c++) {
                    float[] span = spans.get(c);
                    Align align = row.spanning() ? Align.LEFT : row.aligns().get(c);
                    for (int i = 0; i < take && next[c] < cells.get(c).size(); i++, next[c]++) {
                        String line = cells.get(c).get(next[c]);
                        float w = width(line, size);
                        float x = switch (align) {
                            case LEFT -> span[0] + PAD;
                            case CENTER -> span[0] + (span[1] - w) / 2;
                            case RIGHT -> span[0] + span[1] - PAD - w;
                        };
                        page.texts().add(new Text(x, y + PAD + i * leading + baseline(size, leading), size, line,
                                BLACK, isHeader || row.spanning()));
                    }
                }
                float[] last = spans.get(spans.size() - 1);
                box(g.left(), y, last[0] + last[1], y + height, spans);
                y += height;
                drawn = height;
                boolean more = false;
                for (int c = 0; c < cells.size(); c++) {
                    more |= next[c] < cells.get(c).size();
                }
                if (!more) {
                    break;
                }
                turn(isHeader);
            }
            if (isHeader) {
                headedPage = page;
                headedAt = y;
                headerHeight = drawn;
            }
        }

        private void turn(boolean isHeader) {
            newPage(page.geometry());
            if (!isHeader) {
                place(header, true);
            }
        }
    }

    /** Each cell's left edge and width: the columns', or one across them all. */
    private List<float[]> spans(float[] widths, Row row) {
        List<float[]> spans = new ArrayList<>();
        float x = page.geometry().left();
        if (row.spanning()) {
            float total = 0;
            for (float w : widths) {
                total += w;
            }
            spans.add(new float[] {x, total});
            return spans;
        }
        for (float w : widths) {
            spans.add(new float[] {x, w});
            x += w;
        }
        return spans;
    }

    private void box(float x1, float y1, float x2, float y2, List<float[]> spans) {
        float t = 0.5f;
        page.rules().add(new Rule(x1, y1, x2, y1, t, BLACK));
        page.rules().add(new Rule(x1, y2, x2, y2, t, BLACK));
        page.rules().add(new Rule(x1, y1, x1, y2, t, BLACK));
        for (float[] span : spans) {
            page.rules().add(new Rule(span[0] + span[1], y1, span[0] + span[1], y2, t, BLACK));
        }
    }

    /** The pages, each numbered "— n —" at its foot, and marked as a preview when {@code draft}. */
    List<Page> finish(boolean draft, String draftMark) {
        for (int i = 0; i < pages.size(); i++) {
            Page p = pages.get(i);
            Geometry g = p.geometry();
            String number = "— " + (i + 1) + " —";
            float size = 12f;
            p.texts().add(new Text((g.width() - width(number, size)) / 2, g.height() - g.bottom() + 7 * MM + size,
                    size, number, BLACK, false));
            if (draft) {
                p.texts().add(new Text(g.left(), g.top() - 6 * MM, 10f, draftMark, 0x808080, false));
            }
        }
        return List.copyOf(pages);
    }

    /** Where the baseline sits in a line box of {@code leading}: the glyphs centred, descent below. */
    private static float baseline(float size, float leading) {
        return (leading - size) / 2 + size * 0.86f;
    }

    /** Breaks a text (without line breaks) into lines no wider than {@code width}, the first narrower by {@code indent}. */
    List<String> wrap(String text, float size, float width, float indent) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        float used = 0;
        float room = width - indent;
        for (String token : tokens(text)) {
            float w = width(token, size);
            if (used + w <= room || (line.length() > 0 && CLOSING.contains(token))) {
                line.append(token);
                used += w;
                continue;
            }
            if (line.length() > 0 && w <= width) {
                String carried = "";
                if (line.length() > 1 && OPENING.indexOf(line.charAt(line.length() - 1)) >= 0) {
                    carried = line.substring(line.length() - 1);
                    line.setLength(line.length() - 1);
                }
                lines.add(line.toString());
                line = new StringBuilder(carried);
                used = width(carried, size);
                room = width;
                if (!token.isBlank()) {
                    line.append(token);
                    used += w;
                }
                continue;
            }
            for (int i = 0; i < token.length(); ) {
                int c = token.codePointAt(i);
                float cw = emWidth(c) * size;
                if (used + cw > room && line.length() > 0) {
                    lines.add(line.toString());
                    line = new StringBuilder();
                    used = 0;
                    room = width;
                }
                line.appendCodePoint(c);
                used += cw;
                i += Character.charCount(c);
            }
        }
        if (line.length() > 0 || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** ASCII words and runs of spaces whole; every other character on its own. */
    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int c = text.codePointAt(i);
            int j = i + Character.charCount(c);
            if (c > ' ' && c <= '~') {
                while (j < text.length() && text.charAt(j) > ' ' && text.charAt(j) <= '~') {
                    j++;
                }
            } else if (c == ' ') {
                while (j < text.length() && text.charAt(j) == ' ') {
                    j++;
                }
            }
            tokens.add(text.substring(i, j));
            i = j;
        }
        return tokens;
    }
}
