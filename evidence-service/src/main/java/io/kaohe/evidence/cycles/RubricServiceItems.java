package io.kaohe.evidence.cycles;

import io.kaohe.contracts.rubric.UnitItems;
import io.kaohe.support.clients.RubricApi;
import org.springframework.stereotype.Component;

/** The unit's items as rubric-service serves them, asked with this service's own token. */
@Component
class RubricServiceItems implements UnitItemsSource {

    private final RubricApi rubric;

    RubricServiceItems(RubricApi rubric) {
        this.rubric = rubric;
    }

    @Override
    public UnitItems unitItems(String rubricVersionId, String unitCode) {
        return rubric.unitItems(rubricVersionId, unitCode);
    }
}
