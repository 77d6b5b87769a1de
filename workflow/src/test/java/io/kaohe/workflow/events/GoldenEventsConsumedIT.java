package io.kaohe.workflow.events;

import io.kaohe.contracts.events.EventType;
import io.kaohe.contracts.events.GradesProposed;
import io.kaohe.contracts.events.RubricPublished;
import io.kaohe.contracts.events.ScoresComputed;
import io.kaohe.contracts.events.SelfAssessmentSubmitted;
import io.kaohe.contracts.events.SubmissionAccepted;
import io.kaohe.contracts.events.SubmissionReturned;
import io.kaohe.testsupport.GoldenEvents;
import io.kaohe.workflow.WorkflowIntegrationTest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The producers' golden examples, put on Kafka as they are, are applied by workflow's real
 * listeners (each recorded by its consumer's inbox in the transaction that applied it; events no
 * process waits for are kept or dropped by the correlation rules, never a listener failure).
 */
class GoldenEventsConsumedIT extends WorkflowIntegrationTest {

    private static final Map<EventType<?>, String> CONSUMED = new LinkedHashMap<>();

    static {
        CONSUMED.put(RubricPublished.TYPE, RubricEventsListener.CONSUMER);
        CONSUMED.put(SelfAssessmentSubmitted.TYPE, EvidenceEventsListener.CONSUMER);
        CONSUMED.put(SubmissionReturned.TYPE, EvidenceEventsListener.CONSUMER);
        CONSUMED.put(SubmissionAccepted.TYPE, EvidenceEventsListener.CONSUMER);
        CONSUMED.put(ScoresComputed.TYPE, ScoringEventsListener.CONSUMER);
        CONSUMED.put(GradesProposed.TYPE, ScoringEventsListener.CONSUMER);
    }

    @Test
    void everyGoldenExampleWorkflowConsumesIsApplied() {
        CONSUMED.forEach((type, consumer) -> GoldenEvents.assertApplied(type.name(), type.topic(), consumer,
                dataSource));
        org.assertj.core.api.Assertions.assertThat(db.sql("select count(*) from published_rubric where version_id = ?")
                .param("2f7e5a10-7c3b-4d2e-9a1f-3c5b7d9e0a12").query(Long.class).single()).isEqualTo(1);
    }
}
