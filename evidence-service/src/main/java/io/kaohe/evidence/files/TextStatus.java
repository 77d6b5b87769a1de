package io.kaohe.evidence.files;

import java.util.Arrays;

/**
 * Whether a stored content's words are known for search ({@code evidence_blob.text_status}): PENDING
 * until the extractor takes it, then DONE, SKIPPED (photos, files over the text size limit) or FAILED.
 * Each content is extracted once.
 */
enum TextStatus {

    PENDING, DONE, SKIPPED, FAILED;

    boolean canMoveTo(TextStatus target) {
        return this == PENDING && target != PENDING;
    }

    /** The states a move to {@code target} starts from, as stored. */
    static String[] into(TextStatus target) {
        return Arrays.stream(values()).filter(s -> s.canMoveTo(target)).map(Enum::name).toArray(String[]::new);
    }
}
