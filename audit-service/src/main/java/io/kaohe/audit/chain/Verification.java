package io.kaohe.audit.chain;

import java.time.Instant;
import java.util.List;

/**
 * What a walk of the chain found: how many records it verified, over which positions, the head it
 * ended on, and every broken link (the first one first).
 */
public record Verification(Instant startedAt, Instant finishedAt, boolean intact, long verifiedCount, Long firstSeq,
                           Long lastSeq, String headDigest, int archivesChecked, List<Problem> problems) {

    /** A broken link. */
    public record Problem(Kind kind, long seq, String detail) {
    }

    public enum Kind {
        /** The record's content does not give its digest: it was changed after it was appended. */
        ALTERED,
        /** Positions are missing: records were deleted. */
        REMOVED,
        /** The record does not link to the one before it: a record was inserted or replaced before it. */
        LINK_BROKEN,
        /** The record differs from the digest an earlier verification or archive saw at this position: the chain was rewritten. */
        REWRITTEN,
        /**
         * An archive file in the archive folder does not match its manifest. A file not in the folder (moved to
         * offline storage) is not read; its manifest still links the chain across it.
         */
        ARCHIVE
    }

    public Problem firstProblem() {
        return problems.isEmpty() ? null : problems.get(0);
    }
}
