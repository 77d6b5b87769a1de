package io.kaohe.scoring.events;

import io.kaohe.contracts.events.CycleOpened;
import io.kaohe.contracts.events.CyclePublished;
import io.kaohe.contracts.events.GradesApproved;
import io.kaohe.contracts.events.ScoresComputed;
import io.kaohe.contracts.events.Topics;
import io.kaohe.scoring.cycles.Cycles;
import io.kaohe.scoring.grades.Grades;
import io.kaohe.scoring.scores.Scoring;
import io.kaohe.support.events.EventJson;
import io.kaohe.support.events.Inbox;
import io.kaohe.support.events.ReceivedEvent;
import io.kaohe.support.problems.ProblemException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Workflow's events: an opened cycle is recorded (then its units scored, best effort: items that
 * rubric-service cannot give now are fetched when first needed); approved grades freeze the
 * final scores; the office's publication makes the results table the official one. A redelivered
 * event changes nothing.
 */
@Component
class WorkflowEventsListener {

    static final String CONSUMER = "scoring-service.workflow-events";
    private static final Logger log = LoggerFactory.getLogger(WorkflowEventsListener.class);

    private final Inbox inbox;
    private final Cycles cycles;
    private final Grades grades;
    private final Scoring scoring;
    private final TransactionTemplate transaction;

    WorkflowEventsListener(Inbox inbox, Cycles cycles, Grades grades, Scoring scoring, TransactionTemplate transaction) {
        this.inbox = inbox;
        this.cycles = cycles;
        this.grades = grades;
        this.scoring = scoring;
        this.transaction = transaction;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.WORKFLOW)
    public void on(String message) {
        ReceivedEvent event = EventJson.read(message);
        if (event.is(CycleOpened.TYPE)) {
            CycleOpened opened = event.data(CycleOpened.TYPE);
            Boolean isNew = transaction.execute(tx -> inbox.firstDelivery(CONSUMER, event) && cycles.record(opened));
            if (Boolean.TRUE.equals(isNew)) {
                log.info("cycle {} opened with {} units", opened.cycleId(), opened.units().size());
                try {
                    scoring.recompute(opened.cycleId(), List.of(), ScoresComputed.Trigger.CYCLE_OPENED);
                } catch (ProblemException e) {
                    log.warn("cycle {} not scored yet ({}); it will be when its items can be had", opened.cycleId(),
                            e.getMessage());
                }
            }
        } else if (event.is(GradesApproved.TYPE)) {
            GradesApproved approved = event.data(GradesApproved.TYPE);
            transaction.executeWithoutResult(tx -> {
                if (inbox.firstDelivery(CONSUMER, event)) {
                    grades.approve(approved);
                }
            });
        } else if (event.is(CyclePublished.TYPE)) {
            CyclePublished published = event.data(CyclePublished.TYPE);
            transaction.executeWithoutResult(tx -> {
                if (inbox.firstDelivery(CONSUMER, event) && cycles.recordPublication(published)) {
                    log.info("cycle {}: results published by {} ({})", published.cycleId(), published.publishedBy(),
                            published.noticeTitle());
                }
            });
        }
    }
}
