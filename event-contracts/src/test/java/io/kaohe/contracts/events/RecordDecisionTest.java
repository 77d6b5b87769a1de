package io.kaohe.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A decision's id follows from what it is about: the same key gives the same id, in any process, on any day. */
class RecordDecisionTest {

    @Test
    void theSameFindingKeyGivesTheSameDecisionIdAndAnotherKeyAnother() throws IOException {
        String first = RecordDecision.decisionIdFor("2015:bz-sjw:inspection:F1");
        assertThat(RecordDecision.decisionIdFor("2015:bz-sjw:inspection:F1")).isEqualTo(first);
        assertThat(RecordDecision.decisionIdFor("2015:bz-sjw:inspection:F2")).isNotEqualTo(first);
        assertThat(RecordDecision.decisionIdFor("2016:bz-sjw:inspection:F1")).isNotEqualTo(first);
        // The golden example is the first finding of 2015's inspection at bz-sjw.
        try (InputStream in = RecordDecisionTest.class.getResourceAsStream("/golden/RecordDecision.json")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .contains("\"decisionId\" : \"" + first + "\"");
        }
    }
}
