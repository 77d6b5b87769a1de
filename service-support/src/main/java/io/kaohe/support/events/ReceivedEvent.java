package io.kaohe.support.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.contracts.events.EventEnvelope;
import io.kaohe.contracts.events.EventType;

/** An event as a consumer received it: the envelope's attributes, and the data read on demand. */
public record ReceivedEvent(EventEnvelope<JsonNode> envelope, JsonNode rawData) {

    public String id() {
        return envelope.id();
    }

    public String type() {
        return envelope.type();
    }

    public boolean is(EventType<?> type) {
        return type.name().equals(envelope.type());
    }

    public <T> T data(EventType<T> type) {
        if (!is(type)) {
            throw new IllegalArgumentException("event " + id() + " is a " + type() + ", not a " + type.name());
        }
        try {
            return EventJson.mapper().treeToValue(rawData, type.dataClass());
        } catch (Exception e) {
            throw new MalformedEventException("data of event " + id() + " is not a " + type.name(), e);
        }
    }
}
