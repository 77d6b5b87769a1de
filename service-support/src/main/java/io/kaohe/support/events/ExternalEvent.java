package io.kaohe.support.events;

/**
 * What the outbox stores and Kafka carries: the envelope already written as JSON, so that a
 * publication republished after a restart sends exactly the bytes first recorded.
 */
public record ExternalEvent(String topic, String key, String id, String type, String json) {
}
