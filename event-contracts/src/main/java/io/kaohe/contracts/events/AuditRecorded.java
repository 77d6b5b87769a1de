package io.kaohe.contracts.events;

import java.time.Instant;
import java.util.List;

/**
 * One entry of the audit trail (等保 level 3): who did what to which object, when, from where, with
 * which outcome. Every service records its writes, exports/downloads and refusals with this event
 * through its outbox, in the transaction of the write it describes (a refusal in a transaction of
 * its own); audit-service appends each one once to the SM3 hash chain. Published on {@link Topics#AUDIT}.
 *
 * @param service         the application that recorded it (also the envelope's source)
 * @param category        {@code WRITE}, {@code EXPORT}, {@code REFUSAL} or {@code SYSTEM}
 * @param outcome         {@code SUCCESS} (the change committed, the download was served), {@code FAILED}
 *                        (answered with an error, nothing committed unless a SUCCESS entry says so) or
 *                        {@code REFUSED} (401/403, or an object-level 404 that hides another's data)
 * @param status          the HTTP status, when known when recorded (null for a change recorded at its commit)
 * @param reason          why it was refused or failed; or what the domain says it did
 * @param username        who, as the token names them (null when no valid token was given)
 * @param roles           their realm and client roles, sorted
 * @param unit            the unit they act for, if any
 * @param department      the department they act for, if any
 * @param inspectionUnits for inspectors, the units they are assigned
 * @param method          the HTTP method
 * @param route           the route template that answered ({@code /api/scoring/cycles/{cycleId}/decisions}), or
 *                        the path when no route matched
 * @param path            the path asked for, with its query string
 * @param verb            the domain verb where known ({@code publish}, {@code export}), else the handler's name
 * @param objectType      the kind of object acted on ({@code decision}, {@code cycle}, {@code evidence} …)
 * @param objectId        its id
 * @param cycleId         the assessment cycle concerned, if any
 * @param unitCode        the assessed unit concerned, if any
 * @param requestDigest   SM3 (hex) of the request body as read
 * @param requestBytes    the number of body bytes read
 * @param before          the object before the change, as JSON, when the domain gives it (null if too long)
 * @param after           the object after the change, as JSON, when the domain gives it (null if too long)
 * @param beforeDigest    SM3 (hex) of {@code before}'s full JSON
 * @param afterDigest     SM3 (hex) of {@code after}'s full JSON
 * @param clientAddress   the client's address: the first X-Forwarded-For entry, else the peer
 * @param forwardedFor    the X-Forwarded-For header as received
 * @param peerAddress     the address of the connection's other end (the gateway, normally)
 * @param traceId         the W3C trace id, if the request carried one
 * @param occurredAt      when it happened
 */
public record AuditRecorded(
        String service,
        String category,
        String outcome,
        Integer status,
        String reason,
        String username,
        List<String> roles,
        String unit,
        String department,
        List<String> inspectionUnits,
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
        String before,
        String after,
        String beforeDigest,
        String afterDigest,
        String clientAddress,
        String forwardedFor,
        String peerAddress,
        String traceId,
        Instant occurredAt) {

    public static final EventType<AuditRecorded> TYPE =
            new EventType<>("AuditRecorded", AuditRecorded.class, Topics.AUDIT);

    public static final String WRITE = "WRITE";
    public static final String EXPORT = "EXPORT";
    public static final String REFUSAL = "REFUSAL";
    public static final String SYSTEM = "SYSTEM";

    public static final String SUCCESS = "SUCCESS";
    public static final String FAILED = "FAILED";
    public static final String REFUSED = "REFUSED";
}
