package io.kaohe.workflow.process;

import io.kaohe.contracts.events.EventType;

/**
 * Where the models' sending steps put their events and commands: in the application, the
 * transactional outbox (recorded with the job's state change, sent to Kafka after commit).
 */
public interface CommandSender {

    <T> void send(EventType<T> type, String subject, String cycleId, String unitId, T data);
}
