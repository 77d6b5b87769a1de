package io.kaohe.support.deadletters;

import io.kaohe.support.events.EventJson;
import io.kaohe.support.events.MalformedEventException;
import io.kaohe.support.events.MessagingConfiguration;
import io.kaohe.support.events.ReceivedEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Reads every dead-letter topic and records, in this service's database, the letters its own
 * consumer groups parked (Spring Kafka names the group in a header); the other services' letters
 * are theirs to record. A letter read twice (a restart before the offset was committed) is
 * recorded once.
 */
class DeadLetterCollector {

    /** Every topic's dead-letter twin ({@link io.kaohe.contracts.events.Topics#deadLetter}). */
    static final String DEAD_LETTER_TOPICS = "kaohe\\..+\\.dlt";

    private final DeadLetters deadLetters;
    private final KafkaListenerEndpointRegistry listeners;
    private final String collectorId;

    DeadLetterCollector(DeadLetters deadLetters, KafkaListenerEndpointRegistry listeners, String applicationName) {
        this.deadLetters = deadLetters;
        this.listeners = listeners;
        this.collectorId = applicationName + ".dead-letters";
    }

    @KafkaListener(id = "${spring.application.name}.dead-letters",
                   topicPattern = DEAD_LETTER_TOPICS,
                   containerFactory = DeadLetterConfiguration.LISTENER_FACTORY)
    void collect(ConsumerRecord<String, String> letter) {
        String group = text(letter, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP);
        if (group == null || !ownGroups().contains(group)) {
            return;
        }
        String topic = text(letter, KafkaHeaders.DLT_ORIGINAL_TOPIC);
        String eventId;
        String eventType;
        try {
            ReceivedEvent event = EventJson.read(letter.value());
            eventId = event.id();
            eventType = event.type();
        } catch (MalformedEventException notAnEvent) {
            // Not one of our events: named by where it was published.
            eventId = "kafka:" + topic + "/" + number(letter, KafkaHeaders.DLT_ORIGINAL_PARTITION) + "@"
                    + number(letter, KafkaHeaders.DLT_ORIGINAL_OFFSET);
            eventType = null;
        }
        String reason = text(letter, MessagingConfiguration.PARKED_REASON);
        if (reason == null) {
            reason = text(letter, KafkaHeaders.DLT_EXCEPTION_FQCN) + ": " + text(letter, KafkaHeaders.DLT_EXCEPTION_MESSAGE);
        }
        deadLetters.park(new DeadLetters.Parked(group, eventId == null ? "" : eventId, eventType,
                topic == null ? letter.topic() : topic, letter.key(), letter.value() == null ? "" : letter.value(), reason,
                letter.partition(), letter.offset(), Instant.ofEpochMilli(letter.timestamp())));
    }

    /** The groups of this service's own listeners, this collector aside. */
    private Set<String> ownGroups() {
        return listeners.getListenerContainers().stream()
                .map(MessageListenerContainer::getGroupId)
                .filter(group -> group != null && !group.equals(collectorId))
                .collect(Collectors.toSet());
    }

    private static String text(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String number(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null) {
            return "?";
        }
        ByteBuffer value = ByteBuffer.wrap(header.value());
        return header.value().length == Long.BYTES ? Long.toString(value.getLong()) : Integer.toString(value.getInt());
    }
}
