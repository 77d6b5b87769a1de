package io.kaohe.rubric.versions;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * What a rubric version is, without its content. {@code revision} grows with every change of a
 * draft and is the version check for edits ({@code If-Match}).
 */
public record RubricVersion(
        UUID id,
        Kind kind,
        String systemCode,
        int number,
        int year,
        String title,
        Status status,
        int leafCount,
        BigDecimal totalPoints,
        String contentHash,
        int revision,
        String createdBy,
        Instant createdAt,
        String publishedBy,
        Instant publishedAt,
        UUID copiedFrom) {

    public enum Status { DRAFT, PUBLISHED }

    /** An indicator system (a tree) or per-unit targets (seed 001). */
    public enum Kind { SYSTEM, UNIT_TARGETS }

    public String etag() {
        return "\"" + revision + "\"";
    }
}
