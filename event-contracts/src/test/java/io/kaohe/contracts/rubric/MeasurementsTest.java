package io.kaohe.contracts.rubric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kaohe.contracts.rubric.MeasureFault.Problem;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What each MeasureKind accepts and refuses, for every service that reads measured values. */
class MeasurementsTest {

    private static final MeasureSpec INCIDENTS = new MeasureSpec("incidents", MeasureKind.COUNT, "发生起数");
    private static final MeasureSpec ACTUAL = new MeasureSpec("actual", MeasureKind.DECIMAL, "实际完成数");
    private static final MeasureSpec RATE = new MeasureSpec("rate", MeasureKind.PERCENT, "完成率（%）");
    private static final MeasureSpec COMPLETED = new MeasureSpec("completed", MeasureKind.BOOLEAN, "是否完成");
    private static final MeasureSpec REASON = new MeasureSpec("reason", MeasureKind.TEXT, "评分理由");
    private static final MeasureSpec BONUSES = new MeasureSpec("bonuses", MeasureKind.ADJUSTMENTS, "加分项");

    private static Problem refused(MeasureSpec spec, Object value) {
        return Measurements.faultOf(spec, value).orElseThrow(() -> new AssertionError(value + " was accepted"))
                .problem();
    }

    @Test
    void namesTheValueAndTheExpectedKindWhenMissing() {
        assertThatThrownBy(() -> Measurements.empty().number(INCIDENTS))
                .isInstanceOfSatisfying(InvalidMeasurementException.class, e -> {
                    assertThat(e.measure()).isEqualTo("incidents");
                    assertThat(e.expected()).isEqualTo(MeasureKind.COUNT);
                    assertThat(e.fault().problem()).isEqualTo(Problem.MISSING);
                })
                .hasMessage("测量值「incidents」（发生起数）应为非负整数，缺少测量值 / measured value 'incidents' (COUNT): missing");
    }

    @Test
    void aFaultSpeaksTheCallersLanguage() {
        MeasureFault fault = Measurements.faultOf(RATE, new BigDecimal("100.5")).orElseThrow();
        assertThat(fault.measure()).isEqualTo("rate");
        assertThat(fault.message(Locale.SIMPLIFIED_CHINESE)).isEqualTo("测量值「rate」（完成率（%））应为0到100之间的百分数，不能超过100，实际为 100.5");
        assertThat(fault.message(Locale.ROOT)).isEqualTo(fault.chinese());
        assertThat(fault.message(Locale.ENGLISH)).isEqualTo("measured value 'rate' (PERCENT): must be at most 100, was 100.5");
        assertThat(Measurements.faultOf(RATE, new BigDecimal("99.5"))).isEmpty();
    }

    @Nested
    class Counts {

        @Test
        void readsWholeNumbersOfEveryIntegerTypeAsDecimals() {
            assertThat(Measurements.of(Map.of("incidents", 3)).number(INCIDENTS)).isEqualByComparingTo("3");
            assertThat(Measurements.of(Map.of("incidents", 3L)).number(INCIDENTS)).isEqualByComparingTo("3");
            assertThat(Measurements.of(Map.of("incidents", BigInteger.TEN)).number(INCIDENTS)).isEqualByComparingTo("10");
            assertThat(Measurements.of(Map.of("incidents", (short) 2)).number(INCIDENTS)).isEqualByComparingTo("2");
            assertThat(Measurements.check(INCIDENTS, new BigDecimal("3.0"))).isEqualTo(new BigDecimal("3.0"));
            assertThat(Measurements.check(INCIDENTS, 0)).isEqualTo(BigDecimal.ZERO);
        }

        @Test
        void refusesFractionsNegativesTextBinaryFloatsAndAbsurdCounts() {
            assertThat(refused(INCIDENTS, new BigDecimal("1.5"))).isEqualTo(Problem.NOT_WHOLE);
            assertThat(refused(INCIDENTS, -1)).isEqualTo(Problem.NEGATIVE);
            assertThat(refused(INCIDENTS, "3")).isEqualTo(Problem.WRONG_KIND);
            assertThat(refused(INCIDENTS, 3.0d)).isEqualTo(Problem.BINARY_FLOATING_POINT);
            assertThat(refused(INCIDENTS, 3.0f)).isEqualTo(Problem.BINARY_FLOATING_POINT);
            assertThat(refused(INCIDENTS, Measurements.MAX_COUNT + 1)).isEqualTo(Problem.TOO_LARGE);
            assertThat(Measurements.faultOf(INCIDENTS, Measurements.MAX_COUNT)).isEmpty();
            assertThat(refused(INCIDENTS, null)).isEqualTo(Problem.MISSING);
            assertThatThrownBy(() -> Measurements.check(INCIDENTS, 3.0d)).hasMessageContaining("BigDecimal");
        }
    }

    @Nested
    class Decimals {

        @Test
        void acceptsNonNegativeExactNumbers() {
            assertThat(Measurements.check(ACTUAL, new BigDecimal("0.5"))).isEqualTo(new BigDecimal("0.5"));
            assertThat(Measurements.check(ACTUAL, 7)).isEqualTo(BigDecimal.valueOf(7));
            assertThat(Measurements.check(ACTUAL, BigDecimal.ZERO)).isEqualTo(BigDecimal.ZERO);
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
            assertThat(refused(ACTUAL, 0.5d)).isEqualTo(Problem.BINARY_FLOATING_POINT);
            assertThat(refused(ACTUAL, true)).isEqualTo(Problem.WRONG_KIND);
        }
    }

    @Nested
    class Percents {

