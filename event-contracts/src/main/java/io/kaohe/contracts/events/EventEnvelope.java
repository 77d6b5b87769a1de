package io.kaohe.contracts.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The envelope every event travels in, with CloudEvents 1.0 attribute names (structured JSON
 * mode). {@code cycleid} and {@code unitid} are extension attributes naming the assessment
 * cycle and the unit the event concerns; the Kafka key is the unit, so one unit's events stay
 * in order.
 *
 * @param <T> the event's data, one of the records in this module
 */
public record EventEnvelope<T>(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        String datacontenttype,
        String cycleid,
        String unitid,
        T data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
    }

    /** A new envelope with a fresh id and the current time. */
    public static <T> EventEnvelope<T> of(String source, EventType<T> type, String subject, String cycleId,
                                          String unitId, T data) {
        return new EventEnvelope<>(SPEC_VERSION, UUID.randomUUID().toString(), source, type.name(), subject,
                Instant.now(), JSON, cycleId, unitId, data);
    }

    /** The Kafka key: the unit when there is one, otherwise the subject, so related events keep their order. */
    public String key() {
        if (unitid != null && !unitid.isBlank()) {
            return unitid;
        }
        return subject != null ? subject : id;
    }
}
