package io.kaohe.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputLimitsTest {

    @Test
    void theCodesOfTheDemoDataAndTheSeedsAreCodes() {
        for (String code : List.of("1", "1.2.3.4", "ly-luanchuan", "T.ly-yanshi.3", "gaoxin-longmen", "party_dept",
                "2015", "luoyang-municipal-2018", "a".repeat(64))) {
            assertThat(InputLimits.isCode(code)).as(code).isTrue();
            assertThat(InputLimits.code(code)).as(code).isEmpty();
        }
    }

    @Test
    void injectionsSpacesNonAsciiAndOverlongCodesAreNot() {
        for (String code : List.of("a'; select pg_sleep(5);--", "a b", "-abc", ".1", "单位", "a\u202Eb", "a\u200Bb",
                "a".repeat(65), "")) {
            assertThat(InputLimits.isCode(code)).as(code).isFalse();
        }
        assertThat(InputLimits.code("a'; select pg_sleep(5);--")).get()
                .extracting(InputLimits.Violation::key).isEqualTo("input.code");
        assertThat(InputLimits.code(null)).get().extracting(InputLimits.Violation::key).isEqualTo("input.required");
        assertThat(InputLimits.optionalCode(null)).isEmpty();
    }

    @Test
    void everyRosterCodeIsACode() {
        for (String code : List.of("ly-luanchuan", "swzzb", "party-dept", "2015", "a".repeat(40))) {
            assertThat(InputLimits.isRosterCode(code)).as(code).isTrue();
            assertThat(InputLimits.isCode(code)).as(code).isTrue();
        }
        for (String code : List.of("BAD-1", "a.b", "a_b", "a".repeat(41), "a'; select pg_sleep(5);--")) {
            assertThat(InputLimits.isRosterCode(code)).as(code).isFalse();
        }
    }

    @Test
    void textIsCountedInCharactersNotUtf16Units() {
        String emoji = "\uD83D\uDE00".repeat(InputLimits.TITLE_MAX);
        assertThat(InputLimits.text(emoji, InputLimits.TITLE_MAX)).isEmpty();
        assertThat(InputLimits.text(emoji + "x", InputLimits.TITLE_MAX)).get()
                .satisfies(v -> assertThat(v.key()).isEqualTo("input.too-long"))
                .satisfies(v -> assertThat(v.args()).containsExactly(InputLimits.TITLE_MAX, InputLimits.TITLE_MAX + 1));
        assertThat(InputLimits.text("x".repeat(1 << 20), InputLimits.TITLE_MAX)).isPresent();
        assertThat(InputLimits.text(null, 1)).isEmpty();
    }

    @Test
    void pointsAreFiniteAndFromZeroToAThousand() {
        assertThat(InputLimits.points(new BigDecimal("0"))).isEmpty();
        assertThat(InputLimits.points(new BigDecimal("0.5"))).isEmpty();
        assertThat(InputLimits.points(new BigDecimal("1000"))).isEmpty();
        assertThat(InputLimits.points(new BigDecimal("-0.01"))).isPresent();
        assertThat(InputLimits.points(new BigDecimal("1000.01"))).isPresent();
        assertThat(InputLimits.points(new BigDecimal("1e309"))).get()
                .satisfies(v -> assertThat(v.key()).isEqualTo("input.points"));
        assertThat(InputLimits.points(Double.POSITIVE_INFINITY)).isPresent();
        assertThat(InputLimits.points(Double.NaN)).isPresent();
        assertThat(InputLimits.points(-1d)).isPresent();
        assertThat(InputLimits.points(12.5d)).isEmpty();
        assertThat(InputLimits.points((BigDecimal) null)).isEmpty();
    }

    @Test
    void aListOfCodesIsLocatedByIndex() {
        assertThat(InputLimits.codes("appliesTo", List.of("county", "a b", "urban")))
                .extracting(InputLimits.Located::location).containsExactly("appliesTo[1]");
    }

    @Test
    void refusedValuesAreEchoedShort() {
        assertThat(InputLimits.excerpt("x".repeat(1 << 20))).hasSize(41).endsWith("…");
        assertThat(InputLimits.excerpt("short")).isEqualTo("short");
    }
}
