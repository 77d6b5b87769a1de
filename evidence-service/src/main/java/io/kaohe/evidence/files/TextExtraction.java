package io.kaohe.evidence.files;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.BodyContentHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Extracts the text of stored evidence for search, one file at a time in the background so that
 * uploads never wait for it and memory stays bounded: at most {@code maxTextChars} characters per
 * file, files above {@code maxTextFileSize} and pictures are skipped. Tika reads PDF, Word, Excel,
 * PowerPoint and text (any encoding); OFD's text is read from its page XML.
 */
@Component
class TextExtraction {

    private static final Logger log = LoggerFactory.getLogger(TextExtraction.class);
    private static final Pattern OFD_PAGE = Pattern.compile("(?i)^Doc_(\\d+)/Pages/Page_(\\d+)/Content\\.xml$");

    private final JdbcClient db;
    private final EvidenceBucket bucket;
    private final TransactionTemplate transaction;
    private final AutoDetectParser parser = new AutoDetectParser();
    private final int maxChars;
    private final long maxFileSize;

    TextExtraction(JdbcClient db, EvidenceBucket bucket, TransactionTemplate transaction,
                   EvidenceProperties properties) {
        this.db = db;
        this.bucket = bucket;
        this.transaction = transaction;
        this.maxChars = properties.maxTextChars();
        this.maxFileSize = properties.maxTextFileSize().toBytes();
    }

    @Scheduled(initialDelayString = "${kaohe.evidence.text-every:PT2S}", fixedDelayString = "${kaohe.evidence.text-every:PT2S}")
    void extractPending() {
        for (int i = 0; i < 20; i++) {
            Boolean found = transaction.execute(tx -> extractOne());
            if (!Boolean.TRUE.equals(found)) {
                return;
            }
        }
    }

    /** Extracts the oldest pending file's text; the row stays locked meanwhile so that replicas share the work. */
    private boolean extractOne() {
        var pending = db.sql("""
                select b.sha256, b.storage_key, b.size, b.content_type, %s from evidence_blob b
                where b.text_status = :pending order by b.stored_at limit 1 for update skip locked
                """.formatted(Envelope.columns("b"))).param("pending", TextStatus.PENDING.name())
                .query((rs, n) -> new Pending(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        Envelope.of(rs))).optional();
        if (pending.isEmpty()) {
            return false;
        }
        String sha = pending.get().sha256();
        String key = pending.get().key();
        long size = pending.get().size();
        Envelope envelope = pending.get().envelope();
        EvidenceType type = EvidenceType.ofMediaType(pending.get().contentType());
        TextStatus status;
        String text = null;
        if (type == EvidenceType.JPEG || type == EvidenceType.PNG || size > maxFileSize) {
            status = TextStatus.SKIPPED;
        } else {
            try {
                text = type == EvidenceType.OFD ? ofdText(key, size, envelope) : tikaText(key, envelope, type);
                status = TextStatus.DONE;
            } catch (Exception | StackOverflowError e) {
                log.warn("no text from {} ({}): {}", sha, type.mediaType, e.toString());
                status = TextStatus.FAILED;
            }
        }
        db.sql("""
                update evidence_blob set text_status = :status, text_content = :text
                where sha256 = :sha and text_status = any(:from)
                """).param("status", status.name()).param("text", text == null ? null : clean(text)).param("sha", sha)
                .param("from", TextStatus.into(status)).update();
        return true;
    }

    private record Pending(String sha256, String key, long size, String contentType, Envelope envelope) {
    }

    private String tikaText(String key, Envelope envelope, EvidenceType type) throws Exception {
        BodyContentHandler handler = new BodyContentHandler(maxChars);
        Metadata metadata = new Metadata();
        metadata.set(Metadata.CONTENT_TYPE, type.mediaType);
        // TikaInputStream spools to a temporary file where a parser needs random access (PDF, OOXML).
        try (InputStream in = TikaInputStream.get(bucket.open(key, envelope))) {
            parser.parse(in, handler, metadata, new ParseContext());
        } catch (Exception e) {
            if (!WriteLimitReachedException.isWriteLimitReached(e)) {
                throw e;
            }
        }
        return handler.toString();
    }

    private String ofdText(String key, long size, Envelope envelope) throws Exception {
        Map<Long, String> pages = new TreeMap<>();
        try (S3RangeChannel channel = bucket.channel(key, size, envelope);
             ZipFile zip = ZipFile.builder().setSeekableByteChannel(channel).get()) {
            List<ZipArchiveEntry> entries = new ArrayList<>(Collections.list(zip.getEntries()));
            int chars = 0;
            for (ZipArchiveEntry entry : entries) {
                Matcher page = OFD_PAGE.matcher(entry.getName());
                if (!page.matches() || chars >= maxChars) {
                    continue;
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    String text = textCodes(in, maxChars - chars);
                    chars += text.length();
                    pages.put(Long.parseLong(page.group(1)) * 1_000_000 + Long.parseLong(page.group(2)), text);
                }
            }
        }
        return String.join("\n", pages.values());
    }

    /** The text of an OFD page: its {@code TextCode} elements, in document order. */
    private static String textCodes(InputStream in, int limit) throws Exception {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XMLStreamReader xml = factory.createXMLStreamReader(in);
        StringBuilder text = new StringBuilder();
        boolean inText = false;
        while (xml.hasNext() && text.length() < limit) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT && "TextCode".equals(xml.getLocalName())) {
                inText = true;
            } else if (event == XMLStreamConstants.END_ELEMENT && "TextCode".equals(xml.getLocalName())) {
                inText = false;
            } else if (inText && (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA)) {
                text.append(xml.getText());
            } else if (event == XMLStreamConstants.END_ELEMENT && "TextObject".equals(xml.getLocalName())) {
                text.append('\n');
            }
        }
        xml.close();
        return text.length() > limit ? text.substring(0, limit) : text.toString();
    }

    /** PostgreSQL text cannot hold NUL. */
    private static String clean(String text) {
        return text.replace("\u0000", "").strip();
    }
}
