package io.kaohe.evidence.files;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * How long the upload's PDF check ({@link PdfActiveContent}) takes against reading the same file once
 * (the baseline, same run): a damaged PDF (random bytes behind a PDF header, no cross-reference
 * table: PDFBox searches the whole file for objects) and a sound one of many pages. A {@code main},
 * not a test: {@code docs/benchmarks.md} (evidence-service) says how to run it.
 */
public final class PdfInspectionBenchmark {

    private static final int MB = 1024 * 1024;

    public static void main(String[] args) throws Exception {
        int damagedMb = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int pages = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        Path dir = Files.createTempDirectory("pdf-bench");
        Path damaged = dir.resolve("damaged.pdf");
        Path sound = dir.resolve("sound.pdf");
        writeDamaged(damaged, damagedMb);
        writeSound(sound, pages);
        System.out.printf("load average %.1f, %d cores%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
        for (Path file : new Path[] {damaged, sound}) {
            for (int round = 1; round <= 3; round++) {
                double read = seconds(() -> readOnce(file));
                double check = seconds(() -> check(file));
                System.out.printf("%s (%.1f MB), round %d: read once %.3f s (baseline), check %.3f s, ratio %.1f%n",
                        file.getFileName(), Files.size(file) / (double) MB, round, read, check, check / read);
            }
        }
    }

    interface Work {
        void run() throws Exception;
    }

    private static double seconds(Work work) throws Exception {
        long t = System.nanoTime();
        work.run();
        return (System.nanoTime() - t) / 1e9;
    }

    /** The upload's check; a file PDFBox cannot read at all is accepted by the caller, so it counts the same. */
    private static void check(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            PdfActiveContent.of(new PdfActiveContent.ChannelRead(channel));
        } catch (IOException unreadable) {
            // as ContentInspector: kept without looking further
        }
    }

    /** The baseline: every byte once, 64 KB at a time, through the same reader. */
    private static void readOnce(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            PdfActiveContent.ChannelRead read = new PdfActiveContent.ChannelRead(channel);
            byte[] chunk = new byte[64 * 1024];
            while (read.read(chunk, 0, chunk.length) > 0) {
                // counted by the time only
            }
        }
    }

    private static void writeDamaged(Path file, int mb) throws IOException {
        byte[] block = new byte[MB];
        Random random = new Random(7);
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
            for (int i = 0; i < mb; i++) {
                random.nextBytes(block);
                if (i == 0) {
                    byte[] header = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
                    System.arraycopy(header, 0, block, 0, header.length);
                }
                out.write(block);
            }
        }
    }

    private static void writeSound(Path file, int pages) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int i = 0; i < pages; i++) {
                PDPage page = new PDPage();
                document.addPage(page);
                try (PDPageContentStream text = new PDPageContentStream(document, page)) {
                    text.beginText();
                    text.setFont(font, 12);
                    text.newLineAtOffset(72, 700);
                    text.showText("Page " + i + " of the self-assessment evidence");
                    text.endText();
                }
            }
            document.save(file.toFile());
        }
    }

    private PdfInspectionBenchmark() {
    }
}
