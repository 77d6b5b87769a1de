package io.kaohe.evidence.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaohe.support.problems.ProblemError;
import io.kaohe.support.problems.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The evidence date is checked against the offices' calendar day, not the server clock's UTC date. */
class DescriptionCheckTest {

    // 17:30 UTC on 5 December is already 6 December in Beijing.
    private static final Clock LATE_UTC_EVENING = Clock.fixed(Instant.parse("2026-12-05T17:30:00Z"), ZoneOffset.UTC);

    private final DescriptionCheck check = new DescriptionCheck(null, null, messages(), LATE_UTC_EVENING,
            ZoneId.of("Asia/Shanghai"));

    @Test
    void acceptsEvidenceDatedTodayInTheOfficesTimeZone() {
        assertThat(locations(new Description(null, null, List.of(), "会议记录.pdf", "2026-12-06", null)))
                .containsExactly("cycleId");
    }

    @Test
    void refusesEvidenceDatedTomorrowInTheOfficesTimeZone() {
        assertThat(locations(new Description(null, null, List.of(), "会议记录.pdf", "2026-12-07", null)))
                .containsExactlyInAnyOrder("evidenceDate", "cycleId");
    }

    private List<String> locations(Description description) {
        ProblemException refused = (ProblemException) org.assertj.core.api.Assertions.catchThrowable(
                () -> check.check("bz-sjw", description));
        assertThat(refused).isNotNull();
        return refused.errors().stream().map(ProblemError::location).toList();
    }

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        return messages;
    }
}
