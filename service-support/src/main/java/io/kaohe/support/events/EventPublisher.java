package io.kaohe.support.events;

import io.kaohe.contracts.events.EventEnvelope;
import io.kaohe.contracts.events.EventType;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Publishes an event with the state change it reports: the publication is recorded in the
 * caller's transaction (Spring Modulith's event publication registry), and sent to Kafka only
 * after that transaction commits. An unsent publication is retried until Kafka acknowledges it.
 */
public class EventPublisher {

    private final ApplicationEventPublisher events;
    private final String source;

    public EventPublisher(ApplicationEventPublisher events, String applicationName) {
        this.events = events;
        this.source = "/" + applicationName;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public <T> EventEnvelope<T> publish(EventType<T> type, String subject, String cycleId, String unitId, T data) {
        EventEnvelope<T> envelope = EventEnvelope.of(source, type, subject, cycleId, unitId, data);
        events.publishEvent(new ExternalEvent(type.topic(), envelope.key(), envelope.id(), type.name(),
                EventJson.write(envelope)));
        return envelope;
    }
}
