package io.kaohe.realm;

import static io.kaohe.realm.Realm.STRONG_PASSWORD;
import static io.kaohe.realm.Realm.json;
import static io.kaohe.realm.Realm.passwordGrant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.testsupport.OneTimeCodes;
import io.kaohe.testsupport.Tokens;
import io.kaohe.testsupport.Totp;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The second factor (deploy/keycloak/kaohe-realm.json, flows "kaohe browser" and "kaohe direct
 * grant"): the office, the leader and the three administrators cannot finish a login without a
 * TOTP code; everyone else logs in with the password, or with a code if they set an authenticator up.
 */
class SecondFactorIT {

    private static final Map<String, String> NEEDS_A_SECOND_FACTOR = Map.of("office", "office-admin",
            "leader", "leader", "sysadmin", "system-admin", "secadmin", "security-admin", "auditor", "audit-admin");

    /** When each demo user's last deliberately failed login was made (System.currentTimeMillis). */
    private static final Map<String, Long> LAST_REFUSAL = new ConcurrentHashMap<>();

    /**
     * A login meant to fail, made more than a second after the user's previous one: Keycloak locks a user out for a
     * minute when a failed login follows the last within the realm's quickLoginCheckMilliSeconds (1 s), a success in
     * between or not — the browser test's wrong code and the next test's login without one did, 214 ms apart, and
     * the office's right code was then refused.
     */
    private static <T> T refused(String username, Supplier<T> attempt) {
        Long last = LAST_REFUSAL.get(username);
        long wait = last == null ? 0 : last + 1_500 - System.currentTimeMillis();
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        try {
            return attempt.get();
        } finally {
            LAST_REFUSAL.put(username, System.currentTimeMillis());
        }
    }

    @Test
    void theOfficeIsRefusedWithoutItsOneTimeCodeAndLetInWithAGeneratedOne() {
        HttpResponse<String> without = refused("office", () -> passwordGrant("office", "demo", null));
        assertThat(without.statusCode()).isEqualTo(401);
        assertThat(json(without.body()).get("error").asText()).isEqualTo("invalid_grant");

        String code = OneTimeCodes.next("office");
        HttpResponse<String> with = passwordGrant("office", "demo", code);
        assertThat(with.statusCode()).as(with.body()).isEqualTo(200);
        assertThat(realmRoles(with)).containsExactly("office-admin");

        HttpResponse<String> replayed = refused("office", () -> passwordGrant("office", "demo", code));
        assertThat(replayed.statusCode()).as("a code is taken once").isEqualTo(401);
        assertThat(passwordGrant("office", "demo", OneTimeCodes.next("office")).statusCode()).isEqualTo(200);

        // The auditor finds both refusals and the logins in Keycloak's login events.
        String auditor = Realm.token("auditor");
        List<String> seen = new ArrayList<>();
        for (JsonNode event : Realm.events(Realm.userId("office", Realm.bootstrapAdmin()), auditor)) {
            if ("kaohe-cli".equals(event.path("clientId").asText())) {
                seen.add(event.get("type").asText() + (event.has("error") ? ":" + event.get("error").asText() : ""));
            }
        }
        assertThat(seen).contains("LOGIN", "LOGIN_ERROR:invalid_user_credentials");
        assertThat(seen.stream().filter("LOGIN_ERROR:invalid_user_credentials"::equals)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void everyRoleThatNeedsASecondFactorIsAskedForIt() {
        NEEDS_A_SECOND_FACTOR.forEach((user, role) -> {
            assertThat(refused(user, () -> passwordGrant(user, "demo", null)).statusCode()).as(user + " without a code").isEqualTo(401);
            HttpResponse<String> with = passwordGrant(user, "demo", OneTimeCodes.next(user));
            assertThat(with.statusCode()).as(user + " with a code: " + with.body()).isEqualTo(200);
            assertThat(realmRoles(with)).as(user).containsExactly(role);
        });
    }

    @Test
    void aUnitsReporterLogsInWithItsPasswordAloneAndGetsShortLivedTokens() {
        HttpResponse<String> reporter = passwordGrant("reporter.sjw", "demo", null);
        assertThat(reporter.statusCode()).as(reporter.body()).isEqualTo(200);
        assertThat(realmRoles(reporter)).containsExactly("unit-reporter");
        JsonNode tokens = json(reporter.body());
        assertThat(tokens.get("expires_in").asInt()).as("access token: 5 minutes").isEqualTo(300);
        // Keycloak counts from the session's start in whole seconds: a slow answer may already say 1799.
        assertThat(tokens.get("refresh_expires_in").asInt()).as("idle session: 30 minutes").isBetween(1795, 1800);
    }

    @Test
    void theBrowserLoginAsksTheOfficeForItsCodeAfterThePasswordAndTakesOnlyTheRightOne() {
        BrowserLogin browser = new BrowserLogin();
        HttpResponse<String> otpForm = browser.logIn("office", "demo");
        assertThat(BrowserLogin.asksForOneTimeCode(otpForm)).as(otpForm.body()).isTrue();

        String code = OneTimeCodes.next("office");
        HttpResponse<String> wrong = refused("office", () -> browser.submit(otpForm, Map.of("otp", wrong(code))));
        assertThat(BrowserLogin.asksForOneTimeCode(wrong)).as("asked again after a wrong code").isTrue();
        assertThat(wrong.body()).contains("id=\"input-error-otp\"");

        HttpResponse<String> right = browser.submit(wrong, Map.of("otp", code));
        assertThat(BrowserLogin.backAtTheGateway(right)).as(right.statusCode() + " " + right.body()).isTrue();
        assertThat(Tokens.claims(browser.accessToken(right)).at("/realm_access/roles").get(0).asText())
                .isEqualTo("office-admin");
    }

    @Test
    void aReporterPassesTheBrowserLoginWithItsPasswordAlone() {
        BrowserLogin browser = new BrowserLogin();
        HttpResponse<String> loggedIn = browser.logIn("reporter.zjfy", "demo");
        assertThat(BrowserLogin.backAtTheGateway(loggedIn)).as(loggedIn.body()).isTrue();
        assertThat(Tokens.claims(browser.accessToken(loggedIn)).get("unit").asText()).isEqualTo("bz-zjfy");
    }

    @Test
    void anOfficeAccountWithoutAnAuthenticatorMustSetOneUpBeforeItGetsIn() {
        String username = Realm.unique("office-new");
        String id = Realm.createUser(username, null, List.of(), "office-admin");

        HttpResponse<String> grant = passwordGrant(username, STRONG_PASSWORD, null);
        assertThat(grant.statusCode()).as("a password grant cannot set an authenticator up").isEqualTo(401);
        assertThat(grant.body()).doesNotContain("access_token");

        AuthenticatorSetUp setUp = setsUpAnAuthenticator(new BrowserLogin(), username);
        // Leaving the set-up page and logging in afresh lands on it again: there is no way round it.
        HttpResponse<String> again = new BrowserLogin().logIn(username, STRONG_PASSWORD);
        assertThat(BrowserLogin.location(again)).contains("execution=CONFIGURE_TOTP");

        Totp totp = setUp.authenticator();
        long step = Totp.step(Instant.now());
        HttpResponse<String> done = setUp.confirm(totp.code(step));
        assertThat(BrowserLogin.backAtTheGateway(done)).as(done.statusCode() + " " + done.body()).isTrue();

        HttpResponse<String> withCode = passwordGrant(username, STRONG_PASSWORD, totp.code(step + 1));
        assertThat(withCode.statusCode()).as(withCode.body()).isEqualTo(200);
        String auditor = Realm.token("auditor");
        assertThat(Realm.events(id, auditor)).extracting(e -> e.get("type").asText())
                .contains("UPDATE_TOTP", "UPDATE_CREDENTIAL", "LOGIN");
        // The refused grant is recorded before Keycloak ties it to the user: found by the name tried.
        JsonNode refusals = json(Realm.admin("GET", "/events?type=LOGIN_ERROR&max=500", auditor, null).body());
        assertThat(refusals).filteredOn(e -> username.equals(e.at("/details/username").asText()))
                .extracting(e -> e.get("error").asText()).contains("access_denied");
    }

    @Test
    void anyoneElseWhoSetUpAnAuthenticatorIsAskedForIt() {
        String username = Realm.unique("reporter-otp");
        Realm.createUser(username, null, List.of("CONFIGURE_TOTP"), "unit-reporter");
        AuthenticatorSetUp setUp = setsUpAnAuthenticator(new BrowserLogin(), username);
        Totp totp = setUp.authenticator();
        long step = Totp.step(Instant.now());
        assertThat(BrowserLogin.backAtTheGateway(setUp.confirm(totp.code(step)))).isTrue();

        assertThat(passwordGrant(username, STRONG_PASSWORD, null).statusCode()).isEqualTo(401);
        assertThat(passwordGrant(username, STRONG_PASSWORD, totp.code(step + 1)).statusCode()).isEqualTo(200);
    }

    /** Logs in with the password and lands on Keycloak's "set up an authenticator" page. */
    private static AuthenticatorSetUp setsUpAnAuthenticator(BrowserLogin browser, String username) {
        HttpResponse<String> afterPassword = browser.logIn(username, STRONG_PASSWORD);
        assertThat(BrowserLogin.location(afterPassword)).as(afterPassword.body()).contains("execution=CONFIGURE_TOTP");
        HttpResponse<String> page = browser.follow(afterPassword);
        assertThat(page.body()).contains("id=\"kc-totp-settings-form\"");
        return new AuthenticatorSetUp(browser, page);
    }

    /** Keycloak's set-up page: the secret it shows (as a QR code and as text) and the first code sent back. */
    private record AuthenticatorSetUp(BrowserLogin browser, HttpResponse<String> page) {

        Totp authenticator() {
            return Totp.ofBytes(BrowserLogin.hiddenValue(page, "totpSecret").getBytes(StandardCharsets.UTF_8));
        }

        HttpResponse<String> confirm(String code) {
            return browser.submit(page, Map.of("totp", code, "totpSecret", BrowserLogin.hiddenValue(page, "totpSecret"),
                    "userLabel", "测试手机"));
        }
    }

    private static List<String> realmRoles(HttpResponse<String> tokenResponse) {
        JsonNode roles = Tokens.claims(json(tokenResponse.body()).get("access_token").asText()).at("/realm_access/roles");
        List<String> names = new ArrayList<>();
        roles.forEach(r -> names.add(r.asText()));
        return names;
    }

    /** Another six digits: each digit moved by one. */
    static String wrong(String code) {
        StringBuilder other = new StringBuilder();
        for (char c : code.toCharArray()) {
            other.append((char) ('0' + (c - '0' + 1) % 10));
        }
        return other.toString();
    }
}
