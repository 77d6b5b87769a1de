package io.kaohe.scoring.pastyears;

import io.kaohe.contracts.rubric.RosterListing;
import io.kaohe.scoring.roster.RosterOrder;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * A published workbook's names matched to the roster: a unit by its code or its name, a category by its code or
 * its name (spaces offices put in to align a name do not count), and the full marks the office gave in the import
 * form, by category code.
 */
final class RosterNames {
    private final RosterOrder order;
    private final Map<String, RosterListing.Unit> unitsByCode = new HashMap<>();
    private final Map<String, RosterListing.Unit> unitsByName = new HashMap<>();
    private final Map<String, String> categories = new HashMap<>();
    private final Map<String, BigDecimal> fullMarks = new HashMap<>();

    /** {@code given}: the form's full marks by category code or name; a category the roster lacks is left out. */
    RosterNames(RosterOrder order, Map<String, BigDecimal> given) {
        this.order = order;
        order.units().forEach(u -> {
            unitsByCode.putIfAbsent(u.code(), u);
            if (u.name() != null) {
                unitsByName.putIfAbsent(PublishedWorkbook.compact(u.name()), u);
            }
        });
        order.categories().forEach(c -> {
            categories.putIfAbsent(c.code(), c.code());
            categories.putIfAbsent(PublishedWorkbook.compact(c.name()), c.code());
        });
        if (given != null) {
            given.forEach((key, value) -> {
                String code = category(key);
                if (code != null && value != null && value.signum() > 0) {
                    fullMarks.put(code, value);
                }
            });
        }
    }

    /** The unit of the code when one is written, else of the name (or of a code written as the name); else null. */
    RosterListing.Unit unit(String code, String name) {
        if (!code.isEmpty()) {
            return unitsByCode.get(code.strip());
        }
        RosterListing.Unit byName = unitsByName.get(PublishedWorkbook.compact(name));
        return byName != null ? byName : unitsByCode.get(name.strip());
    }

    /** The category code of a category's code or name; null when the roster has none such. */
    String category(String text) {
        return text == null ? null : categories.get(PublishedWorkbook.compact(text));
    }

    String categoryName(String code) {
        return order.categoryName(code);
    }

    /** The full marks the office gave for the category, else null. */
    BigDecimal fullMarks(String category) {
        return fullMarks.get(category);
    }
}
