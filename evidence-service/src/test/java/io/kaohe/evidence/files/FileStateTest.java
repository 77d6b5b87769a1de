package io.kaohe.evidence.files;

import static io.kaohe.evidence.Problems.detail;
import static io.kaohe.evidence.files.FileState.ACTIVE;
import static io.kaohe.evidence.files.FileState.WITHDRAWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kaohe.support.problems.ProblemException;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class FileStateTest {

    private static final UUID FILE = UUID.fromString("6f1c2d3e-0000-4000-8000-000000000001");

    @Test
    void aFileInUseGetsNewVersionsOrIsWithdrawn() {
        assertThat(FileState.of(null)).isEqualTo(ACTIVE);
        assertThat(ACTIVE.canMoveTo(ACTIVE)).isTrue();
        assertThat(ACTIVE.canMoveTo(WITHDRAWN)).isTrue();
        assertThat(ACTIVE.moveTo(ACTIVE, FILE)).isEqualTo(ACTIVE);
        assertThat(ACTIVE.moveTo(WITHDRAWN, FILE)).isEqualTo(WITHDRAWN);
    }

    @Test
    void aWithdrawnFileChangesNoMoreAndTheRefusalNamesFileAndStates() {
        assertThat(FileState.of(Instant.now())).isEqualTo(WITHDRAWN);
        assertThat(WITHDRAWN.canMoveTo(ACTIVE)).isFalse();
        assertThat(WITHDRAWN.canMoveTo(WITHDRAWN)).isFalse();
        assertThatThrownBy(() -> WITHDRAWN.moveTo(WITHDRAWN, FILE)).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(e.code()).isEqualTo("evidence.file.withdrawn");
        });
        assertThatThrownBy(() -> WITHDRAWN.moveTo(ACTIVE, FILE)).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(detail(e, Locale.SIMPLIFIED_CHINESE)).isEqualTo("佐证材料 " + FILE
                    + " 为“已撤回”，不能改为“在用”：已撤回的材料不再变更。");
            assertThat(detail(e, Locale.ENGLISH)).contains(FILE.toString(), "withdrawn", "in use");
        });
    }
}
