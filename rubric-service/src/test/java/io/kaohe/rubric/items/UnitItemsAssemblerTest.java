package io.kaohe.rubric.items;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaohe.contracts.rubric.IndicatorNode;
import io.kaohe.contracts.rubric.Judged;
import io.kaohe.contracts.rubric.RubricSnapshot;
import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.contracts.rubric.UnitItems;
import io.kaohe.rubric.roster.Unit;
import io.kaohe.rubric.versions.VersionContent;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnitItemsAssemblerTest {

    /** 党性教育: 1 point for county units, 0.5 for party departments — one indicator, one item. */
    private static final RubricSnapshot SYSTEM = new RubricSnapshot("t", 2018, "测试", null, List.of("county", "party-dept"),
            Map.of(), List.of(), List.of(new IndicatorNode("1", "政治建设", new BigDecimal("1"), List.of(), null, List.of(),
                    null, null, null, null, List.of(new IndicatorNode("1.1", "党性教育", new BigDecimal("1"), List.of(), null,
                    List.of("swdx"), new Judged("根据完成情况计分"), null, null, null, List.of(),
                    Map.of("party-dept", new BigDecimal("0.5")))), Map.of("party-dept", new BigDecimal("0.5")))));

    @Test
    void eachUnitGetsItsCategorysPointsForTheSameItem() {
        UnitItems county = UnitItemsAssembler.assemble("v", VersionContent.of(SYSTEM),
                new Unit("bz-a", "甲县", "county", null)).orElseThrow();
        UnitItems party = UnitItemsAssembler.assemble("v", VersionContent.of(SYSTEM),
                new Unit("bz-b", "市委某部", "party-dept", null)).orElseThrow();

        assertThat(county.items()).extracting(UnitItem::itemCode, UnitItem::points)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("1.1", new BigDecimal("1")));
        assertThat(party.items()).extracting(UnitItem::itemCode, UnitItem::points)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("1.1", new BigDecimal("0.5")));
        assertThat(party.maximum()).isEqualByComparingTo("0.5");
        assertThat(county.maximum()).isEqualByComparingTo("1");
    }
}
