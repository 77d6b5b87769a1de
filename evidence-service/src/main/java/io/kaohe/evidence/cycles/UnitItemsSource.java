package io.kaohe.evidence.cycles;

import io.kaohe.contracts.rubric.UnitItems;

/**
 * Where the items a unit is assessed on come from: rubric-service's published version
 * ({@link RubricServiceItems}). Fetched once per version and unit, then kept by {@link UnitItemsCatalog}.
 */
public interface UnitItemsSource {

    UnitItems unitItems(String rubricVersionId, String unitCode);
}
