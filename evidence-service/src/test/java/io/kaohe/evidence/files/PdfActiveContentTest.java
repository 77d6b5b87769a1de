package io.kaohe.evidence.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDJavascriptNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionLaunch;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PdfActiveContentTest {

    @TempDir
    Path dir;

    @Test
    void aPlainDocumentActsInNoWay() throws IOException {
        assertThat(PdfActiveContent.of(new RandomAccessReadBuffer(pdf(document -> { })))).isNull();
    }

    @Test
    void aScriptRunWhenTheDocumentOpensIsFoundThoughPackedInACompressedObjectStream() throws IOException {
        byte[] pdf = pdf(document -> document.getDocumentCatalog()
                .setOpenAction(new PDActionJavaScript("app.launchURL('http://example.invalid/')")));
        assertThat(new String(pdf, StandardCharsets.ISO_8859_1)).as("no script keyword in the raw bytes")
                .doesNotContain("/JavaScript").doesNotContain("launchURL");

        assertThat(PdfActiveContent.of(new RandomAccessReadBuffer(pdf))).isEqualTo("JavaScript");
    }

    @Test
    void documentLevelScriptsEmbeddedFilesAndLaunchLinksAreFound() throws IOException {
        assertThat(PdfActiveContent.of(new RandomAccessReadBuffer(pdf(document -> {
            PDJavascriptNameTreeNode scripts = new PDJavascriptNameTreeNode();
            scripts.setNames(Map.of("init", new PDActionJavaScript("this.print()")));
            PDDocumentNameDictionary names = new PDDocumentNameDictionary(document.getDocumentCatalog());
            names.setJavascript(scripts);
            document.getDocumentCatalog().setNames(names);
        })))).isEqualTo("JavaScript");

        assertThat(PdfActiveContent.of(new RandomAccessReadBuffer(pdf(document -> {
            PDEmbeddedFile file = new PDEmbeddedFile(document, new java.io.ByteArrayInputStream("MZ\u0090".getBytes(StandardCharsets.ISO_8859_1)));
            PDComplexFileSpecification spec = new PDComplexFileSpecification();
            spec.setFile("setup.exe");
            spec.setEmbeddedFile(file);
            PDEmbeddedFilesNameTreeNode files = new PDEmbeddedFilesNameTreeNode();
            files.setNames(Map.of("setup.exe", spec));
            PDDocumentNameDictionary names = new PDDocumentNameDictionary(document.getDocumentCatalog());
            names.setEmbeddedFiles(files);
            document.getDocumentCatalog().setNames(names);
        })))).isEqualTo("EmbeddedFile");

        assertThat(PdfActiveContent.of(new RandomAccessReadBuffer(pdf(document -> {
            PDAnnotationLink link = new PDAnnotationLink();
            link.setRectangle(new PDRectangle(50, 50, 100, 20));
            PDActionLaunch launch = new PDActionLaunch();
            PDComplexFileSpecification program = new PDComplexFileSpecification();
            program.setFile("cmd.exe");
            launch.setFile(program);
            link.setAction(launch);
            document.getPage(0).setAnnotations(List.of(link));
        })))).isEqualTo("Launch");
    }

    @Test
    void aDocumentThatOpensOnlyWithAPasswordIsEncryptedOneLimitedByItsOwnerOpens() throws IOException {
        byte[] locked = pdf(document -> document.protect(protection("owner", "reader")));
        assertThatThrownBy(() -> PdfActiveContent.of(new RandomAccessReadBuffer(locked)))
                .isInstanceOf(PdfActiveContent.Encrypted.class);

        byte[] limited = pdf(document -> document.protect(protection("owner", "")));
        assertThat(PdfActiveContent.of(new RandomAccessReadBuffer(limited))).isNull();
    }

    @Test
    void readsThroughAChannelAsTheStoreGivesIt() throws IOException {
        Path file = Files.write(dir.resolve("script.pdf"), pdf(document -> document.getDocumentCatalog()
                .setOpenAction(new PDActionJavaScript("app.alert(1)"))));
        try (var channel = java.nio.channels.FileChannel.open(file, StandardOpenOption.READ)) {
            assertThat(PdfActiveContent.of(new PdfActiveContent.ChannelRead(channel))).isEqualTo("JavaScript");
        }
    }

    @Test
    void aScriptInADocumentWhoseCrossReferenceTableIsGoneIsFoundByPdfBoxsSearchThroughTheChannel() throws IOException {
        byte[] sound;
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.addPage(new PDPage());
            document.getDocumentCatalog().setOpenAction(new PDActionJavaScript("app.alert(1)"));
            document.save(out, org.apache.pdfbox.pdfwriter.compress.CompressParameters.NO_COMPRESSION);
            sound = out.toByteArray();
        }
        String text = new String(sound, StandardCharsets.ISO_8859_1);
        // No table and no pointer to it (PDFBox must search every byte), and the objects pushed past the
        // reader's buffer by a long comment, so that the search reads across its refills.
        String damaged = text.substring(0, text.indexOf('\n') + 1) + "%" + "x".repeat(300_000) + "\n"
                + text.substring(text.indexOf('\n') + 1).replace("startxref", "startxxxx").replace("\nxref", "\nxxxx");
        Path file = Files.write(dir.resolve("damaged.pdf"), damaged.getBytes(StandardCharsets.ISO_8859_1));
        try (var channel = java.nio.channels.FileChannel.open(file, StandardOpenOption.READ)) {
            assertThat(PdfActiveContent.of(new PdfActiveContent.ChannelRead(channel))).isEqualTo("JavaScript");
        }
    }

    @Test
    void theChannelReaderGivesEveryByteWhereverItIsAskedForAndHoweverMany() throws IOException {
        java.util.Random random = new java.util.Random(11);
        byte[] content = new byte[300_000];
        random.nextBytes(content);
        Path file = Files.write(dir.resolve("bytes.bin"), content);
        try (var channel = java.nio.channels.FileChannel.open(file, StandardOpenOption.READ)) {
            PdfActiveContent.ChannelRead read = new PdfActiveContent.ChannelRead(channel);
            assertThat(read.length()).isEqualTo(content.length);
            for (int step = 0; step < 2_000; step++) {
                long at = random.nextInt(content.length + 10);
                read.seek(at);
                if (at >= content.length) {
                    assertThat(read.read()).as("past the end").isEqualTo(-1);
                    assertThat(read.isEOF()).isTrue();
                } else if (random.nextBoolean()) {
                    assertThat(read.read()).as("the byte at " + at).isEqualTo(content[(int) at] & 0xff);
                    assertThat(read.getPosition()).isEqualTo(at + 1);
                } else {
                    byte[] into = new byte[1 + random.nextInt(random.nextBoolean() ? 100 : 150_000)];
                    int n = read.read(into, 0, into.length);
                    assertThat(n).as("read at " + at).isPositive().isLessThanOrEqualTo(into.length);
                    assertThat(java.util.Arrays.copyOf(into, n))
                            .isEqualTo(java.util.Arrays.copyOfRange(content, (int) at, (int) at + n));
                    assertThat(read.getPosition()).isEqualTo(at + n);
                }
            }
        }
    }

    private static StandardProtectionPolicy protection(String owner, String user) {
        StandardProtectionPolicy policy = new StandardProtectionPolicy(owner, user, new AccessPermission());
        policy.setEncryptionKeyLength(128);
        return policy;
    }

    private interface Change {
        void apply(PDDocument document) throws IOException;
    }

    private static byte[] pdf(Change change) throws IOException {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.addPage(new PDPage());
            change.apply(document);
            document.save(out);
            return out.toByteArray();
        }
    }
}
