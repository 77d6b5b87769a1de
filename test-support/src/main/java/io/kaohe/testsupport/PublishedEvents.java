package io.kaohe.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What a service under test published to Kafka (through its outbox), read as its consumers read it: a consumer
 * of a topic from its beginning, and the wait for the event a test expects, checked against its golden example.
 */
public final class PublishedEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PublishedEvents() {
    }

    /** A consumer of {@code topic} from its beginning, in a group of its own. */
    public static KafkaConsumer<String, String> consumer(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "published-events-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    /**
     * The first event on the consumer that {@code wanted} matches, within {@code within}. One the service under test
     * published ({@code ours}: not what the test sent in another service's name) must have its golden example's
     * shape, the contract its consumers are tested against. Fails listing the events it saw.
     */
    public static JsonNode await(KafkaConsumer<String, String> consumer, Predicate<JsonNode> wanted,
                                 Predicate<JsonNode> ours, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                JsonNode event = tree(record.value());
                seen.add(event.path("type").asText() + " " + event.path("subject").asText());
                if (wanted.test(event)) {
                    if (ours.test(event)) {
                        GoldenEvents.assertGoldenShape(record.value());
                    }
                    return event;
                }
            }
        }
        throw new AssertionError("no such event on Kafka; saw " + seen);
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
