package io.kaohe.audit.chain;

import io.kaohe.contracts.events.AuditRecorded;
import java.util.List;

/** Entries from what arrives, made fit to store: times to the microsecond, no NUL characters (PostgreSQL text refuses them). */
public final class Entries {

    private Entries() {
    }

    /** A service's record, under the id of the event that carried it. */
    public static Entry of(String eventId, AuditRecorded r) {
        return new Entry(eventId, r.service(), r.category(), r.outcome(), r.status(), r.reason(), r.username(),
                join(r.roles()), r.unit(), r.department(), join(r.inspectionUnits()), r.method(), r.route(), r.path(),
                r.verb(), r.objectType(), r.objectId(), r.cycleId(), r.unitCode(), r.requestDigest(), r.requestBytes(),
                r.before(), r.after(), r.beforeDigest(), r.afterDigest(), r.clientAddress(), r.forwardedFor(),
                r.peerAddress(), r.traceId(), r.occurredAt());
    }

    static String join(List<String> values) {
        return values == null || values.isEmpty() ? null : String.join(",", values.stream().sorted().toList());
    }

    static Entry clean(Entry e) {
        return new Entry(c(e.eventId()), c(e.source()), c(e.category()), c(e.outcome()), e.status(), c(e.reason()),
                c(e.username()), c(e.roles()), c(e.unit()), c(e.department()), c(e.inspectionUnits()), c(e.method()),
                c(e.route()), c(e.path()), c(e.verb()), c(e.objectType()), c(e.objectId()), c(e.cycleId()),
                c(e.unitCode()), c(e.requestDigest()), e.requestBytes(), c(e.beforeState()), c(e.afterState()),
                c(e.beforeDigest()), c(e.afterDigest()), c(e.clientAddress()), c(e.forwardedFor()), c(e.peerAddress()),
                c(e.traceId()), StoredRecord.micros(e.occurredAt() != null ? e.occurredAt() : java.time.Instant.EPOCH));
    }

    private static String c(String text) {
        return text == null || text.indexOf('\0') < 0 ? text : text.replace("\0", "\uFFFD");
    }
}
