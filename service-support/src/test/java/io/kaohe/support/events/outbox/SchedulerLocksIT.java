package io.kaohe.support.events.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaohe.contracts.events.Topics;
import io.kaohe.support.events.EventJson;
import io.kaohe.support.events.outbox.OutboxTestApplication.Notes;
import io.kaohe.testsupport.Await;
import io.kaohe.testsupport.ServiceTestProperties;
import io.kaohe.testsupport.TestServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * Two replicas of a service on one database (real PostgreSQL and Kafka) run the outbox's
 * resubmission at the same moment: ShedLock lets one of them do it, so each unsent event reaches
 * Kafka once, not twice.
 */
class SchedulerLocksIT {

    private static final int UNSENT = 20;

    @Test
    void twoReplicasResubmittingAtOnceSendEachUnsentEventOnce() throws Exception {
        String database = TestServers.database("scheduler_locks");
        List<String> unsent = new ArrayList<>();
        // A replica whose broker is unreachable: its changes commit, their events stay in the outbox.
        try (ConfigurableApplicationContext offline = replica(database, "127.0.0.1:9")) {
            Notes notes = offline.getBean(Notes.class);
            JdbcClient db = offline.getBean(JdbcClient.class);
            for (int i = 0; i < UNSENT; i++) {
                notes.write("未发送 " + i);
            }
            Await.until(() -> db.sql("select count(*) from event_publication where completion_date is null")
                    .query(Long.class).single() >= UNSENT, "the offline replica to give up sending");
            unsent.addAll(db.sql("select serialized_event from event_publication where completion_date is null")
                    .query(String.class).list().stream().map(SchedulerLocksIT::eventId).toList());
            // Old enough for the resubmission (it leaves publications younger than 30 s to their sender).
            db.sql("update event_publication set publication_date = now() - interval '1 minute'").update();
        }
        assertThat(unsent).hasSize(UNSENT);

        Map<TopicPartition, Long> before = endOffsets();
        try (ConfigurableApplicationContext one = replica(database, TestServers.kafkaBootstrapServers());
             ConfigurableApplicationContext two = replica(database, TestServers.kafkaBootstrapServers())) {
            CyclicBarrier together = new CyclicBarrier(2);
            List<CompletableFuture<Void>> runs = new ArrayList<>();
            for (ConfigurableApplicationContext replica : List.of(one, two)) {
                Object job = replica.getBean("outboxResubmission");
                runs.add(CompletableFuture.runAsync(() -> {
                    try {
                        together.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    ReflectionTestUtils.invokeMethod(job, "resubmit");
                }));
            }
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).join();
            JdbcClient db = one.getBean(JdbcClient.class);
            Await.until(() -> db.sql("select count(*) from event_publication where completion_date is null")
                    .query(Long.class).single() == 0, "every publication to be sent");
            assertThat(db.sql("select count(*) from shedlock where name = 'outbox-resubmission'").query(Long.class)
                    .single()).as("the job's lock row").isEqualTo(1);
        }

        Map<String, Long> sent = sentSince(before);
        System.out.printf("scheduler locks: %d unsent events, %d records on Kafka after two replicas resubmitted at once%n",
                UNSENT, unsent.stream().mapToLong(id -> sent.getOrDefault(id, 0L)).sum());
        for (String id : unsent) {
            assertThat(sent.getOrDefault(id, 0L)).as("records of event " + id).isEqualTo(1);
        }
    }

    /** One replica of the test service; its own scheduler stays out of the way (the test runs the job). */
    private static ConfigurableApplicationContext replica(String database, String kafka) {
        return new SpringApplicationBuilder(OutboxTestApplication.class).run(ServiceTestProperties.arguments(database, kafka,
                "--spring.kafka.admin.operation-timeout=2s", "--spring.kafka.listener.auto-startup=false"));
    }

    /** The publication holds the ExternalEvent as JSON: its id is the envelope's. */
    private static String eventId(String serialized) {
        return EventJson.tree(serialized).get("id").asText();
    }

    private static Map<TopicPartition, Long> endOffsets() {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SCORING_COMMANDS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            return consumer.endOffsets(partitions);
        }
    }

    /** How many records each event id has on the topic since the given offsets. */
    private static Map<String, Long> sentSince(Map<TopicPartition, Long> from) {
        Map<String, Long> counts = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            Map<TopicPartition, Long> end = consumer.endOffsets(from.keySet());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    counts.merge(EventJson.read(record.value()).id(), 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    private static KafkaConsumer<String, String> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "scheduler-locks-it-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

}
