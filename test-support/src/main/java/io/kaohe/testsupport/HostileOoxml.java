package io.kaohe.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Office files (.xlsx, .docx: zip packages of XML parts) turned hostile the way an attacker would, for the tests of
 * every reader of uploaded workbooks and documents: a part whose DOCTYPE declares an external entity (XXE: the
 * server's files or addresses read into a cell) or nested entities that expand to gigabytes ("billion laughs").
 * A safe reader refuses the part or leaves the entity unresolved; it never returns the entity's content.
 */
public final class HostileOoxml {

    private static final Pattern DECLARATION = Pattern.compile("^(<\\?xml[^>]*\\?>)");
    private static final Pattern FIRST_TEXT = Pattern.compile("(<(?:\\w+:)?t(?: [^>]*)?>)([^<]*)(</(?:\\w+:)?t>)");

    private HostileOoxml() {
    }

    /** What a parser that resolves entities, as the JDK's does by default, reads as the part's text. */
    public static String naiveText(Path office, String part) {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(office.toFile())) {
            var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            return factory.newDocumentBuilder().parse(zip.getInputStream(zip.getEntry(part))).getDocumentElement()
                    .getTextContent();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A copy of {@code office} whose {@code part} (e.g. {@code xl/sharedStrings.xml}, {@code word/document.xml})
     * declares an entity read from {@code target} (a file: or http: address) and puts it in its first text.
     */
    public static Path externalEntity(Path office, String part, String target) {
        return rewrite(office, part, xml -> withDoctype(xml, "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"" + target + "\">]>",
                "&xxe;"));
    }

    /** A copy of {@code office} whose {@code part} holds ten levels of ten-fold nested entities (10^10 characters). */
    public static Path entityExpansion(Path office, String part) {
        StringBuilder doctype = new StringBuilder("<!DOCTYPE x [<!ENTITY e0 \"laugh\">");
        for (int i = 1; i <= 10; i++) {
            doctype.append("<!ENTITY e").append(i).append(" \"").append(("&e" + (i - 1) + ";").repeat(10)).append("\">");
        }
        doctype.append("]>");
        return rewrite(office, part, xml -> withDoctype(xml, doctype.toString(), "&e10;"));
    }

    private static String withDoctype(String xml, String doctype, String firstText) {
        Matcher declaration = DECLARATION.matcher(xml);
        String withDoctype = declaration.find()
                ? declaration.group(1) + doctype + xml.substring(declaration.end())
                : doctype + xml;
        Matcher text = FIRST_TEXT.matcher(withDoctype);
        if (!text.find()) {
            throw new IllegalArgumentException("the part has no text element to put the entity in");
        }
        return withDoctype.substring(0, text.start()) + text.group(1) + firstText + text.group(3)
                + withDoctype.substring(text.end());
    }

    private static Path rewrite(Path office, String part, java.util.function.UnaryOperator<String> change) {
        try {
            Path hostile = Files.createTempFile("hostile-", office.getFileName().toString());
            hostile.toFile().deleteOnExit();
            boolean found = false;
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(office));
                 ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(hostile))) {
                for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                    byte[] bytes = in.readAllBytes();
                    if (entry.getName().equals(part)) {
                        bytes = change.apply(new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                        found = true;
                    }
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    out.write(bytes);
                    out.closeEntry();
                }
            }
            if (!found) {
                throw new IllegalArgumentException(office + " has no part " + part);
            }
            return hostile;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
