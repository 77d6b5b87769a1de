package io.kaohe.scoring.events;

import io.kaohe.contracts.events.ComputeScores;
import io.kaohe.contracts.events.ScoresComputed;
import io.kaohe.contracts.events.Topics;
import io.kaohe.scoring.cycles.Cycles;
import io.kaohe.scoring.scores.Scoring;
import io.kaohe.support.events.EventJson;
import io.kaohe.support.events.Inbox;
import io.kaohe.support.events.ReceivedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Workflow's ComputeScores command: a full recompute, in the same transaction as the inbox row,
 * so a failed recompute is retried and a redelivered command is not run twice.
 */
@Component
class ScoringCommandsListener {

    static final String CONSUMER = "scoring-service.scoring-commands";
    private static final Logger log = LoggerFactory.getLogger(ScoringCommandsListener.class);

    private final Inbox inbox;
    private final Cycles cycles;
    private final Scoring scoring;

    ScoringCommandsListener(Inbox inbox, Cycles cycles, Scoring scoring) {
        this.inbox = inbox;
        this.cycles = cycles;
        this.scoring = scoring;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.SCORING_COMMANDS)
    @Transactional
    public void on(String message) {
        ReceivedEvent event = EventJson.read(message);
        if (!event.is(ComputeScores.TYPE) || !inbox.firstDelivery(CONSUMER, event)) {
            return;
        }
        ComputeScores command = event.data(ComputeScores.TYPE);
        if (cycles.find(command.cycleId()).isEmpty()) {
            log.warn("ComputeScores for unknown cycle {} ignored", command.cycleId());
            return;
        }
        scoring.recompute(command.cycleId(), command.unitCodes(), ScoresComputed.Trigger.FULL_RECOMPUTE);
    }
}
