package io.kaohe.evidence;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/** Real files of every accepted kind, and the bad ones, made in the test (each unique unless asked). */
final class Samples {

    private static final Random RANDOM = new Random();

    private Samples() {
    }

    static byte[] pdf(String text) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                content.showText(text);
                content.endText();
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PDF that runs a script when opened (PDFBox packs the action into a compressed object stream). */
    static byte[] pdfWithScript() {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.addPage(new PDPage());
            document.getDocumentCatalog().setOpenAction(
                    new org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript("app.alert('x')"));
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A picture that is a page with a script when a browser shows it. */
    static byte[] svgWithScript() {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(document.cookie)</script></svg>"
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A web page with a script, named as text. */
    static byte[] htmlWithScript() {
        return "<html><body><script>fetch('/api/evidence/units')</script></body></html>".getBytes(StandardCharsets.UTF_8);
    }

    static byte[] docx(String text) {
        try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.createParagraph().createRun().setText(text);
            document.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] xls(String text) {
        try (HSSFWorkbook workbook = new HSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            workbook.createSheet("台账").createRow(0).createCell(0).setCellValue(text);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A minimal OFD package (GB/T 33190): OFD.xml, a document and one page with text. */
    static byte[] ofd(String text) {
        return zip(new String[][] {
                {"OFD.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\" "
                        + "Version=\"1.0\" DocType=\"OFD\"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>"
                        + "</ofd:DocBody></ofd:OFD>"},
                {"Doc_0/Document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:Document "
                        + "xmlns:ofd=\"http://www.ofdspec.org/2016\"><ofd:Pages><ofd:Page ID=\"1\" "
                        + "BaseLoc=\"Pages/Page_0/Content.xml\"/></ofd:Pages></ofd:Document>"},
                {"Doc_0/Pages/Page_0/Content.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:Page "
                        + "xmlns:ofd=\"http://www.ofdspec.org/2016\"><ofd:Content><ofd:Layer ID=\"2\">"
                        + "<ofd:TextObject ID=\"3\" Boundary=\"0 0 100 10\" Font=\"4\" Size=\"3\">"
                        + "<ofd:TextCode X=\"0\" Y=\"3\">" + text + "</ofd:TextCode></ofd:TextObject>"
                        + "</ofd:Layer></ofd:Content></ofd:Page>"}});
    }

    static byte[] text(String text, Charset charset) {
        return text.getBytes(charset);
    }

    static byte[] text(String text) {
        return text(text + "\n" + UUID.randomUUID() + "\n", StandardCharsets.UTF_8);
    }

    static byte[] jpeg() {
        byte[] head = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00, 0x01};
        return withTail(head, 2048);
    }

    static byte[] png() {
        byte[] head = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        return withTail(head, 2048);
    }

    /** A Windows executable: "MZ", a DOS stub, "PE\0\0". */
    static byte[] exe() {
        byte[] head = new byte[256];
        head[0] = 'M';
        head[1] = 'Z';
        head[0x3c] = (byte) 0x80;
        head[0x80] = 'P';
        head[0x81] = 'E';
        byte[] stub = "This program cannot be run in DOS mode.".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(stub, 0, head, 0x4e, stub.length);
        return withTail(head, 4096);
    }

    static byte[] php() {
        return ("<?php system($_GET['c']); ?>\n" + UUID.randomUUID()).getBytes(StandardCharsets.US_ASCII);
    }

    /** A "Word document" whose one part inflates a thousandfold: a zip bomb dressed as DOCX. */
    static byte[] zipBomb() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write("<Types/>".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 64; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** An ordinary zip archive: neither OFD nor an Office document. */
    static byte[] plainZip() {
        return zip(new String[][] {{"readme.txt", "hello " + UUID.randomUUID()}});
    }

    static byte[] random(byte[] head, int size) {
        byte[] bytes = new byte[size];
        RANDOM.nextBytes(bytes);
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }

    /** A large "PDF": the magic, then random bytes. */
    static byte[] bigPdf(int size) {
        return random("%PDF-1.7\n%âãÏÓ\n".getBytes(StandardCharsets.ISO_8859_1), size);
    }

    private static byte[] withTail(byte[] head, int size) {
        return random(head, size);
    }

    private static byte[] zip(String[][] entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String[] entry : entries) {
                zip.putNextEntry(new ZipEntry(entry[0]));
                zip.write(entry[1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
