package io.kaohe.contracts.rubric;

import java.math.BigDecimal;
import java.util.List;

/**
 * Everything a unit is assessed on in one published rubric version, as served by
 * {@code GET /api/rubric/versions/{versionId}/units/{unitCode}/items}. {@code maximum} is the
 * sum of the applicable items' points: items that do not apply are not listed and count
 * towards neither the score nor the maximum.
 */
public record UnitItems(String versionId, String unitCode, String unitName, String category, BigDecimal maximum,
                        List<UnitItem> items) {

    public UnitItems {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
