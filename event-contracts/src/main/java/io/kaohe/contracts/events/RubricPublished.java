package io.kaohe.contracts.events;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A rubric version was published and is now immutable. The snapshot is fetched from
 * {@code snapshotPath} on rubric-service; {@code contentHash} (SHA-256 of the snapshot's
 * canonical JSON) lets a consumer check it got exactly what was published.
 */
public record RubricPublished(
        String versionId,
        String systemCode,
        int year,
        String title,
        int leafCount,
        BigDecimal totalPoints,
        String contentHash,
        String snapshotPath,
        String publishedBy,
        Instant publishedAt) {

    public static final EventType<RubricPublished> TYPE =
            new EventType<>("RubricPublished", RubricPublished.class, Topics.RUBRIC);
}
