package io.kaohe.contracts.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A unit stored a version of an evidence file (佐证材料): the first version or a replacement
 * ({@code version} greater than 1). Versions are immutable; the bytes are in the evidence store
 * under the content's SHA-256.
 *
 * @param contentType the type decided from the content, not from the name
 * @param sha256      lower-case hex SHA-256 of the bytes
 * @param sm3         lower-case hex SM3 (GB/T 32905) of the bytes, computed with the SHA-256 as they were stored;
 *                    optional: absent (null) in events published before evidence-service computed it
 * @param evidenceDate when the thing the file proves happened
 * @param expiresOn   optional: when the file stops being valid evidence
 */
public record EvidenceAdded(
        String evidenceId,
        int version,
        String cycleId,
        String unitCode,
        String period,
        List<String> itemCodes,
        String fileName,
        String contentType,
        long size,
        String sha256,
        String sm3,
        LocalDate evidenceDate,
        LocalDate expiresOn,
        String uploadedBy,
        Instant uploadedAt) {

    public static final EventType<EvidenceAdded> TYPE =
            new EventType<>("EvidenceAdded", EvidenceAdded.class, Topics.EVIDENCE);
}
