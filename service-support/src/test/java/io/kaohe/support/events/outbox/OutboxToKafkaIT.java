package io.kaohe.support.events.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kaohe.contracts.events.EventEnvelope;
import io.kaohe.contracts.events.Topics;
import io.kaohe.support.events.EventJson;
import io.kaohe.support.events.outbox.OutboxTestApplication.NoteReader;
import io.kaohe.support.events.outbox.OutboxTestApplication.NoteWritten;
import io.kaohe.support.events.outbox.OutboxTestApplication.Notes;
import io.kaohe.testsupport.Await;
import io.kaohe.testsupport.TestServers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The messaging design end to end on a real PostgreSQL and a real Kafka broker: the event is
 * recorded with its state change, Kafka carries it after commit, and the consumer applies it
 * exactly once however often it is delivered.
 */
@SpringBootTest
class OutboxToKafkaIT {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestServers.database("outbox"));
        registry.add("spring.datasource.username", () -> TestServers.postgres().user());
        registry.add("spring.datasource.password", () -> TestServers.postgres().password());
        registry.add("spring.kafka.bootstrap-servers", TestServers::kafkaBootstrapServers);
        // No request is authenticated here, so no token issuer is contacted.
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> "http://127.0.0.1:9/realms/none");
        registry.add("kaohe.outbox.resubmit-every", () -> "PT2S");
    }

    @Autowired
    Notes notes;
    @Autowired
    JdbcClient db;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void aCommittedChangeReachesTheConsumerOnceWithItsEnvelope() {
        UUID id = notes.write("年度考核");
        Await.until(() -> received(id) == 1, "the note's event to be consumed");
        assertThat(db.sql("select text from received_note where note_id = ?").param(id).query(String.class).single())
                .isEqualTo("年度考核");
        Await.until(() -> db.sql("select count(*) from event_publication where completion_date is null")
                .query(Long.class).single() == 0, "the outbox to hold no unsent event");
    }

    @Test
    void aRolledBackChangePublishesNothing() {
        long notesBefore = db.sql("select count(*) from note").query(Long.class).single();
        assertThatThrownBy(() -> notes.writeThenFail("作废")).isInstanceOf(IllegalStateException.class);
        // A later event overtakes nothing: once it is consumed, the failed one would have been too.
        UUID marker = notes.write("marker after rollback");
        Await.until(() -> received(marker) == 1, "the marker event");
        assertThat(db.sql("select count(*) from received_note where text = '作废'").query(Long.class).single()).isZero();
        assertThat(db.sql("select count(*) from note").query(Long.class).single()).isEqualTo(notesBefore + 1);
    }

    @Test
    void aRedeliveredEventHasNoSecondEffect() {
        String noteId = UUID.randomUUID().toString();
        EventEnvelope<NoteWritten> envelope = EventEnvelope.of("/outbox-test", OutboxTestApplication.NOTE_WRITTEN,
                "notes/" + noteId, null, "unit-1", new NoteWritten(noteId, "redelivered"));
        String json = EventJson.write(envelope);
        kafka.send(Topics.SCORING_COMMANDS, envelope.key(), json).join();
        kafka.send(Topics.SCORING_COMMANDS, envelope.key(), json).join();
        UUID marker = notes.write("marker after redelivery");
        Await.until(() -> received(marker) == 1, "the marker event");
        assertThat(received(UUID.fromString(noteId))).isEqualTo(1);
        assertThat(db.sql("select count(*) from processed_event where event_id = ?").param(envelope.id())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aRestartedConsumerCatchesUpAndReplayedOffsetsChangeNothing() throws Exception {
        UUID before = notes.write("before the restart");
        Await.until(() -> received(before) == 1, "the first event");
        long receivedBefore = db.sql("select count(*) from received_note").query(Long.class).single();

        MessageListenerContainer container = listeners.getListenerContainer(NoteReader.CONSUMER);
        container.stop();
        Await.until(() -> !container.isRunning(), "the consumer to stop");
        List<UUID> whileDown = List.of(notes.write("while down 1"), notes.write("while down 2"), notes.write("while down 3"));
        // As if the consumer had crashed before committing: rewind its group to the beginning.
        rewind("outbox-test.notes", Topics.SCORING_COMMANDS);
        container.start();

        Await.until(() -> whileDown.stream().allMatch(id -> received(id) == 1), "the events published while it was down");
        assertThat(received(before)).isEqualTo(1);
        assertThat(db.sql("select count(*) from received_note").query(Long.class).single())
                .isEqualTo(receivedBefore + 3);
    }

    @Test
    void aMessageThatIsNotAnEventGoesToTheDeadLetterTopicWithoutBlockingOthers() {
        kafka.send(Topics.SCORING_COMMANDS, "unit-1", "this is not an event").join();
        UUID after = notes.write("after the poison message");
        Await.until(() -> received(after) == 1, "the event behind the poison message");
        try (KafkaConsumer<String, String> dlt = consumer(Topics.deadLetter(Topics.SCORING_COMMANDS))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : dlt.poll(Duration.ofMillis(500))) {
                    if (record.value().equals("this is not an event")) {
                        return;
                    }
                }
            }
        }
        throw new AssertionError("the poison message did not reach the dead-letter topic");
    }

    private long received(UUID noteId) {
        return db.sql("select count(*) from received_note where note_id = ?").param(noteId).query(Long.class).single();
    }

    private static void rewind(String group, String topic) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafkaBootstrapServers());
        try (Admin admin = Admin.create(props)) {
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.earliest()));
            Map<TopicPartition, OffsetAndMetadata> earliest = admin.listOffsets(partitions).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue().offset())));
            // The group may take a moment to become empty after the container stopped.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (true) {
                try {
                    admin.alterConsumerGroupOffsets(group, earliest).all().get();
                    return;
                } catch (Exception notEmptyYet) {
                    if (System.nanoTime() > deadline) {
                        throw notEmptyYet;
                    }
                    Thread.sleep(500);
                }
            }
        }
    }

    private static KafkaConsumer<String, String> consumer(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "outbox-it-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

}
