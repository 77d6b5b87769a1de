package io.kaohe.workflow.events;

import io.kaohe.contracts.events.Topics;
import io.kaohe.support.events.EventJson;
import io.kaohe.support.events.Inbox;
import io.kaohe.support.events.ReceivedEvent;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Workflow's own events, of which one starts a process: RectificationOpened (sent by the cycle
 * after publication and by a unit after its inspection) starts the rectification, once.
 */
@Component
class WorkflowEventsListener {

    static final String CONSUMER = "workflow.workflow-events";

    private final Inbox inbox;
    private final Correlator correlator;

    WorkflowEventsListener(Inbox inbox, Correlator correlator) {
        this.inbox = inbox;
        this.correlator = correlator;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.WORKFLOW)
    @Transactional
    public void on(String message) {
        ReceivedEvent event = EventJson.read(message);
        if (inbox.firstDelivery(CONSUMER, event)) {
            correlator.correlate(event);
        }
    }
}
