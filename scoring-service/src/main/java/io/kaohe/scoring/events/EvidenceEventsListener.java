package io.kaohe.scoring.events;

import io.kaohe.contracts.events.ScoresComputed;
import io.kaohe.contracts.events.EvidenceAdded;
import io.kaohe.contracts.events.SelfAssessmentSubmitted;
import io.kaohe.scoring.scores.EvidenceOwners;
import io.kaohe.contracts.events.Topics;
import io.kaohe.scoring.cycles.Cycles;
import io.kaohe.scoring.scores.Scoring;
import io.kaohe.scoring.scores.SelfAssessments;
import io.kaohe.support.events.EventJson;
import io.kaohe.support.events.Inbox;
import io.kaohe.support.events.ReceivedEvent;
import io.kaohe.support.problems.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Evidence files' owners: recorded (a decision cites only its own unit's and cycle's evidence).
 * Self-assessments: stored (a later version supersedes an earlier one), then the unit's self layer
 * re-scored. A submission for a cycle not yet known is kept and scored when the cycle opens.
 */
@Component
class EvidenceEventsListener {

    static final String CONSUMER = "scoring-service.evidence-events";
    private static final Logger log = LoggerFactory.getLogger(EvidenceEventsListener.class);

    private final Inbox inbox;
    private final SelfAssessments selfAssessments;
    private final Cycles cycles;
    private final Scoring scoring;
    private final TransactionTemplate transaction;
    private final EvidenceOwners evidenceOwners;

    EvidenceEventsListener(Inbox inbox, SelfAssessments selfAssessments, Cycles cycles, Scoring scoring,
                           TransactionTemplate transaction, EvidenceOwners evidenceOwners) {
        this.evidenceOwners = evidenceOwners;
        this.inbox = inbox;
        this.selfAssessments = selfAssessments;
        this.cycles = cycles;
        this.scoring = scoring;
        this.transaction = transaction;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.EVIDENCE)
    public void on(String message) {
        ReceivedEvent event = EventJson.read(message);
        if (event.is(EvidenceAdded.TYPE)) {
            EvidenceAdded added = event.data(EvidenceAdded.TYPE);
            transaction.executeWithoutResult(tx -> {
                if (inbox.firstDelivery(CONSUMER, event)) {
                    evidenceOwners.record(added);
                }
            });
            return;
        }
        if (!event.is(SelfAssessmentSubmitted.TYPE)) {
            return;
        }
        SelfAssessmentSubmitted submitted = event.data(SelfAssessmentSubmitted.TYPE);
        Boolean stored = transaction.execute(tx -> inbox.firstDelivery(CONSUMER, event)
                && selfAssessments.record(submitted));
        if (!Boolean.TRUE.equals(stored) || cycles.unit(submitted.cycleId(), submitted.unitCode()).isEmpty()) {
            return;
        }
        try {
            scoring.rescoreUnit(submitted.cycleId(), submitted.unitCode(), ScoresComputed.Trigger.SELF_ASSESSMENT);
        } catch (ProblemException e) {
            log.warn("self-assessment of {} in cycle {} stored but not scored yet: {}", submitted.unitCode(),
                    submitted.cycleId(), e.getMessage());
        }
    }
}
