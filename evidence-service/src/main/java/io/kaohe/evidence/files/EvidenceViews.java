package io.kaohe.evidence.files;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What the evidence API answers. */
final class EvidenceViews {

    private EvidenceViews() {
    }

    /** An evidence file and every version of it, oldest first. */
    record EvidenceFile(UUID evidenceId, String unitCode, String cycleId, String period, int currentVersion,
                        String createdBy, Instant createdAt, Withdrawal withdrawal, List<Version> versions) {
    }

    record Withdrawal(Instant at, String by, String reason) {
    }

    /**
     * One immutable version: its bytes (by SHA-256, and SM3 beside it; {@code sm3} is null only for bytes stored
     * before SM3 was and not yet backfilled) and what it was said to prove.
     */
    record Version(int version, String fileName, String contentType, long size, String sha256, String sm3,
                   LocalDate evidenceDate,
                   LocalDate expiresOn, List<String> itemCodes, String uploadedBy, Instant uploadedAt,
                   TextStatus textStatus) {
    }

    /** The answer to an upload; {@code deduplicated} when the same bytes were already stored. */
    record Uploaded(EvidenceFile evidence, int version, boolean deduplicated) {
    }

    /** A file in a list or search result: its current version, and where the words were found. */
    record Found(UUID evidenceId, String unitCode, String cycleId, String period, int version, String fileName,
                 String contentType, long size, LocalDate evidenceDate, LocalDate expiresOn, List<String> itemCodes,
                 String uploadedBy, Instant uploadedAt, boolean withdrawn, String snippet) {
    }

    record WithdrawalRequest(@NotBlank(message = "{evidence.field.required}")
                             @Size(max = io.kaohe.contracts.InputLimits.TEXT_MAX) String reason) {
    }
}
