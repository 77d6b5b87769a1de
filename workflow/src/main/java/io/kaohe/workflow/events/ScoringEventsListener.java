package io.kaohe.workflow.events;

import io.kaohe.contracts.events.GradesProposed;
import io.kaohe.contracts.events.ScoresComputed;
import io.kaohe.contracts.events.Topics;
import io.kaohe.support.events.EventJson;
import io.kaohe.support.events.Inbox;
import io.kaohe.support.events.ReceivedEvent;
import io.kaohe.workflow.approvals.Proposals;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * scoring-service's events: every unit's score layers and every proposal are kept for the leader's
 * view; a full recompute ends the unit's wait for its scores, a proposal reaches the leader.
 */
@Component
class ScoringEventsListener {

    static final String CONSUMER = "workflow.scoring-events";

    private final Inbox inbox;
    private final Correlator correlator;
    private final Proposals proposals;

    ScoringEventsListener(Inbox inbox, Correlator correlator, Proposals proposals) {
        this.inbox = inbox;
        this.correlator = correlator;
        this.proposals = proposals;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.SCORING)
    @Transactional
    public void on(String message) {
        ReceivedEvent event = EventJson.read(message);
        if (!inbox.firstDelivery(CONSUMER, event)) {
            return;
        }
        if (event.is(ScoresComputed.TYPE)) {
            proposals.recordScores(event.data(ScoresComputed.TYPE));
        } else if (event.is(GradesProposed.TYPE)) {
            proposals.recordProposal(event.data(GradesProposed.TYPE));
        }
        correlator.correlate(event);
    }
}
