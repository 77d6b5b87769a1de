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
 * The publication remembers the trace it was recorded in, and its Kafka record continues it.
 */
public class EventPublisher {

    private final ApplicationEventPublisher events;
    private final String source;
    private final TraceContexts traces;

    EventPublisher(ApplicationEventPublisher events, String applicationName, TraceContexts traces) {
        this.events = events;
        this.source = "/" + applicationName;
        this.traces = traces;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public <T> EventEnvelope<T> publish(EventType<T> type, String subject, String cycleId, String unitId, T data) {
        EventEnvelope<T> envelope = EventEnvelope.of(source, type, subject, cycleId, unitId, data);
        events.publishEvent(new ExternalEvent(type.topic(), envelope.key(), envelope.id(), type.name(),
                EventJson.write(envelope), traces.current()));
        return envelope;
    }
}
