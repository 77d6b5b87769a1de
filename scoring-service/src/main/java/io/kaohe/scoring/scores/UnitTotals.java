package io.kaohe.scoring.scores;

import java.math.BigDecimal;
import java.util.List;

/**
 * A unit's totals over its applicable items. {@code selfTotal} is null when the unit has not
 * assessed itself; {@code finalTotal} null before approval; unreviewed items add 0 to
 * {@code reviewedTotal} (see {@code itemCount − reviewedItems}).
 */
public record UnitTotals(String unitCode, BigDecimal maximum, BigDecimal selfTotal, BigDecimal reviewedTotal,
                         BigDecimal finalTotal, int itemCount, int reviewedItems, List<TopLevelTotals> topLevels) {

    public record TopLevelTotals(String code, String title, BigDecimal maximum, BigDecimal selfTotal,
                                 BigDecimal reviewedTotal, BigDecimal finalTotal) {
    }
}
