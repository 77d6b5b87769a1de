package io.kaohe.scoring.publication;

import java.util.Arrays;
import java.util.Optional;
import org.springframework.http.MediaType;

/** The formats a 通报 is printed in. */
enum NoticeFormat {
    DOCX("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    PDF("pdf", "application/pdf"),
    /** GB/T 33190 has no registered media type; readers and gateways use this one. */
    OFD("ofd", "application/ofd");

    final String extension;
    final MediaType mediaType;

    NoticeFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = MediaType.parseMediaType(mediaType);
    }

    static Optional<NoticeFormat> of(String extension) {
        return Arrays.stream(values()).filter(f -> f.extension.equalsIgnoreCase(extension)).findFirst();
    }
}
