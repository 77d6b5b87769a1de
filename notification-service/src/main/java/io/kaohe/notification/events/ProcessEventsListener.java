package io.kaohe.notification.events;

import io.kaohe.contracts.events.BonusApplicationAnswered;
import io.kaohe.contracts.events.BonusApplicationFiled;
import io.kaohe.contracts.events.CycleOpened;
import io.kaohe.contracts.events.Topics;
import io.kaohe.notification.notices.Cycles;
import io.kaohe.notification.notices.EventNotices;
import io.kaohe.notification.notices.Notice;
import io.kaohe.notification.notices.NotificationStore;
import io.kaohe.support.events.EventJson;
import io.kaohe.support.events.Inbox;
import io.kaohe.support.events.ReceivedEvent;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The process's events that concern people (workflow's tasks, reminders, approvals, publications and
 * rectifications; evidence's returns; scoring's bonus applications): each becomes notifications, in one transaction with the record
 * that it was consumed, so a redelivered event tells nobody twice.
 */
@Component
class ProcessEventsListener {

    static final String WORKFLOW_CONSUMER = "notification-service.workflow-events";
    static final String EVIDENCE_CONSUMER = "notification-service.evidence-events";
    static final String SCORING_CONSUMER = "notification-service.scoring-events";
    private static final Logger log = LoggerFactory.getLogger(ProcessEventsListener.class);

    private final Inbox inbox;
    private final EventNotices notices;
    private final NotificationStore store;
    private final Cycles cycles;
    private final TransactionTemplate transaction;

    ProcessEventsListener(Inbox inbox, EventNotices notices, NotificationStore store, Cycles cycles,
                          TransactionTemplate transaction) {
        this.inbox = inbox;
        this.notices = notices;
        this.store = store;
        this.cycles = cycles;
        this.transaction = transaction;
    }

    @KafkaListener(id = WORKFLOW_CONSUMER, topics = Topics.WORKFLOW)
    public void onWorkflow(String message) {
        apply(WORKFLOW_CONSUMER, EventJson.read(message));
    }

    @KafkaListener(id = EVIDENCE_CONSUMER, topics = Topics.EVIDENCE)
    public void onEvidence(String message) {
        apply(EVIDENCE_CONSUMER, EventJson.read(message));
    }

    /** Of scoring's events only the bonus applications concern people here (not its many ScoresComputed). */
    @KafkaListener(id = SCORING_CONSUMER, topics = Topics.SCORING)
    public void onScoring(String message) {
        ReceivedEvent event = EventJson.read(message);
        if (event.is(BonusApplicationFiled.TYPE) || event.is(BonusApplicationAnswered.TYPE)) {
            apply(SCORING_CONSUMER, event);
        }
    }

    void apply(String consumer, ReceivedEvent event) {
        transaction.executeWithoutResult(tx -> {
            if (!inbox.firstDelivery(consumer, event)) {
                return;
            }
            if (event.is(CycleOpened.TYPE)) {
                cycles.record(event.data(CycleOpened.TYPE));
                return;
            }
            Optional<Notice> notice = notices.of(event);
            if (notice.isPresent()) {
                int stored = store.store(notice.get());
                log.info("{} {}: {} notification(s) for {}", event.type(), event.id(), stored,
                        notice.get().audiences().stream().map(Notice.Audience::name).toList());
            }
        });
    }
}
