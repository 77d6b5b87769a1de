package io.kaohe.contracts.events;

/**
 * A kind of event: its CloudEvents {@code type}, the record carrying its data and the topic
 * it travels on. Changes are additive; a breaking change is a new type.
 */
public record EventType<T>(String name, Class<T> dataClass, String topic) {
}
