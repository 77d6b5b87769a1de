package io.kaohe.support.rubric;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A published rubric version as this service was told of it (RubricPublished). */
public record PublishedVersion(UUID versionId, String systemCode, int year, String title, int leafCount,
                               BigDecimal totalPoints, String contentHash, Instant publishedAt, Instant receivedAt) {
}
