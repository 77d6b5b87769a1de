package io.kaohe.evidence.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.io.RandomAccessReadView;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

/**
 * A PDF that acts when a reviewer opens it or clicks in it is refused: scripts (JavaScript actions, {@code /JS}),
 * actions that launch a program, import data or open an embedded document, embedded files (a PDF carrying an
 * executable or another document is a polyglot), rich media. Every object of the file is looked at, also those
 * packed into compressed object streams, where a search of the raw bytes for "/JavaScript" finds nothing.
 */
final class PdfActiveContent {

    /** The action types (/S) that run something rather than move within the document. */
    private static final Set<COSName> ACTING = Set.of(COSName.JAVA_SCRIPT, COSName.getPDFName("Launch"),
            COSName.getPDFName("ImportData"), COSName.getPDFName("GoToE"), COSName.getPDFName("RichMediaExecute"),
            COSName.getPDFName("Rendition"), COSName.getPDFName("Movie"), COSName.getPDFName("Sound"));
    private static final COSName RICH_MEDIA = COSName.getPDFName("RichMedia");

    private PdfActiveContent() {
    }

    /** What in the PDF acts ("JavaScript", "Launch", "EmbeddedFile" …), or null when nothing does. */
    static String of(RandomAccessRead pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            COSDocument cos = document.getDocument();
            for (COSObjectKey key : cos.getXrefTable().keySet()) {
                COSBase object = cos.getObjectFromPool(key).getObject();
                if (object instanceof COSDictionary dictionary) {
                    String found = acting(dictionary);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        } catch (InvalidPasswordException e) {
            throw new Encrypted(e);
        }
    }

    private static String acting(COSDictionary dictionary) {
        COSName action = dictionary.getCOSName(COSName.S);
        if (action != null && ACTING.contains(action)) {
            return action.getName();
        }
        if (dictionary.containsKey(COSName.JS)) {
            return "JavaScript";
        }
        COSName type = dictionary.getCOSName(COSName.TYPE);
        if (COSName.EMBEDDED_FILE.equals(type) || dictionary.containsKey(COSName.EF)) {
            return "EmbeddedFile"; // the file itself, or a file specification carrying one
        }
        return RICH_MEDIA.equals(type) ? RICH_MEDIA.getName() : null;
    }

    /** A PDF that opens only with a password (an owner password alone does not stop reading it). */
    static final class Encrypted extends IOException {
        Encrypted(Throwable cause) {
            super(cause);
        }
    }

    /**
     * A stored object as PDFBox reads it: positioned reads through a channel, with a buffer of its own.
     * PDFBox reads a damaged file (no usable cross-reference table) a byte at a time while it searches the
     * whole file for its objects; one channel read per byte took minutes for a few megabytes.
     */
    static final class ChannelRead implements RandomAccessRead {
        private static final int BUFFER = 64 * 1024;

        private final FileChannel channel;
        private final long length;
        private final byte[] buffer = new byte[BUFFER];
        private long bufferStart;
        private int bufferLength;
        private long position;
        private boolean closed;

        ChannelRead(FileChannel channel) throws IOException {
            this.channel = channel;
            this.length = channel.size();
        }

        @Override
        public int read() throws IOException {
            if (position >= length) {
                return -1;
            }
            if (!buffered(position)) {
                fill(position);
            }
            return buffer[(int) (position++ - bufferStart)] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int count) throws IOException {
            if (position >= length) {
                return -1;
            }
            int wanted = (int) Math.min(count, length - position);
            if (wanted >= BUFFER) { // large reads go straight to the channel
                int n = channel.read(ByteBuffer.wrap(bytes, offset, wanted), position);
                if (n > 0) {
                    position += n;
                }
                return n;
            }
            if (!buffered(position)) {
                fill(position);
            }
            int n = Math.min(wanted, (int) (bufferStart + bufferLength - position));
            System.arraycopy(buffer, (int) (position - bufferStart), bytes, offset, n);
            position += n;
            return n;
        }

        private boolean buffered(long at) {
            return at >= bufferStart && at < bufferStart + bufferLength;
        }

        private void fill(long at) throws IOException {
            ByteBuffer into = ByteBuffer.wrap(buffer, 0, (int) Math.min(BUFFER, length - at));
            while (into.hasRemaining()) {
                if (channel.read(into, at + into.position()) < 0) {
                    break;
                }
            }
            bufferStart = at;
            bufferLength = into.position();
            if (bufferLength == 0) {
                throw new IOException("the stored object ended at " + at + ", expected " + length + " bytes");
            }
        }

        @Override
        public long getPosition() {
            return position;
        }

        @Override
        public void seek(long to) throws IOException {
            if (to < 0) {
                throw new IOException("seek to " + to);
            }
            position = Math.min(to, length);
        }

        @Override
        public long length() {
            return length;
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public boolean isEOF() {
            return position >= length;
        }

        @Override
        public RandomAccessReadView createView(long start, long viewLength) {
            return new RandomAccessReadView(this, start, viewLength);
        }

        @Override
        public void close() {
            closed = true; // the channel is its owner's to close
        }
    }
}
