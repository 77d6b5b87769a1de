package io.kaohe.evidence.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextStatusTest {

    @Test
    void textIsExtractedOnceFromPending() {
        for (TextStatus from : TextStatus.values()) {
            for (TextStatus to : TextStatus.values()) {
                assertThat(from.canMoveTo(to)).as(from + " → " + to)
                        .isEqualTo(from == TextStatus.PENDING && to != TextStatus.PENDING);
            }
        }
        assertThat(TextStatus.into(TextStatus.DONE)).containsExactly("PENDING");
        assertThat(TextStatus.into(TextStatus.PENDING)).isEmpty();
    }
}
