package io.kaohe.support.events.latency;

import io.kaohe.contracts.events.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * Where each benchmarked event was when (System.nanoTime, one JVM): its producer's commit, the outbox's send,
 * Kafka's acknowledgement, the consumer's poll, the inbox insert, the consumer's commit and its offset commit.
 * The Kafka hops are seen by client interceptors (named in the benchmark's client properties), the others by
 * the two benchmark applications.
 */
final class Hops {

    static final String[] NAMES = {"commit", "send start", "kafka ack", "poll return", "inbox insert start",
            "inbox insert done", "consumer commit", "offset commit"};
    static final int COMMIT = 0, SEND = 1, ACK = 2, POLLED = 3, INBOX = 4, INBOX_DONE = 5, CONSUMER_COMMIT = 6,
            OFFSET_COMMIT = 7;

    /** One event's timestamps; 0 = not (yet) seen. */
    static final class Sample {
        final long[] at = new long[NAMES.length];
        final CountDownLatch consumed = new CountDownLatch(1);
        final CountDownLatch offsetCommitted = new CountDownLatch(1);

        long between(int from, int to) {
            return at[to] - at[from];
        }
    }

    private static final Map<String, Sample> BY_EVENT = new ConcurrentHashMap<>();
    private static final Map<TopicPartition, Map<Long, String>> BY_OFFSET = new ConcurrentHashMap<>();

    private Hops() {
    }

    static Sample expect(String eventId) {
        return BY_EVENT.computeIfAbsent(eventId, id -> new Sample());
    }

    static void clear() {
        BY_EVENT.clear();
        BY_OFFSET.clear();
        IN_FLIGHT.clear();
    }

    static void mark(String eventId, int hop) {
        Sample sample = BY_EVENT.get(eventId);
        if (sample != null && sample.at[hop] == 0) {
            sample.at[hop] = System.nanoTime();
            if (hop == CONSUMER_COMMIT) {
                sample.consumed.countDown();
            }
            if (hop == OFFSET_COMMIT) {
                sample.offsetCommitted.countDown();
            }
        }
    }

    /** The envelope's id, without parsing the JSON: EventJson writes {@code "id":"<uuid>"} near its start. */
    static String eventId(String json) {
        int at = json == null ? -1 : json.indexOf("\"id\":\"");
        return at < 0 || json.length() < at + 42 ? null : json.substring(at + 6, at + 42);
    }

    /**
     * On rubric-side's producer: the outbox's send starts (on the sending thread) and Kafka acknowledges it (on the
     * producer's I/O thread). An acknowledgement names only partition and offset; a partition's acknowledgements come
     * in the order of its sends (idempotent producer), and a keyed record's partition is the default partitioner's
     * murmur2 of its key, so a queue per partition pairs them.
     */
    public static class Sends implements ProducerInterceptor<String, String> {
        @Override
        public ProducerRecord<String, String> onSend(ProducerRecord<String, String> record) {
            String id = eventId(record.value());
            if (id != null && record.key() != null && record.partition() == null) {
                mark(id, SEND);
                int partition = Utils.toPositive(Utils.murmur2(record.key().getBytes(StandardCharsets.UTF_8)))
                        % Topics.PARTITIONS;
                IN_FLIGHT.computeIfAbsent(new TopicPartition(record.topic(), partition),
                        p -> new ConcurrentLinkedQueue<>()).add(id);
            }
            return record;
        }

        @Override
        public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
            if (exception == null && metadata != null) {
                Queue<String> sent = IN_FLIGHT.get(new TopicPartition(metadata.topic(), metadata.partition()));
                String id = sent == null ? null : sent.poll();
                if (id != null) {
                    mark(id, ACK);
                }
            }
        }

        @Override
        public void close() {
        }

        @Override
        public void configure(Map<String, ?> configs) {
        }
    }

    private static final Map<TopicPartition, Queue<String>> IN_FLIGHT = new ConcurrentHashMap<>();

    /** On evidence-side's consumer: poll returned the event's record, and its offset was committed. */
    public static class Polls implements ConsumerInterceptor<String, String> {
        @Override
        public ConsumerRecords<String, String> onConsume(ConsumerRecords<String, String> records) {
            for (ConsumerRecord<String, String> record : records) {
                String id = eventId(record.value());
                if (id != null) {
                    mark(id, POLLED);
                    BY_OFFSET.computeIfAbsent(new TopicPartition(record.topic(), record.partition()),
                            p -> new ConcurrentHashMap<>()).put(record.offset() + 1, id);
                }
            }
            return records;
        }

        @Override
        public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
            offsets.forEach((partition, offset) -> {
                Map<Long, String> ids = BY_OFFSET.get(partition);
                String id = ids == null ? null : ids.remove(offset.offset());
                if (id != null) {
                    mark(id, OFFSET_COMMIT);
                }
            });
        }

        @Override
        public void close() {
        }

        @Override
        public void configure(Map<String, ?> configs) {
        }
    }
}
