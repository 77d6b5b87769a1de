package io.kaohe.support.events;

/**
 * What the outbox stores and Kafka carries: the envelope already written as JSON, so that a
 * publication republished after a restart sends exactly the bytes first recorded; and the W3C
 * {@code traceparent} of the work that recorded it (null when none was traced), so that a send from
 * another thread, or the resubmission job's, continues that trace rather than starting its own.
 */
public record ExternalEvent(String topic, String key, String id, String type, String json, String traceparent) {
}
