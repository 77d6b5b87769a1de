package io.kaohe.scoring.cycles;

import io.kaohe.contracts.rubric.UnitItems;
import io.kaohe.support.clients.RubricApi;
import org.springframework.stereotype.Component;

/** rubric-service's unit items, asked for with the service's own token. */
@Component
class RubricServiceUnitItems implements UnitItemsSource {

    private final RubricApi rubric;

    RubricServiceUnitItems(RubricApi rubric) {
        this.rubric = rubric;
    }

    @Override
    public UnitItems unitItems(String versionId, String unitCode) {
        return rubric.unitItems(versionId, unitCode);
    }
}
