package io.kaohe.support.rubric;

import io.kaohe.contracts.rubric.UnitItems;

/**
 * Where the replica gets a unit's items the first time: rubric-service, asked with the service's
 * own token. Tests put a fixed rubric in its place.
 */
@FunctionalInterface
public interface UnitItemsSource {

    /** The unit's items in a published version; throws {@code HttpClientErrorException.NotFound} if it has none. */
    UnitItems unitItems(String rubricVersionId, String unitCode);
}
