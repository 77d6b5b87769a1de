package io.kaohe.rubric.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TemporaryPasswordsTest {

    @Test
    void everyPasswordMeetsTheRealmsPolicyAndHasNoLookAlikes() {
        for (int i = 0; i < 500; i++) {
            String password = TemporaryPasswords.next();
            assertThat(password).hasSize(12)
                    .containsPattern("[A-Z]").containsPattern("[a-z]").containsPattern("[0-9]").containsPattern("[^A-Za-z0-9]")
                    .doesNotContainPattern("[0O1lI]");
        }
    }
}
