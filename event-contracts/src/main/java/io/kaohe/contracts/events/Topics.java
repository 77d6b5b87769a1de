package io.kaohe.contracts.events;

import java.util.List;

/**
 * Every Kafka topic of the platform, in one place. The services create them at start-up
 * (the broker does not auto-create topics); each has a dead-letter twin for events a
 * consumer cannot process.
 */
public final class Topics {

    /** Rubric versions and the roster, published by rubric-service. */
    public static final String RUBRIC = "kaohe.rubric.events";
    /** Self-assessments and evidence, published by evidence-service. */
    public static final String EVIDENCE = "kaohe.evidence.events";
    /** Scores and grades, published by scoring-service. */
    public static final String SCORING = "kaohe.scoring.events";
    /** Cycle events and approvals, published by workflow. */
    public static final String WORKFLOW = "kaohe.workflow.events";
    /** Commands to scoring-service, sent by workflow. */
    public static final String SCORING_COMMANDS = "kaohe.scoring.commands";
    /** The audit trail: every service's audit records, kept by audit-service. */
    public static final String AUDIT = "kaohe.audit.events";

    public static final int PARTITIONS = 6;

    public static final List<String> ALL = List.of(RUBRIC, EVIDENCE, SCORING, WORKFLOW, SCORING_COMMANDS, AUDIT);

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + ".dlt";
    }
}
