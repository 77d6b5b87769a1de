package io.kaohe.support.events;

/**
 * A parked event sent again to its topic through the outbox, exactly as first received: the
 * message carries {@link #FOR_CONSUMER} with the consumer group that parked it, and the other
 * groups reading the topic skip it (they applied it the first time).
 */
public record ReplayedEvent(String topic, String key, String message, String consumer) {

    /** Kafka header: the one consumer group a replayed message is meant for. */
    public static final String FOR_CONSUMER = "kaohe_replay_for";
}
