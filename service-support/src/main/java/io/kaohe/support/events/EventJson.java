package io.kaohe.support.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.kaohe.contracts.events.EventEnvelope;

/**
 * The one JSON form of events on the wire, independent of any application's Jackson
 * settings: ISO-8601 times, decimals kept exact, unknown fields ignored (changes are additive).
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private EventJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(EventEnvelope<?> envelope) {
        try {
            return MAPPER.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event " + envelope.type() + " cannot be written as JSON", e);
        }
    }

    /** The JSON as a tree, decimals kept exact, for handing to writers that serialize objects. */
    public static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not JSON: " + abbreviate(json), e);
        }
    }

    /** Reads an envelope, leaving its data as a tree until the consumer asks for a type. */
    public static ReceivedEvent read(String json) {
        try {
            JsonNode tree = MAPPER.readTree(json);
            @SuppressWarnings("unchecked")
            EventEnvelope<JsonNode> envelope = MAPPER.convertValue(tree, EventEnvelope.class);
            return new ReceivedEvent(envelope, tree.get("data"));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedEventException("not an event envelope: " + abbreviate(json), e);
        }
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
