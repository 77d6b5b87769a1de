package io.kaohe.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The audit records services under test published (the {@code AuditRecorded} events on
 * {@code kaohe.audit.events}), read from the beginning by one consumer per test JVM. A count
 * first waits until the service's outbox has sent its audit events and this reader has caught up
 * with the topic, so it sees every record of a request already answered.
 */
public final class AuditRecords {

    public static final String TOPIC = "kaohe.audit.events";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<JsonNode> RECORDS = new ArrayList<>();
    private static final Map<TopicPartition, Long> POSITIONS = new ConcurrentHashMap<>();
    private static KafkaConsumer<String, String> consumer;

    private AuditRecords() {
    }

    /** The refusals (outcome REFUSED) a service recorded so far. */
    public static long refusals(DataSource serviceDatabase, String service) {
        return matching(serviceDatabase, r -> service.equals(r.path("service").asText())
                && "REFUSED".equals(r.path("outcome").asText())).size();
    }

    /** Every record's data (the event's {@code data}) that matches, in the order they were published. */
    public static synchronized List<JsonNode> matching(DataSource serviceDatabase, Predicate<JsonNode> which) {
        settle(serviceDatabase);
        return RECORDS.stream().filter(which).toList();
    }

    private static void settle(DataSource serviceDatabase) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (unsent(serviceDatabase) > 0) {
            pause(deadline, "the service's outbox to send its audit records");
        }
        KafkaConsumer<String, String> reader = reader();
        Map<TopicPartition, Long> ends = reader.endOffsets(reader.assignment());
        while (ends.entrySet().stream().anyMatch(e -> POSITIONS.getOrDefault(e.getKey(), 0L) < e.getValue())) {
            poll(reader);
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the audit topic was not read to its end within 60 s");
            }
        }
    }

    private static long unsent(DataSource db) {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select count(*) from event_publication where completion_date is null "
                     + "and serialized_event like '%\"AuditRecorded\"%'")) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the service's outbox", e);
        }
    }

    private static KafkaConsumer<String, String> reader() {
        if (consumer == null) {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafkaBootstrapServers());
            props.put(ConsumerConfig.GROUP_ID_CONFIG, "audit-records-" + UUID.randomUUID());
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }
        return consumer;
    }

    private static void poll(KafkaConsumer<String, String> reader) {
        for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(200))) {
            try {
                RECORDS.add(JSON.readTree(record.value()).path("data"));
            } catch (IOException e) {
                // Not an event: nothing a test of audit records counts.
            }
        }
        for (TopicPartition partition : reader.assignment()) {
            POSITIONS.put(partition, reader.position(partition));
        }
    }

    private static void pause(long deadline, String what) {
        if (System.nanoTime() > deadline) {
            throw new AssertionError("timed out waiting for " + what);
        }
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what);
        }
    }
}
