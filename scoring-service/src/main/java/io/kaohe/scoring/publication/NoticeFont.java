package io.kaohe.scoring.publication;

import io.kaohe.support.problems.ProblemException;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.OpenTypeFont;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TTFSubsetter;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The CJK font embedded in the 通报's PDF and OFD so that it prints the same everywhere: a TrueType
 * (glyf) font or collection from {@code KAOHE_NOTICE_FONT}, by default Debian's AR PL UMing (a Ming/Song
 * face suited to official documents). From a collection the face named by {@code kaohe.notice.font-name}
 * is taken, else its simplified-Chinese face (family ending in " CN"), else the first. CFF-flavoured
 * OpenType (e.g. Noto CJK) cannot be embedded by PDFBox and is refused. A missing or unusable font is
 * a clear 503 problem, never a 500.
 */
@Component
class NoticeFont {

    private static final Logger log = LoggerFactory.getLogger(NoticeFont.class);

    private final Path path;
    private final String faceName;

    NoticeFont(@Value("${kaohe.notice.font}") String path, @Value("${kaohe.notice.font-name:}") String faceName) {
        this.path = Path.of(path);
        this.faceName = faceName == null ? "" : faceName.strip();
    }

    /** Opens the font for one document (a font's tables are read lazily, so each document has its own). */
    Opened open() {
        if (!Files.isReadable(path)) {
            log.warn("the notice font {} is missing: set KAOHE_NOTICE_FONT or install fonts-arphic-uming", path);
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "scoring.notice.font-missing", path.toString());
        }
        TrueTypeCollection collection = null;
        TrueTypeFont font;
        try {
            if (isCollection(path)) {
                collection = new TrueTypeCollection(path.toFile());
                font = choose(collection);
            } else {
                font = new TTFParser().parse(new RandomAccessReadBufferedFile(path.toFile()));
            }
        } catch (IOException | RuntimeException e) {
            close(collection);
            log.warn("the notice font {} cannot be read: {}", path, e.toString());
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "scoring.notice.font-unusable", path.toString());
        }
        if (font == null || (font instanceof OpenTypeFont otf && otf.isPostScript())) {
            close(font);
            close(collection);
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "scoring.notice.font-unusable", path.toString());
        }
        try {
            return new Opened(font, collection);
        } catch (IOException e) {
            close(font);
            close(collection);
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "scoring.notice.font-unusable", path.toString());
        }
    }

    private TrueTypeFont choose(TrueTypeCollection collection) throws IOException {
        List<TrueTypeFont> faces = new ArrayList<>();
        collection.processAllFonts(faces::add);
        for (TrueTypeFont face : faces) {
            if (!faceName.isEmpty() && (faceName.equals(face.getName())
                    || faceName.equals(face.getNaming().getFontFamily()))) {
                return face;
            }
        }
        for (TrueTypeFont face : faces) {
            String family = face.getNaming() == null ? null : face.getNaming().getFontFamily();
            if (faceName.isEmpty() && family != null && family.endsWith(" CN")) {
                return face;
            }
        }
        return faces.isEmpty() ? null : faces.get(0);
    }

    private static boolean isCollection(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] tag = in.readNBytes(4);
            return tag.length == 4 && tag[0] == 't' && tag[1] == 't' && tag[2] == 'c' && tag[3] == 'f';
        }
    }

    private static void close(Closeable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (IOException e) {
                log.debug("closing the notice font failed", e);
            }
        }
    }

    /** One document's font: metrics, coverage, and the subset to embed. */
    static final class Opened implements Closeable, Typesetter.Metrics {

        private static final List<String> OUTLINE_TABLES = List.of("head", "hhea", "loca", "maxp", "cvt ", "prep",
                "glyf", "hmtx", "fpgm", "gasp", "cmap", "name", "OS/2", "post");

        /** What replaces a character the font has no glyph for. */
        private static final int MISSING = 0x25A1;

        private final TrueTypeFont font;
        private final TrueTypeCollection collection;
        private final CmapLookup cmap;
        private final float unitsPerEm;
        private final String family;

        private Opened(TrueTypeFont font, TrueTypeCollection collection) throws IOException {
            this.font = font;
            this.collection = collection;
            this.cmap = font.getUnicodeCmapLookup();
            this.unitsPerEm = font.getUnitsPerEm();
            String named = font.getNaming() == null ? null : font.getNaming().getFontFamily();
            this.family = named == null ? font.getName() : named;
        }

        TrueTypeFont font() {
            return font;
        }

        String family() {
            return family;
        }

        String postScriptName() {
            try {
                return font.getName();
            } catch (IOException e) {
                return family;
            }
        }

        boolean covers(int codePoint) {
            return cmap.getGlyphId(codePoint) != 0;
        }

        @Override
        public float advance(int codePoint) {
            int glyph = cmap.getGlyphId(codePoint);
            try {
                return font.getAdvanceWidth(glyph) / unitsPerEm;
            } catch (IOException e) {
                return 1f;
            }
        }

        /**
         * The text with what the font cannot draw replaced (□) and control characters other than line
         * breaks dropped: a PDF would otherwise refuse to show it.
         */
        String printable(String text) {
            if (text == null) {
                return "";
            }
            StringBuilder out = new StringBuilder(text.length());
            text.codePoints().forEach(c -> {
                if (c == '\n') {
                    out.append('\n');
                } else if (c == '\t') {
                    out.append(' ');
                } else if (!Character.isISOControl(c) && c != 0xFEFF) {
                    out.appendCodePoint(covers(c) ? c : covers(MISSING) ? MISSING : '?');
                }
            });
            return out.toString();
        }

        /** Widths of the printable ASCII characters (32–126) in ems, as ofdrw lays them out. */
        double[] asciiWidths() {
            double[] widths = new double[95];
            for (int c = 32; c <= 126; c++) {
                widths[c - 32] = advance(c);
            }
            return widths;
        }

        /**
         * A standalone TrueType font with only these characters' outlines, for an OFD's font resource. The
         * tables are named: left to itself the subsetter would copy every other table whole (AR PL UMing's
         * embedded bitmaps alone are 2.5 MB).
         */
        byte[] subset(Set<Integer> codePoints) throws IOException {
            TTFSubsetter subsetter = new TTFSubsetter(font, OUTLINE_TABLES);
            subsetter.addAll(codePoints);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            subsetter.writeToStream(out);
            return out.toByteArray();
        }

        @Override
        public void close() {
            NoticeFont.close(font);
            NoticeFont.close(collection);
        }
    }
}
