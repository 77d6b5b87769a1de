package io.kaohe.rubric.versions;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** What a rubric version is, without its tree. */
public record RubricVersion(
        UUID id,
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
        Instant publishedAt) {

    public enum Status { DRAFT, PUBLISHED }
}
