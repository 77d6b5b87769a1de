package io.kaohe.contracts.rubric;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Points per category are an additive field: absent where a node has none, so older readers and hashes are unchanged. */
class IndicatorNodeJsonTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aNodeWithoutPointsPerCategoryIsWrittenAsBefore() throws Exception {
        IndicatorNode node = new IndicatorNode("1", "政治建设", new BigDecimal("1"), List.of(), null, List.of(), null, null,
                null, null, List.of());

        String written = json.writeValueAsString(node);

        assertThat(written).doesNotContain("pointsByCategory");
        assertThat(json.readValue("{\"code\":\"1\",\"title\":\"政治建设\",\"points\":1}", IndicatorNode.class).pointsByCategory())
                .isEmpty();
    }

    @Test
    void pointsPerCategoryRoundTripAndGiveEachCategoryItsPoints() throws Exception {
        IndicatorNode node = new IndicatorNode("1", "政治建设", new BigDecimal("1"), List.of(), null, List.of(), null, null,
                null, null, List.of(), Map.of("township", new BigDecimal("0.5"), "county-dept", new BigDecimal("1.5")));

        String written = json.writeValueAsString(node);

        assertThat(written).contains("\"pointsByCategory\":{\"county-dept\":1.5,\"township\":0.5}");
        IndicatorNode read = json.readValue(written, IndicatorNode.class);
        assertThat(read).isEqualTo(node);
        assertThat(read.pointsFor("township")).isEqualByComparingTo("0.5");
        assertThat(read.pointsFor("other")).isEqualByComparingTo("1");
        assertThat(read.pointsFor(null)).isEqualByComparingTo("1");
    }
}
