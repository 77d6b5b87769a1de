package io.kaohe.workflow.adapters;

import io.kaohe.contracts.events.EventType;
import io.kaohe.support.events.EventPublisher;
import io.kaohe.workflow.process.CommandSender;
import org.springframework.stereotype.Component;

/**
 * The models' sending steps write to the outbox in the engine's transaction (Camunda runs its
 * commands in Spring's transaction here), so an event leaves exactly when the job's state change
 * commits, and not at all if the job fails and is retried.
 */
@Component
class OutboxCommandSender implements CommandSender {

    private final EventPublisher events;

    OutboxCommandSender(EventPublisher events) {
        this.events = events;
    }

    @Override
    public <T> void send(EventType<T> type, String subject, String cycleId, String unitId, T data) {
        events.publish(type, subject, cycleId, unitId, data);
    }
}
