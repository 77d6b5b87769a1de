package io.kaohe.support.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.contracts.events.EventEnvelope;
import io.kaohe.contracts.events.EventType;
import io.kaohe.contracts.events.EventTypes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every event type has a golden example, and the one writer all producers use writes exactly it. */
class GoldenEventsTest {

    static Stream<EventType<?>> eventTypes() {
        return EventTypes.ALL.stream();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void writesEachEventExactlyAsItsGoldenExample(EventType<?> type) throws IOException {
        String golden = golden(type);
        ReceivedEvent received = EventJson.read(golden);
        Object data = received.data(type);
        assertThat(data).isInstanceOf(type.dataClass());

        EventEnvelope<?> envelope = received.envelope();
        EventEnvelope<Object> typed = new EventEnvelope<>(envelope.specversion(), envelope.id(), envelope.source(),
                envelope.type(), envelope.subject(), envelope.time(), envelope.datacontenttype(), envelope.cycleid(),
                envelope.unitid(), data);
        JsonNode written = EventJson.tree(EventJson.write(typed));
        assertThat(written).isEqualTo(EventJson.tree(golden));
        assertThat(EventJson.write(typed)).contains("\"type\":\"" + type.name() + "\"");
    }

    static String golden(EventType<?> type) throws IOException {
        try (InputStream in = GoldenEventsTest.class.getResourceAsStream("/golden/" + type.name() + ".json")) {
            assertThat(in).as("golden example of " + type.name()).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
