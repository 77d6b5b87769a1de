package io.kaohe.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OneTimeCodesTest {

    private final Totp totp = Totp.ofBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");

    @Test
    void handsOutTheCurrentTheNextAndThePreviousStepOnceEach() {
        Instant early = Instant.ofEpochSecond(30 * 1000 + 5);
        Set<Long> spent = new HashSet<>();
        assertThat(OneTimeCodes.unspent(totp, spent::add, early)).contains(totp.code(1000));
        assertThat(OneTimeCodes.unspent(totp, spent::add, early)).contains(totp.code(1001));
        assertThat(OneTimeCodes.unspent(totp, spent::add, early)).contains(totp.code(999));
        assertThat(OneTimeCodes.unspent(totp, spent::add, early)).isEmpty();
        // A step later the step that was "next" is spent already; the new next one is free.
        assertThat(OneTimeCodes.unspent(totp, spent::add, early.plusSeconds(30))).contains(totp.code(1002));
    }

    @Test
    void skipsThePreviousStepWhenItIsAboutToRunOut() {
        Instant late = Instant.ofEpochSecond(30 * 1000 + 25);
        Set<Long> spent = new HashSet<>();
        assertThat(OneTimeCodes.unspent(totp, spent::add, late)).contains(totp.code(1000));
        assertThat(OneTimeCodes.unspent(totp, spent::add, late)).contains(totp.code(1001));
        assertThat(OneTimeCodes.unspent(totp, spent::add, late)).isEmpty();
    }

    @Test
    void aCodeClaimedInTheSharedDirectoryIsNotHandedOutAgain(@TempDir Path dir) {
        Instant early = Instant.ofEpochSecond(30 * 1000 + 5);
        // Another process (a browser journey) took the current step's code of the office.
        assertThat(OneTimeCodes.claimFile(dir, "office", 1000)).isTrue();
        assertThat(OneTimeCodes.claimFile(dir, "office", 1000)).isFalse();
        assertThat(OneTimeCodes.unspent(totp, step -> OneTimeCodes.claimFile(dir, "office", step), early))
                .contains(totp.code(1001));
        assertThat(OneTimeCodes.claimFile(dir, "leader", 1000)).as("each user's codes are their own").isTrue();
    }

    @Test
    void theRealmFileGivesAnAuthenticatorToTheOfficeTheLeaderAndTheThreeAdministrators() {
        Map<String, String> secrets = OneTimeCodes.secretsIn(TestServers.realmFile());
        assertThat(secrets).containsOnlyKeys("office", "leader", "sysadmin", "secadmin", "auditor");
        assertThat(Set.copyOf(secrets.values())).as("one secret each").hasSize(5);
        secrets.values().forEach(secret -> assertThat(Totp.ofBase32(secret).code(1)).hasSize(6));
    }
}
