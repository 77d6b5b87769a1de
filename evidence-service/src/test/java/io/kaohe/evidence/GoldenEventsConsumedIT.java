package io.kaohe.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaohe.contracts.events.CycleOpened;
import io.kaohe.contracts.events.RubricPublished;
import io.kaohe.testsupport.GoldenEvents;
import org.junit.jupiter.api.Test;

/**
 * The producers' golden examples, put on Kafka as they are, are applied by this service's real
 * listeners (each recorded by its consumer's inbox in the transaction that applied it).
 */
class GoldenEventsConsumedIT extends EvidenceIT {

    @Test
    void everyGoldenExampleThisServiceConsumesIsApplied() {
        GoldenEvents.assertApplied(RubricPublished.TYPE.name(), RubricPublished.TYPE.topic(),
                "evidence-service.published-rubrics", dataSource);
        GoldenEvents.assertApplied(CycleOpened.TYPE.name(), CycleOpened.TYPE.topic(), "evidence-service.cycles",
                dataSource);

        assertThat(db.sql("select count(*) from replica_rubric_version where version_id = ?::uuid")
                .param("2f7e5a10-7c3b-4d2e-9a1f-3c5b7d9e0a12").query(Integer.class).single()).isEqualTo(1);
        assertThat(db.sql("select period from cycle_period where cycle_id = '2015' order by due").query(String.class)
                .list()).containsExactly("Q1", "YEAR");
    }
}
