package io.kaohe.audit.chain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

/**
 * A record at its place in the chain: the entry, its position ({@code seq}), when it was appended,
 * the digest of the record before it and its own digest. {@link #canonical()} is the exact byte
 * form the digest covers, rebuilt the same way from a stored row, so verification needs nothing but
 * the table.
 */
public record StoredRecord(long seq, Instant recordedAt, Entry entry, String prevDigest, String digest) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The columns of audit_record, in the order {@link #from(ResultSet)} reads them. */
    public static final String COLUMNS = "seq, event_id, source, category, outcome, status, reason, username, roles, unit, "
            + "department, inspection_units, method, route, path, verb, object_type, object_id, cycle_id, unit_code, "
            + "request_digest, request_bytes, before_state, after_state, before_digest, after_digest, client_address, "
            + "forwarded_for, peer_address, trace_id, occurred_at, recorded_at, prev_digest, digest";

    /** The record's fields as JSON, names sorted, no whitespace, times in UTC to the microsecond PostgreSQL keeps. */
    public byte[] canonical() {
        Entry e = entry;
        ObjectNode node = JSON.createObjectNode();
        node.put("afterDigest", e.afterDigest());
        node.put("afterState", e.afterState());
        node.put("beforeDigest", e.beforeDigest());
        node.put("beforeState", e.beforeState());
        node.put("category", e.category());
        node.put("clientAddress", e.clientAddress());
        node.put("cycleId", e.cycleId());
        node.put("department", e.department());
        node.put("eventId", e.eventId());
        node.put("forwardedFor", e.forwardedFor());
        node.put("inspectionUnits", e.inspectionUnits());
        node.put("method", e.method());
        node.put("objectId", e.objectId());
        node.put("objectType", e.objectType());
        node.put("occurredAt", time(e.occurredAt()));
        node.put("outcome", e.outcome());
        node.put("path", e.path());
        node.put("peerAddress", e.peerAddress());
        node.put("reason", e.reason());
        node.put("recordedAt", time(recordedAt));
        node.put("requestBytes", e.requestBytes());
        node.put("requestDigest", e.requestDigest());
        node.put("roles", e.roles());
        node.put("route", e.route());
        node.put("seq", seq);
        node.put("source", e.source());
        node.put("status", e.status());
        node.put("traceId", e.traceId());
        node.put("unit", e.unit());
        node.put("unitCode", e.unitCode());
        node.put("username", e.username());
        node.put("verb", e.verb());
        try {
            return JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e1) {
            throw new IllegalStateException(e1);
        }
    }

    /** The digest this record should have: SM3(previous digest ‖ canonical bytes). */
    public String expectedDigest() {
        return Chain.link(prevDigest, canonical());
    }

    static String time(Instant instant) {
        return instant == null ? null : micros(instant).toString();
    }

    static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    public static StoredRecord from(ResultSet rs) throws SQLException {
        Entry entry = new Entry(rs.getString("event_id"), rs.getString("source"), rs.getString("category"),
                rs.getString("outcome"), (Integer) rs.getObject("status"), rs.getString("reason"),
                rs.getString("username"), rs.getString("roles"), rs.getString("unit"), rs.getString("department"),
                rs.getString("inspection_units"), rs.getString("method"), rs.getString("route"), rs.getString("path"),
                rs.getString("verb"), rs.getString("object_type"), rs.getString("object_id"), rs.getString("cycle_id"),
                rs.getString("unit_code"), rs.getString("request_digest"), (Long) rs.getObject("request_bytes"),
                rs.getString("before_state"), rs.getString("after_state"), rs.getString("before_digest"),
                rs.getString("after_digest"), rs.getString("client_address"), rs.getString("forwarded_for"),
                rs.getString("peer_address"), rs.getString("trace_id"), instant(rs, "occurred_at"));
        return new StoredRecord(rs.getLong("seq"), instant(rs, "recorded_at"), entry, rs.getString("prev_digest"),
                rs.getString("digest"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
