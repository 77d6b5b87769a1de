package io.kaohe.scoring.events;

import io.kaohe.contracts.events.ComputeScores;
import io.kaohe.contracts.events.RecordDecision;
import io.kaohe.contracts.events.ScoresComputed;
import io.kaohe.contracts.events.Topics;
import io.kaohe.scoring.cycles.CycleUnit;
import io.kaohe.scoring.cycles.Cycles;
import io.kaohe.scoring.grades.Grades;
import io.kaohe.scoring.scores.DecisionService;
import io.kaohe.scoring.scores.Scoring;
import io.kaohe.support.events.EventJson;
import io.kaohe.support.events.Inbox;
import io.kaohe.support.events.ReceivedEvent;
import io.kaohe.support.events.UnprocessableEventException;
import io.kaohe.support.problems.ProblemException;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Workflow's commands, each in the same transaction as its inbox row, so a failed one is retried
 * and a redelivered one is not run twice. ComputeScores: a full recompute. RecordDecision: the
 * decision, once per decision id (a command sent twice by a job that ran twice has a new event id
 * but the same decision id); one that can never apply goes to the dead-letter topic with the reason.
 */
@Component
class ScoringCommandsListener {

    static final String CONSUMER = "scoring-service.scoring-commands";
    private static final Logger log = LoggerFactory.getLogger(ScoringCommandsListener.class);

    private final Inbox inbox;
    private final Cycles cycles;
    private final Scoring scoring;
    private final DecisionService decisions;
    private final MessageSource messages;
    private final Grades grades;
    private final JdbcClient db;

    ScoringCommandsListener(Inbox inbox, Cycles cycles, Scoring scoring, DecisionService decisions,
                            MessageSource messages, Grades grades, JdbcClient db) {
        this.grades = grades;
        this.db = db;
        this.inbox = inbox;
        this.cycles = cycles;
        this.scoring = scoring;
        this.decisions = decisions;
        this.messages = messages;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.SCORING_COMMANDS)
    @Transactional
    public void on(String message) {
        ReceivedEvent event = EventJson.read(message);
        if (event.is(ComputeScores.TYPE) && inbox.firstDelivery(CONSUMER, event)) {
            computeScores(event.data(ComputeScores.TYPE));
        } else if (event.is(RecordDecision.TYPE) && inbox.firstDelivery(CONSUMER, event)) {
            recordDecision(event.id(), event.data(RecordDecision.TYPE));
        }
    }

    private void computeScores(ComputeScores command) {
        if (cycles.find(command.cycleId()).isEmpty()) {
            log.warn("ComputeScores for unknown cycle {} ignored", command.cycleId());
            return;
        }
        scoring.recompute(command.cycleId(), command.unitCodes(), ScoresComputed.Trigger.FULL_RECOMPUTE);
    }

    private void recordDecision(String eventId, RecordDecision command) {
        try {
            reopenForUpheldAppeal(command);
            if (decisions.record(command).isEmpty()) {
                log.info("RecordDecision {} (event {}): decision already recorded", command.decisionId(), eventId);
            }
        } catch (ProblemException refused) {
            if (refused.status().is5xxServerError()) {
                throw refused; // e.g. the unit's items cannot be fetched now: retried
            }
            throw new UnprocessableEventException("RecordDecision " + command.decisionId() + " (event " + eventId
                    + ") refused: " + reason(refused), refused);
        }
    }

    /**
     * A correcting decision (it supersedes another) on a unit whose scores are approved comes from an
     * appeal the office upheld in the publicity period (申诉复核): the unit's approval is reopened in the
     * office member's name with the reason, and closes again when the leaders approve the unit anew
     * (GradesApproved for it). Not when the decision is recorded already (a command sent twice).
     */
    private void reopenForUpheldAppeal(RecordDecision command) {
        if (command.supersedes() == null || command.supersedes().isBlank() || recorded(command.decisionId())) {
            return;
        }
        boolean frozen = cycles.find(command.cycleId()).isPresent() && cycles.lockUnits(command.cycleId(),
                List.of(command.unitCode())).stream().anyMatch(CycleUnit::frozen);
        if (frozen) {
            grades.reopen(command.cycleId(), List.of(command.unitCode()), "申诉复核：" + command.reason(),
                    command.onBehalfOf());
        }
    }

    private boolean recorded(String decisionId) {
        java.util.UUID id;
        try {
            id = java.util.UUID.fromString(String.valueOf(decisionId));
        } catch (IllegalArgumentException e) {
            return false; // refused as it is recorded
        }
        return db.sql("select count(*) from decision where id = ?").param(id).query(Long.class).single() > 0;
    }

    private String reason(ProblemException refused) {
        String detail = messages.getMessage(refused.code(), refused.args(), refused.code(),
                LocaleContextHolder.getLocale());
        String faults = refused.errors().stream().map(e -> e.location() + ": " + e.message())
                .collect(Collectors.joining("; "));
        return refused.code() + " — " + detail + (faults.isEmpty() ? "" : " [" + faults + "]");
    }
}
