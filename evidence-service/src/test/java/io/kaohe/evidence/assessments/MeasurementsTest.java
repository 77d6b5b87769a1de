package io.kaohe.evidence.assessments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaohe.contracts.rubric.BasePlusAdjustments;
import io.kaohe.contracts.rubric.DeductionPerIncident;
import io.kaohe.contracts.rubric.ScoringRule;
import io.kaohe.contracts.rubric.Threshold;
import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.support.problems.Faults;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;

class MeasurementsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final StaticMessageSource messages = new StaticMessageSource();

    @Test
    void aScoreMustLieWithinTheItemsPointsWithTwoDecimals() {
        UnitItem item = item(new DeductionPerIncident(new BigDecimal("0.1"), "每发生1起扣0.1分"), "5.00");
        Faults faults = new Faults(messages);
        Measurements.checkScore(item, new BigDecimal("5.00"), "a", faults);
        Measurements.checkScore(item, BigDecimal.ZERO, "b", faults);
        Measurements.checkScore(item, new BigDecimal("4.950"), "c", faults);
        assertThat(faults.any()).isFalse();
        Measurements.checkScore(item, new BigDecimal("5.01"), "d", faults);
        Measurements.checkScore(item, new BigDecimal("-0.01"), "e", faults);
        Measurements.checkScore(item, new BigDecimal("1.234"), "f", faults);
        assertThat(faults.errors()).extracting(e -> e.location()).containsExactly("d.selfScore", "e.selfScore", "f.selfScore");
    }

    @Test
    void eachMeasureMustBeOfItsKind() throws Exception {
        UnitItem counted = item(new DeductionPerIncident(new BigDecimal("0.1"), "w"), "5");
        Faults faults = new Faults(messages);
        assertThat(Measurements.check(counted, given("{\"incidents\": 3}"), "x", faults)).containsEntry("incidents", 3L);
        assertThat(Measurements.check(counted, given("{\"incidents\": 3.0}"), "x", faults)).containsEntry("incidents", 3L);
        assertThat(faults.any()).isFalse();
        Measurements.check(counted, given("{\"incidents\": 1.5}"), "a", faults);
        Measurements.check(counted, given("{\"incidents\": -1}"), "b", faults);
        Measurements.check(counted, given("{\"incidents\": \"3\"}"), "c", faults);
        Measurements.check(counted, given("{\"other\": 3}"), "d", faults);
        UnitItem rate = item(new Threshold(new BigDecimal("95"), new BigDecimal("0.1"), "w"), "5");
        assertThat(Measurements.check(rate, given("{\"rate\": 99.5}"), "x", faults).get("rate"))
                .isEqualTo(new BigDecimal("99.5"));
        Measurements.check(rate, given("{\"rate\": 100.5}"), "e", faults);
        UnitItem adjusted = item(new BasePlusAdjustments(new BigDecimal("8"), new BigDecimal("10"), "w"), "10");
        Measurements.check(adjusted, given("{\"bonuses\": [{\"item\": \"表扬\", \"amount\": 1}], \"penalties\": []}"), "x", faults);
        Measurements.check(adjusted, given("{\"bonuses\": [{\"item\": \"表扬\", \"amount\": 1, \"x\": 2}]}"), "f", faults);
        Measurements.check(adjusted, given("{\"penalties\": [{\"item\": \" \", \"amount\": 1}]}"), "g", faults);
        assertThat(faults.errors()).extracting(e -> e.location()).containsExactly("a.measured.incidents",
                "b.measured.incidents", "c.measured.incidents", "d.measured.other", "e.measured.rate",
                "f.measured.bonuses", "g.measured.penalties");
    }

    @Test
    void submissionNeedsAScoreAndEveryMeasure() {
        UnitItem item = item(new BasePlusAdjustments(new BigDecimal("8"), new BigDecimal("10"), "w"), "10");
        Faults faults = new Faults(messages);
        Measurements.requireComplete(item, null, Map.of("bonuses", List.of()), "l", faults);
        assertThat(faults.errors()).extracting(e -> e.location()).containsExactly("l.selfScore", "l.measured.penalties");
    }

    @Test
    void aDraftKeepsAnUnwrittenTextAndStoresValuesAsTheyArePublished() throws Exception {
        UnitItem judged = item(new io.kaohe.contracts.rubric.Judged("根据完成情况计分"), "5");
        UnitItem adjusted = item(new BasePlusAdjustments(new BigDecimal("8"), new BigDecimal("10"), "w"), "10");
        Faults faults = new Faults(messages);
        Map<String, Object> draft = Measurements.check(judged, given("{\"score\": 4, \"reason\": \" \"}"), "x", faults);
        assertThat(draft).containsEntry("reason", " ").containsEntry("score", new BigDecimal("4"));
        Map<String, Object> stored = Measurements.check(adjusted,
                given("{\"bonuses\": [{\"item\": \"表扬\", \"amount\": 1.5}], \"penalties\": null}"), "x", faults);
        assertThat(stored).containsOnlyKeys("bonuses");
        assertThat(stored.get("bonuses")).isEqualTo(List.of(Map.of("item", "表扬", "amount", new BigDecimal("1.5"))));
        assertThat(faults.any()).isFalse();
        Measurements.requireComplete(judged, new BigDecimal("4"), draft, "s", faults);
        assertThat(faults.errors()).extracting(e -> e.location()).containsExactly("s.measured.reason");
    }

    private Map<String, JsonNode> given(String json) throws Exception {
        Map<String, JsonNode> values = new java.util.LinkedHashMap<>();
        JSON.readTree(json).fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue()));
        return values;
    }

    private static UnitItem item(ScoringRule rule, String points) {
        return new UnitItem("T.1", "事项", List.of(), "A", "A", new BigDecimal(points), rule, List.of("swzzb"), null, null);
    }

    static {
        Locale.setDefault(Locale.ROOT);
    }
}
