package io.kaohe.scoring.cycles;

import io.kaohe.contracts.rubric.UnitItems;

/**
 * Where the items a unit is assessed on come from: rubric-service in production
 * ({@link RubricServiceUnitItems}); tests may supply fixed items built in the test.
 */
public interface UnitItemsSource {

    /** The items of {@code unitCode} in the published version; fails if they cannot be had now. */
    UnitItems unitItems(String versionId, String unitCode);
}
