package io.kaohe.audit.chain;

import java.time.Instant;

/**
 * One audit record as it enters the chain, before it has a position: what a service's
 * {@code AuditRecorded} event or a Keycloak event says. {@code eventId} makes appending idempotent.
 */
public record Entry(
        String eventId,
        String source,
        String category,
        String outcome,
        Integer status,
        String reason,
        String username,
        String roles,
        String unit,
        String department,
        String inspectionUnits,
        String method,
        String route,
        String path,
        String verb,
        String objectType,
        String objectId,
        String cycleId,
        String unitCode,
        String requestDigest,
        Long requestBytes,
        String beforeState,
        String afterState,
        String beforeDigest,
        String afterDigest,
        String clientAddress,
        String forwardedFor,
        String peerAddress,
        String traceId,
        Instant occurredAt) {
}