        @ParameterizedTest
        @ValueSource(strings = {"0", "95", "99.5", "100"})
        void acceptsPercentFromZeroToHundred(String rate) {
            assertThat(Measurements.of(Map.of("rate", new BigDecimal(rate))).number(RATE)).isEqualByComparingTo(rate);
        }

        @ParameterizedTest
        @ValueSource(strings = {"100.5", "101", "-1"})
        void refusesPercentOutsideZeroToHundred(String rate) {
            assertThat(refused(RATE, new BigDecimal(rate))).isIn(Problem.TOO_LARGE, Problem.NEGATIVE);
        }
    }

    @Nested
    class Booleans {

        @Test
        void acceptsYesAndNoOnly() {
            assertThat(Measurements.of(Map.of("completed", true)).flag(COMPLETED)).isTrue();
            assertThat(Measurements.of(Map.of("completed", false)).flag(COMPLETED)).isFalse();
            assertThat(refused(COMPLETED, "true")).isEqualTo(Problem.WRONG_KIND);
            assertThat(refused(COMPLETED, 1)).isEqualTo(Problem.WRONG_KIND);
            assertThatThrownBy(() -> Measurements.check(COMPLETED, "yes")).hasMessageContaining("是或否");
        }
    }

    @Nested
    class Texts {

        @Test
        void acceptsTextUpToTheLimit() {
            assertThat(Measurements.of(Map.of("reason", "驻村帮扶考核一般")).text(REASON)).isEqualTo("驻村帮扶考核一般");
            assertThat(Measurements.faultOf(REASON, "字".repeat(Measurements.MAX_TEXT))).isEmpty();
        }

        @Test
        void rejectsTextThatIsNotAStringBlankOrTooLong() {
            assertThatThrownBy(() -> Measurements.of(Map.of("reason", 42)).text(REASON))
                    .isInstanceOf(InvalidMeasurementException.class).hasMessageContaining("reason");
            assertThat(refused(REASON, "  ")).isEqualTo(Problem.MISSING);
            assertThat(refused(REASON, "字".repeat(Measurements.MAX_TEXT + 1))).isEqualTo(Problem.TOO_LONG);
        }
    }

    @Nested
    class AdjustmentLists {

        @Test
        void acceptsAdjustmentsAndTheirJsonFormAsAdjustments() {
            assertThat(Measurements.check(BONUSES, List.of())).isEqualTo(List.of());
            Adjustment praised = new Adjustment("被《督查通报》表扬", new BigDecimal("2"));
            assertThat(Measurements.of(Map.of("bonuses", List.of(praised))).adjustments(BONUSES)).containsExactly(praised);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("item", "被《督查通报》表扬");
            json.put("amount", 2);
            assertThat(Measurements.check(BONUSES, List.of(json))).isEqualTo(List.of(praised));
        }

        @Test
        void rejectsAdjustmentsThatAreNotAdjustments() {
            assertThatThrownBy(() -> Measurements.of(Map.of("bonuses", List.of("加2分"))).adjustments(BONUSES))
                    .isInstanceOf(InvalidMeasurementException.class)
                    .hasMessageContaining("bonuses").hasMessageContaining("entry 1");
            assertThat(refused(BONUSES, "加2分")).isEqualTo(Problem.WRONG_KIND);
        }

        @Test
        void rejectsEntriesWithMoreThanAnItemAndAnAmountOrWithABadOne() {
            assertThat(refused(BONUSES, List.of(Map.of("item", "表扬", "amount", 1, "x", 2)))).isEqualTo(Problem.BAD_ADJUSTMENT);
            assertThat(refused(BONUSES, List.of(Map.of("item", " ", "amount", 1)))).isEqualTo(Problem.BAD_ADJUSTMENT);
            assertThat(refused(BONUSES, List.of(Map.of("item", "表扬", "amount", -1)))).isEqualTo(Problem.BAD_ADJUSTMENT);
            assertThat(refused(BONUSES, List.of(Map.of("item", "表扬", "amount", "1")))).isEqualTo(Problem.BAD_ADJUSTMENT);
            assertThat(refused(BONUSES, List.of(Map.of("item", "表扬", "amount", 1.0d)))).isEqualTo(Problem.BAD_ADJUSTMENT);
            assertThat(refused(BONUSES, List.of(Map.of("item", 3, "amount", 1)))).isEqualTo(Problem.BAD_ADJUSTMENT);
            assertThat(refused(BONUSES, List.of(new Adjustment("表扬", null)))).isEqualTo(Problem.BAD_ADJUSTMENT);
            assertThat(refused(BONUSES, List.of(new Adjustment("字".repeat(Measurements.MAX_TEXT + 1), BigDecimal.ONE))))
                    .isEqualTo(Problem.BAD_ADJUSTMENT);
            assertThatThrownBy(() -> Measurements.check(BONUSES, List.of(new Adjustment("表扬", BigDecimal.ONE),
                    new Adjustment("通报", new BigDecimal("-0.5")))))
                    .hasMessageContaining("第2项「通报」分数必须为非负数").hasMessageContaining("entry 2 (通报)");
        }
    }

    @Test
    void aRuleRefusesAValueInItsOwnTermsWordedLikeEveryOtherFault() {
        MeasureSpec required = new MeasureSpec("required", MeasureKind.DECIMAL, "应完成数");
        InvalidMeasurementException refused = Measurements.invalid(required, "必须大于0", "must be > 0, was 0");
        assertThat(refused.fault().problem()).isEqualTo(Problem.REFUSED_BY_RULE);
        assertThat(refused).hasMessage("测量值「required」（应完成数）应为非负小数，必须大于0 / measured value 'required' (DECIMAL): must be > 0, was 0");
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
