package io.kaohe.scoring.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaohe.contracts.events.ComputeScores;
import io.kaohe.contracts.events.CycleOpened;
import io.kaohe.contracts.events.CyclePublished;
import io.kaohe.contracts.events.EventType;
import io.kaohe.contracts.events.EvidenceAdded;
import io.kaohe.contracts.events.GradesApproved;
import io.kaohe.contracts.events.RecordDecision;
import io.kaohe.contracts.events.RubricPublished;
import io.kaohe.contracts.events.SelfAssessmentSubmitted;
import io.kaohe.testsupport.GoldenEvents;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The producers' golden examples, put on Kafka as they are, are applied by this service's real
 * listeners: each is recorded by its consumer's inbox in the transaction that applied it (a
 * listener that failed to read or apply it would leave no row).
 */
class GoldenEventsConsumedIT extends ScoringITBase {

    @Autowired
    DataSource dataSource;

    /** In the order a year sends them: the cycle first, so that what follows finds it. */
    private static final Map<EventType<?>, String> CONSUMED = new LinkedHashMap<>();

    static {
        CONSUMED.put(RubricPublished.TYPE, "scoring-service.published-rubrics");
        CONSUMED.put(CycleOpened.TYPE, "scoring-service.workflow-events");
        CONSUMED.put(EvidenceAdded.TYPE, "scoring-service.evidence-events");
        CONSUMED.put(SelfAssessmentSubmitted.TYPE, "scoring-service.evidence-events");
        CONSUMED.put(RecordDecision.TYPE, "scoring-service.scoring-commands");
        CONSUMED.put(ComputeScores.TYPE, "scoring-service.scoring-commands");
        CONSUMED.put(GradesApproved.TYPE, "scoring-service.workflow-events");
        CONSUMED.put(CyclePublished.TYPE, "scoring-service.workflow-events");
    }

    @Test
    void everyGoldenExampleThisServiceConsumesIsApplied() {
        for (Map.Entry<EventType<?>, String> consumed : CONSUMED.entrySet()) {
            GoldenEvents.assertApplied(consumed.getKey().name(), consumed.getKey().topic(), consumed.getValue(),
                    dataSource);
        }
        // And what they carry took effect: the cycle, its units, the file's owner, the unit's submission, the decision.
        assertThat(db.sql("select count(*) from evidence_owner").query(Integer.class).single()).isPositive();
        assertThat(db.sql("select count(*) from cycle_unit where cycle_id = '2015'").query(Integer.class).single())
                .isEqualTo(2);
        assertThat(db.sql("select count(*) from self_assessment where cycle_id = '2015' and unit_code = 'bz-sjw'")
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(db.sql("select amount from decision where id = 'f80cef1b-7bae-389d-9af4-351d2dcc9b4e'::uuid")
                .query(java.math.BigDecimal.class).single()).isEqualByComparingTo("0.50");
    }
}
