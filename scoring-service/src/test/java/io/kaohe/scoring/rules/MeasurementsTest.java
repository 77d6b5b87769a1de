package io.kaohe.scoring.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kaohe.contracts.rubric.MeasureKind;
import io.kaohe.contracts.rubric.MeasureSpec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MeasurementsTest {

    private static final MeasureSpec INCIDENTS = new MeasureSpec("incidents", MeasureKind.COUNT, "发生起数");
    private static final MeasureSpec ACTUAL = new MeasureSpec("actual", MeasureKind.DECIMAL, "实际完成数");
    private static final MeasureSpec RATE = new MeasureSpec("rate", MeasureKind.PERCENT, "完成率（%）");
    private static final MeasureSpec REASON = new MeasureSpec("reason", MeasureKind.TEXT, "评分理由");
    private static final MeasureSpec BONUSES = new MeasureSpec("bonuses", MeasureKind.ADJUSTMENTS, "加分项");

    @Test
    void readsWholeNumbersOfEveryIntegerTypeAsDecimals() {
        assertThat(Measurements.of(Map.of("incidents", 3)).number(INCIDENTS)).isEqualByComparingTo("3");
        assertThat(Measurements.of(Map.of("incidents", 3L)).number(INCIDENTS)).isEqualByComparingTo("3");
        assertThat(Measurements.of(Map.of("incidents", BigInteger.TEN)).number(INCIDENTS)).isEqualByComparingTo("10");
    }

    @Test
    void namesTheValueAndTheExpectedKindWhenMissing() {
        assertThatThrownBy(() -> Measurements.empty().number(INCIDENTS))
                .isInstanceOfSatisfying(InvalidMeasurementException.class, e -> {
                    assertThat(e.measure()).isEqualTo("incidents");
                    assertThat(e.expected()).isEqualTo(MeasureKind.COUNT);
                })
                .hasMessage("测量值「incidents」（发生起数）应为非负整数，缺少测量值 / measured value 'incidents' (COUNT): missing");
    }

    @Test
    void rejectsANumberGivenAsText() {
        assertThatThrownBy(() -> Measurements.of(Map.of("actual", "3")).number(ACTUAL))
                .isInstanceOf(InvalidMeasurementException.class)
                .hasMessageContaining("actual").hasMessageContaining("DECIMAL").hasMessageContaining("wrong kind");
    }

    @Test
    void rejectsNegativeDecimal() {
        assertThatThrownBy(() -> Measurements.of(Map.of("actual", new BigDecimal("-0.5"))).number(ACTUAL))
                .isInstanceOf(InvalidMeasurementException.class).hasMessageContaining("negative");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "95", "99.5", "100"})
    void acceptsPercentFromZeroToHundred(String rate) {
        assertThat(Measurements.of(Map.of("rate", new BigDecimal(rate))).number(RATE)).isEqualByComparingTo(rate);
    }

    @Test
    void rejectsTextThatIsNotAString() {
        assertThatThrownBy(() -> Measurements.of(Map.of("reason", 42)).text(REASON))
                .isInstanceOf(InvalidMeasurementException.class).hasMessageContaining("reason");
    }

    @Test
    void rejectsAdjustmentsThatAreNotAdjustments() {
        assertThatThrownBy(() -> Measurements.of(Map.of("bonuses", List.of("加2分"))).adjustments(BONUSES))
                .isInstanceOf(InvalidMeasurementException.class)
                .hasMessageContaining("bonuses").hasMessageContaining("entry 1");
    }

    @Test
    void isAnImmutableValue() {
        Measurements none = Measurements.empty();
        Measurements three = none.with("incidents", 3);
        assertThat(none).isEqualTo(Measurements.empty());
        assertThat(three).isEqualTo(Measurements.of(Map.of("incidents", 3)));
        assertThat(three.number(INCIDENTS)).isEqualByComparingTo("3");
    }
}
