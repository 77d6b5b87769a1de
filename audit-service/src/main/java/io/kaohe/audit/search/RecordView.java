package io.kaohe.audit.search;

import io.kaohe.audit.chain.Entry;
import io.kaohe.audit.chain.StoredRecord;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * One audit record as the auditor reads it: every field, its position in the chain, the digest it
 * links to and its own; in the detail, whether its link checks out now.
 */
public record RecordView(long seq, String eventId, String source, String category, String outcome, Integer status,
                         String reason, String username, List<String> roles, String unit, String department,
                         List<String> inspectionUnits, String method, String route, String path, String verb,
                         String objectType, String objectId, String cycleId, String unitCode, String requestDigest,
                         Long requestBytes, String before, String after, String beforeDigest, String afterDigest,
                         String clientAddress, String forwardedFor, String peerAddress, String traceId,
                         Instant occurredAt, Instant recordedAt, String prevDigest, String digest,
                         Boolean linkVerified) {

    static RecordView of(StoredRecord r, Boolean linkVerified) {
        Entry e = r.entry();
        return new RecordView(r.seq(), e.eventId(), e.source(), e.category(), e.outcome(), e.status(), e.reason(),
                e.username(), list(e.roles()), e.unit(), e.department(), list(e.inspectionUnits()), e.method(),
                e.route(), e.path(), e.verb(), e.objectType(), e.objectId(), e.cycleId(), e.unitCode(),
                e.requestDigest(), e.requestBytes(), e.beforeState(), e.afterState(), e.beforeDigest(),
                e.afterDigest(), e.clientAddress(), e.forwardedFor(), e.peerAddress(), e.traceId(), e.occurredAt(),
                r.recordedAt(), r.prevDigest(), r.digest(), linkVerified);
    }

    private static List<String> list(String joined) {
        return joined == null || joined.isBlank() ? List.of() : Arrays.asList(joined.split(","));
    }
}
