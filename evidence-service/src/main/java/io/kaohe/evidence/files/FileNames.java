package io.kaohe.evidence.files;

import java.nio.charset.StandardCharsets;

/**
 * Original file names are metadata only (storage keys are the server's own). A name is refused
 * rather than repaired when it could mislead: control characters (a NUL cuts names in C code),
 * path separators or dot segments (path traversal), and bidirectional overrides ("gpj.exe"
 * shown as "exe.jpg").
 */
final class FileNames {

    static final int MAX_BYTES = 255;

    private FileNames() {
    }

    /** The problem code for a bad name, or null if the name is acceptable. */
    static String problem(String name) {
        if (name == null || name.isBlank()) {
            return "evidence.file.name-missing";
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "evidence.file.name-too-long";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                return "evidence.file.name-control";
            }
            if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f) {
                return "evidence.file.name-control";
            }
            if (c == '/' || c == '\\') {
                return "evidence.file.name-path";
            }
        }
        String trimmed = name.strip();
        if (trimmed.equals(".") || trimmed.equals("..") || trimmed.startsWith("..")) {
            return "evidence.file.name-path";
        }
        return null;
    }

    /**
     * A {@code Content-Disposition} that downloads under the original name: an ASCII fallback for
     * old clients, and the exact name in RFC 5987 form ({@code filename*=UTF-8''…}).
     */
    static String attachment(String name) {
        StringBuilder fallback = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            fallback.append(c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == ';' || c == '%' ? '_' : c);
        }
        return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + rfc5987(name);
    }

    static String rfc5987(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
