package io.kaohe.realm;

import static io.kaohe.realm.Realm.STRONG_PASSWORD;
import static io.kaohe.realm.Realm.json;
import static io.kaohe.realm.Realm.passwordGrant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.testsupport.Totp;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Login failure handling (GB/T 22239 8.1.4.1 b): five failed logins lock the account for 15
 * minutes; the fourth lockout within 12 hours disables it until the security administrator acts.
 */
class LockoutIT {

    private static final String SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    @Test
    void fiveWrongCodesLockTheAccountUntilTheSecurityAdministratorUnlocksIt() throws InterruptedException {
        String username = Realm.unique("office-locked");
        String id = Realm.createUser(username, SECRET, List.of(), "office-admin");
        Totp totp = Totp.ofBase32(SECRET);

        for (int attempt = 1; attempt <= 5; attempt++) {
            long step = Totp.step(Instant.now());
            HttpResponse<String> refused = passwordGrant(username, STRONG_PASSWORD, SecondFactorIT.wrong(totp.code(step)));
            assertThat(refused.statusCode()).as("wrong code " + attempt).isEqualTo(401);
            // Failures closer than a second apart count as a robot's (a minute's lockout): pace them like a person.
            Thread.sleep(1200);
        }
        String secadmin = Realm.token("secadmin");
        JsonNode status = json(Realm.admin("GET", "/attack-detection/brute-force/users/" + id, secadmin, null).body());
        assertThat(status.get("disabled").asBoolean()).isTrue();
        assertThat(status.get("numFailures").asInt()).isEqualTo(5);
        assertThat(status.get("failedLoginNotBefore").asLong() - status.get("lastFailure").asLong() / 1000)
                .as("locked for 15 minutes").isBetween(899L, 901L);

        long step = Totp.step(Instant.now());
        assertThat(passwordGrant(username, STRONG_PASSWORD, totp.code(step)).statusCode())
                .as("the right password and code while locked").isEqualTo(401);
        assertThat(Realm.events(id, Realm.token("auditor"))).extracting(e -> e.get("type").asText())
                .contains("USER_DISABLED_BY_TEMPORARY_LOCKOUT");

        assertThat(Realm.admin("DELETE", "/attack-detection/brute-force/users/" + id, secadmin, null).statusCode())
                .as("the security administrator unlocks").isEqualTo(204);
        HttpResponse<String> unlocked = passwordGrant(username, STRONG_PASSWORD, totp.code(step + 1));
        assertThat(unlocked.statusCode()).as(unlocked.body()).isEqualTo(200);
    }

    @Test
    void theRealmMakesTheFourthLockoutWithinTwelveHoursPermanent() {
        JsonNode realm = json(Realm.admin("GET", "", Realm.token("secadmin"), null).body());
        assertThat(realm.get("bruteForceProtected").asBoolean()).isTrue();
        assertThat(realm.get("failureFactor").asInt()).isEqualTo(5);
        assertThat(realm.get("permanentLockout").asBoolean()).isTrue();
        assertThat(realm.get("maxTemporaryLockouts").asInt()).isEqualTo(3);
        assertThat(realm.get("maxDeltaTimeSeconds").asInt()).as("failures are forgotten after 12 hours").isEqualTo(43200);
    }
}
