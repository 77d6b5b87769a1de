package io.kaohe.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReportingPeriodTest {

    @Test
    void theCodesAreTheFourQuartersThenTheYearEndInCalendarOrder() {
        assertThat(ReportingPeriod.codes()).containsExactly("Q1", "Q2", "Q3", "Q4", "YEAR");
        assertThat(ReportingPeriod.quarters()).containsExactly(ReportingPeriod.Q1, ReportingPeriod.Q2,
                ReportingPeriod.Q3, ReportingPeriod.Q4);
        assertThat(ReportingPeriod.quarters()).allMatch(ReportingPeriod::isQuarter);
        assertThat(ReportingPeriod.YEAR.isQuarter()).isFalse();
        assertThat(ReportingPeriod.quarter(3)).isEqualTo(ReportingPeriod.Q3);
        assertThatThrownBy(() -> ReportingPeriod.quarter(5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sortsByTheCalendarNotByName() {
        List<ReportingPeriod> periods = new ArrayList<>(List.of(ReportingPeriod.YEAR, ReportingPeriod.Q3,
                ReportingPeriod.Q1, ReportingPeriod.Q4, ReportingPeriod.Q2));
        Collections.sort(periods);
        assertThat(periods).extracting(ReportingPeriod::code).containsExactly("Q1", "Q2", "Q3", "Q4", "YEAR");
    }

    @Test
    void parsesExactCodesOnly() {
        assertThat(ReportingPeriod.parse("Q2")).contains(ReportingPeriod.Q2);
        assertThat(ReportingPeriod.parse("YEAR")).contains(ReportingPeriod.YEAR);
        assertThat(ReportingPeriod.parse("q2")).isEmpty();
        assertThat(ReportingPeriod.parse("Q5")).isEmpty();
        assertThat(ReportingPeriod.parse(" Q1")).isEmpty();
        assertThat(ReportingPeriod.parse("")).isEmpty();
        assertThat(ReportingPeriod.parse(null)).isEmpty();
        assertThat(ReportingPeriod.of("Q4")).isEqualTo(ReportingPeriod.Q4);
        assertThatThrownBy(() -> ReportingPeriod.of("H1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("H1").hasMessageContaining("Q1, Q2, Q3, Q4, YEAR");
    }

    @Test
    void thePatternMatchesExactlyTheCodes() {
        Pattern pattern = Pattern.compile(ReportingPeriod.PATTERN);
        assertThat(ReportingPeriod.codes()).allMatch(code -> pattern.matcher(code).matches());
        assertThat(List.of("Q0", "Q5", "q1", "YEAR ", "Q1|Q2", "")).noneMatch(code -> pattern.matcher(code).matches());
    }

    @Test
    void eachPeriodHasTheNameOfficesWriteAndAnythingElseStaysAsGiven() {
        assertThat(ReportingPeriod.chineseName("Q1")).isEqualTo("第一季度");
        assertThat(ReportingPeriod.chineseName("YEAR")).isEqualTo("年度");
        assertThat(ReportingPeriod.chineseName("H1")).isEqualTo("H1");
        assertThat(ReportingPeriod.chineseName(null)).isNull();
        assertThat(ReportingPeriod.values()).extracting(ReportingPeriod::chineseName).doesNotHaveDuplicates();
    }
}
