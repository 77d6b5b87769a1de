package io.kaohe.evidence.rubrics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A published rubric version as this service knows it. */
public record KnownRubricVersion(UUID versionId, String systemCode, int year, String title, int leafCount,
                                 BigDecimal totalPoints, String contentHash, Instant publishedAt, Instant receivedAt) {
}
