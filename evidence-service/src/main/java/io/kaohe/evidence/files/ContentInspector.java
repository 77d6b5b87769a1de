package io.kaohe.evidence.files;

import io.kaohe.support.problems.ProblemException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MimeTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Decides what a file is from its bytes: Tika's magic on the first bytes, then for containers
 * their directory (a zip's entries, an OLE2 file's streams) and for a PDF its objects (nothing may act). The name and the declared
 * Content-Type are never asked. Zip packages are inflated once, counting, to refuse zip bombs.
 */
@Component
class ContentInspector {

    private static final Logger log = LoggerFactory.getLogger(ContentInspector.class);

    private static final MimeTypes MAGIC = MimeTypes.getDefaultMimeTypes();
    private static final int MAX_ZIP_ENTRIES = 20_000;
    /** Below this an entry's expansion ratio is not suspicious (small XML parts compress very well). */
    private static final long RATIO_FLOOR = 1024 * 1024;

    private final long maxExpanded;
    private final int maxRatio;

    ContentInspector(EvidenceProperties properties) {
        this.maxExpanded = properties.maxExpandedSize().toBytes();
        this.maxRatio = properties.maxExpansionRatio();
    }

    /** The type the first bytes show, or a container to look into after the upload; refuses anything else. */
    Sniffed sniff(byte[] head, int length) {
        if (length == 0) {
            throw ProblemException.badRequest("evidence.file.empty");
        }
        String detected;
        try {
            detected = MAGIC.detect(new ByteArrayInputStream(head, 0, length), new Metadata()).getBaseType().toString();
        } catch (IOException e) {
            throw new IllegalStateException("reading bytes from memory failed", e);
        }
        return switch (detected) {
            case "application/pdf" -> new Sniffed(EvidenceType.PDF, Sniffed.Container.PDF);
            case "image/jpeg" -> Sniffed.of(EvidenceType.JPEG);
            case "image/png" -> Sniffed.of(EvidenceType.PNG);
            case "text/plain" -> Sniffed.of(EvidenceType.TEXT);
            case "application/zip", "application/x-tika-ooxml" -> Sniffed.container(Sniffed.Container.ZIP);
            case "application/x-tika-msoffice" -> Sniffed.container(Sniffed.Container.OLE2);
            case "application/octet-stream" -> {
                if (isChineseText(head, length)) {
                    yield Sniffed.of(EvidenceType.TEXT);
                }
                throw refused(detected);
            }
            default -> throw refused(detected);
        };
    }

    /** Looks into a stored container and says what it is, or refuses it. */
    EvidenceType inspect(Sniffed sniffed, S3RangeChannel channel) {
        return switch (sniffed.container()) {
            case NONE -> sniffed.type();
            case ZIP -> zip(channel);
            case OLE2 -> ole2(channel);
            case PDF -> pdf(channel);
        };
    }

    private EvidenceType pdf(S3RangeChannel channel) {
        String acting;
        try {
            acting = PdfActiveContent.of(new PdfActiveContent.ChannelRead(channel));
        } catch (PdfActiveContent.Encrypted e) {
            throw unsupported("evidence.file.encrypted");
        } catch (IOException | RuntimeException e) {
            // Bytes behind a PDF header that PDFBox cannot read at all (it repairs most damage itself) hold no
            // object it could find: kept as before this check, and said in the log.
            log.warn("a PDF PDFBox cannot read was accepted without looking into it: {}", e.toString());
            return EvidenceType.PDF;
        }
        if (acting != null) {
            throw new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "evidence.file.pdf-active", acting);
        }
        return EvidenceType.PDF;
    }

    private EvidenceType zip(S3RangeChannel channel) {
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(channel).get()) {
            Set<String> names = new HashSet<>();
            int count = 0;
            for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
                if (++count > MAX_ZIP_ENTRIES) {
                    throw unsupported("evidence.file.zip-bomb");
                }
                names.add(entry.getName());
                if (entry.getName().toLowerCase().endsWith("vbaproject.bin")) {
                    throw unsupported("evidence.file.macro");
                }
            }
            EvidenceType type;
            if (names.contains("OFD.xml")) {
                type = EvidenceType.OFD;
            } else if (names.contains("[Content_Types].xml") && names.contains("word/document.xml")) {
                type = EvidenceType.DOCX;
            } else if (names.contains("[Content_Types].xml") && names.contains("xl/workbook.xml")) {
                type = EvidenceType.XLSX;
            } else if (names.contains("[Content_Types].xml") && names.contains("ppt/presentation.xml")) {
                type = EvidenceType.PPTX;
            } else {
                throw refused("application/zip");
            }
            refuseBomb(zip);
            return type;
        } catch (IOException e) {
            throw unsupported("evidence.file.damaged");
        }
    }

    /** Inflates every entry, counting, and stops at the first sign of a bomb; the declared sizes may lie. */
    private void refuseBomb(ZipFile zip) throws IOException {
        byte[] scratch = new byte[64 * 1024];
        long expanded = 0;
        for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
            if (entry.isDirectory()) {
                continue;
            }
            long compressed = Math.max(1, entry.getCompressedSize());
            long entryExpanded = 0;
            try (InputStream in = zip.getInputStream(entry)) {
                int n;
                while ((n = in.read(scratch)) > 0) {
                    entryExpanded += n;
                    expanded += n;
                    if (expanded > maxExpanded
                            || (entryExpanded > RATIO_FLOOR && entryExpanded / compressed > maxRatio)) {
                        throw unsupported("evidence.file.zip-bomb");
                    }
                }
            }
        }
    }

    private EvidenceType ole2(S3RangeChannel channel) {
        try (POIFSFileSystem fs = new POIFSFileSystem(channel, true, true)) {
            DirectoryNode root = fs.getRoot();
            if (root.hasEntryCaseInsensitive("EncryptedPackage")) {
                throw unsupported("evidence.file.encrypted");
            }
            if (root.hasEntryCaseInsensitive("WordDocument")) {
                return EvidenceType.DOC;
            }
            if (root.hasEntryCaseInsensitive("Workbook") || root.hasEntryCaseInsensitive("Book")) {
                return EvidenceType.XLS;
            }
            if (root.hasEntryCaseInsensitive("PowerPoint Document")) {
                return EvidenceType.PPT;
            }
            throw refused("application/x-tika-msoffice");
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProblemException problem) {
                throw problem;
            }
            throw unsupported("evidence.file.damaged");
        }
    }

    /**
     * Plain text in a Chinese legacy encoding (GBK/GB18030): Tika's text check only knows ASCII and
     * UTF-8. It is text if it decodes strictly and has no control characters but line breaks and tabs.
     */
    static boolean isChineseText(byte[] head, int length) {
        CharsetDecoder decoder = java.nio.charset.Charset.forName("GB18030").newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(head, 0, length);
        CharBuffer out = CharBuffer.allocate(length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError() && in.remaining() > 4) {
            return false; // a fault before the last few bytes, which may be a character cut at the sniff window
        }
        out.flip();
        boolean nonAscii = false;
        while (out.hasRemaining()) {
            char c = out.get();
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') {
                return false;
            }
            if (c == 0x7f) {
                return false;
            }
            nonAscii |= c > 0x7f;
        }
        return nonAscii;
    }

    private static ProblemException refused(String detected) {
        return new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "evidence.file.type-refused", detected);
    }

    private static ProblemException unsupported(String code) {
        return new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, code);
    }
}
