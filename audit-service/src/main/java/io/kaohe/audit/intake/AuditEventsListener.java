package io.kaohe.audit.intake;

import io.kaohe.audit.chain.ChainAppender;
import io.kaohe.audit.chain.Entries;
import io.kaohe.contracts.events.AuditRecorded;
import io.kaohe.contracts.events.Topics;
import io.kaohe.support.events.EventJson;
import io.kaohe.support.events.Inbox;
import io.kaohe.support.events.ReceivedEvent;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every service's audit records, appended to the chain once each: the inbox row, the chain's new
 * position and the offset's progress belong together (a redelivery finds the inbox row).
 */
@Component
class AuditEventsListener {

    static final String CONSUMER = "audit-service.audit-events";

    private final Inbox inbox;
    private final ChainAppender chain;
    private final TransactionTemplate transaction;

    AuditEventsListener(Inbox inbox, ChainAppender chain, TransactionTemplate transaction) {
        this.inbox = inbox;
        this.chain = chain;
        this.transaction = transaction;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.AUDIT)
    public void on(String message) {
        ReceivedEvent event = EventJson.read(message);
        if (!event.is(AuditRecorded.TYPE)) {
            return;
        }
        AuditRecorded record = event.data(AuditRecorded.TYPE);
        transaction.executeWithoutResult(tx -> {
            if (inbox.firstDelivery(CONSUMER, event)) {
                chain.append(Entries.of(event.id(), record));
            }
        });
    }
}
