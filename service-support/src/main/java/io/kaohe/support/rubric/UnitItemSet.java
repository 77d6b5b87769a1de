package io.kaohe.support.rubric;

import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.contracts.rubric.UnitItems;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one unit is assessed on in one published rubric version, items in rubric order. */
public record UnitItemSet(String rubricVersionId, String unitCode, String unitName, String category,
                          BigDecimal maximum, List<UnitItem> items, Map<String, UnitItem> byCode) {

    UnitItemSet(String rubricVersionId, String unitCode, String unitName, String category, BigDecimal maximum,
                List<UnitItem> items) {
        this(rubricVersionId, unitCode, unitName, category, maximum, List.copyOf(items), index(items));
    }

    /** The item of that code, or null if the unit is not assessed on it. */
    public UnitItem item(String itemCode) {
        return byCode.get(itemCode);
    }

    /** As rubric-service's contract has it. */
    public UnitItems unitItems() {
        return new UnitItems(rubricVersionId, unitCode, unitName, category, maximum, items);
    }

    private static Map<String, UnitItem> index(List<UnitItem> items) {
        Map<String, UnitItem> byCode = new LinkedHashMap<>();
        items.forEach(item -> byCode.put(item.itemCode(), item));
        return java.util.Collections.unmodifiableMap(byCode);
    }
}
