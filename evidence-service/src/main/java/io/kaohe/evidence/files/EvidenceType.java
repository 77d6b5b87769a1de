package io.kaohe.evidence.files;

import java.util.Locale;
import java.util.Set;

/**
 * The kinds of file accepted as evidence, as decided from the content. The extensions are those a
 * file name may carry for the kind: a name claiming another kind (a {@code .php}, an {@code .exe},
 * a {@code .pdf} on a picture) is a disguise and refused.
 */
enum EvidenceType {
    PDF("application/pdf", Family.PDF),
    OFD("application/ofd", Family.OFD),
    DOC("application/msword", Family.WORD),
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", Family.WORD),
    XLS("application/vnd.ms-excel", Family.EXCEL),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Family.EXCEL),
    PPT("application/vnd.ms-powerpoint", Family.POWERPOINT),
    PPTX("application/vnd.openxmlformats-officedocument.presentationml.presentation", Family.POWERPOINT),
    JPEG("image/jpeg", Family.JPEG),
    PNG("image/png", Family.PNG),
    TEXT("text/plain", Family.TEXT);

    /** What a name's extension may claim; a claim must match the content's family. */
    enum Family {
        PDF("pdf"),
        OFD("ofd"),
        WORD("doc", "docx", "dot", "dotx", "wps", "wpt"),
        EXCEL("xls", "xlsx", "xlt", "xltx", "et", "ett"),
        POWERPOINT("ppt", "pptx", "pps", "ppsx", "pot", "potx", "dps", "dpt"),
        JPEG("jpg", "jpeg", "jpe", "jfif"),
        PNG("png"),
        TEXT("txt", "text", "csv", "log", "md");

        final Set<String> extensions;

        Family(String... extensions) {
            this.extensions = Set.of(extensions);
        }
    }

    /**
     * Extensions that claim some kind of file other than the accepted ones (executables, scripts,
     * web pages, archives): a name ending in one never passes, whatever the content.
     */
    private static final Set<String> CLAIMING = Set.of(
            "exe", "dll", "com", "scr", "msi", "bat", "cmd", "ps1", "vbs", "vbe", "js", "jse", "wsf", "hta", "jar",
            "class", "sh", "bash", "php", "php3", "php4", "php5", "phtml", "phar", "jsp", "jspx", "asp", "aspx",
            "cgi", "pl", "py", "rb", "html", "htm", "xhtml", "svg", "xml", "swf", "apk", "elf", "so", "bin", "lnk",
            "zip", "rar", "7z", "gz", "tar", "iso", "docm", "xlsm", "pptm", "dotm", "xltm");

    final String mediaType;
    final Family family;

    EvidenceType(String mediaType, Family family) {
        this.mediaType = mediaType;
        this.family = family;
    }

    static EvidenceType ofMediaType(String mediaType) {
        for (EvidenceType type : values()) {
            if (type.mediaType.equals(mediaType)) {
                return type;
            }
        }
        throw new IllegalArgumentException("not an evidence type: " + mediaType);
    }

    /** Whether the name ends in an extension that is never accepted (an executable, a script, a page, an archive). */
    static boolean nameClaimsRefusedKind(String fileName) {
        return CLAIMING.contains(extension(fileName));
    }

    private static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).strip().toLowerCase(Locale.ROOT);
    }

    /** Whether the name's extension (if it names a kind of file at all) agrees with this content. */
    boolean agreesWithName(String fileName) {
        String extension = extension(fileName);
        if (extension.isEmpty() || family.extensions.contains(extension)) {
            return true;
        }
        boolean claimsAnother = CLAIMING.contains(extension)
                || java.util.Arrays.stream(Family.values()).anyMatch(f -> f.extensions.contains(extension));
        return !claimsAnother;
    }
}
