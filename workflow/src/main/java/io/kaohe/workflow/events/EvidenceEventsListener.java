package io.kaohe.workflow.events;

import io.kaohe.contracts.events.Topics;
import io.kaohe.support.events.EventJson;
import io.kaohe.support.events.Inbox;
import io.kaohe.support.events.ReceivedEvent;
import io.kaohe.workflow.process.EventCorrelation.Outcome;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * evidence-service's events: a signed-off self-assessment moves its period on, review decisions
 * complete the departments' review tasks. One transaction: the processed-event row, the engine's
 * state change (Camunda runs in this transaction) and, if no process waits yet, the kept event.
 */
@Component
class EvidenceEventsListener {

    static final String CONSUMER = "workflow.evidence-events";

    private final Inbox inbox;
    private final Correlator correlator;
    private final PendingEvents pending;

    EvidenceEventsListener(Inbox inbox, Correlator correlator, PendingEvents pending) {
        this.inbox = inbox;
        this.correlator = correlator;
        this.pending = pending;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.EVIDENCE)
    @Transactional
    public void on(String message) {
        ReceivedEvent event = EventJson.read(message);
        if (!inbox.firstDelivery(CONSUMER, event)) {
            return;
        }
        if (correlator.correlate(event) == Outcome.NOT_READY) {
            pending.keep(CONSUMER, event, event.envelope().cycleid() + ":" + event.envelope().unitid(), message);
        }
    }
}
