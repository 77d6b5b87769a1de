package io.kaohe.realm;

import static io.kaohe.realm.Realm.json;
import static io.kaohe.realm.Realm.passwordGrant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kaohe.testsupport.TestServers;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The realm's password policy: 12 to 128 characters with upper and lower case letters, a digit and
 * a special character, not the user name or e-mail, none of the last five, changed every 90 days.
 * Keycloak applies it whenever a password is set; the demo users' "demo" is imported as a hash.
 */
class PasswordPolicyIT {

    @Test
    void aWeakPasswordIsRefusedWithKeycloaksReasonAndAStrongOneAccepted() {
        String id = Realm.createUser("policy.user-2026", null, List.of(), "unit-reporter");
        String secadmin = Realm.token("secadmin");
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("Sh0rt!pwd1", "invalidPasswordMinLengthMessage");
        refusals.put("alllowercase1!x", "invalidPasswordMinUpperCaseCharsMessage");
        refusals.put("ALLUPPERCASE1!X", "invalidPasswordMinLowerCaseCharsMessage");
        refusals.put("NoDigitsHere!!x", "invalidPasswordMinDigitsMessage");
        refusals.put("NoSpecials123abC", "invalidPasswordMinSpecialCharsMessage");
        refusals.put("Policy.User-2026", "invalidPasswordNotUsernameMessage");
        refusals.put("Policy.User-2026@probe.kaohe.local", "invalidPasswordNotEmailMessage");
        refusals.forEach((password, reason) -> {
            HttpResponse<String> refused = setPassword(id, password, secadmin);
            assertThat(refused.statusCode()).as(password).isEqualTo(400);
            assertThat(json(refused.body()).get("error").asText()).as(password).isEqualTo(reason);
            assertThat(json(refused.body()).get("error_description").asText()).startsWith("Invalid password");
        });

        assertThat(setPassword(id, "Kaohe#Strong-01", secadmin).statusCode()).isEqualTo(204);
        assertThat(passwordGrant("policy.user-2026", "Kaohe#Strong-01", null).statusCode()).isEqualTo(200);
    }

    @Test
    void noneOfTheLastFivePasswordsComesBack() {
        String id = Realm.createUser(Realm.unique("history"), null, List.of(), "unit-reporter");
        String secadmin = Realm.token("secadmin");
        for (int i = 1; i <= 5; i++) {
            assertThat(setPassword(id, "Kaohe#History-0" + i, secadmin).statusCode()).isEqualTo(204);
        }
        HttpResponse<String> reused = setPassword(id, "Kaohe#History-01", secadmin);
        assertThat(reused.statusCode()).isEqualTo(400);
        assertThat(json(reused.body()).get("error").asText()).isEqualTo("invalidPasswordHistoryMessage");

        assertThat(setPassword(id, "Kaohe#History-06", secadmin).statusCode()).isEqualTo(204);
        assertThat(setPassword(id, "Kaohe#History-01", secadmin).statusCode()).as("six passwords ago").isEqualTo(204);
    }

    @Test
    void aPersonChangingItsOwnPasswordSeesKeycloaksReason() {
        String username = Realm.unique("changer");
        Realm.createUser(username, null, List.of("UPDATE_PASSWORD"), "unit-reporter");
        BrowserLogin browser = new BrowserLogin();
        HttpResponse<String> afterPassword = browser.logIn(username, Realm.STRONG_PASSWORD);
        assertThat(BrowserLogin.location(afterPassword)).contains("execution=UPDATE_PASSWORD");
        HttpResponse<String> form = browser.follow(afterPassword);

        HttpResponse<String> weak = browser.submit(form, Map.of("password-new", "kaohe2026", "password-confirm", "kaohe2026"));
        assertThat(weak.statusCode()).isEqualTo(200);
        assertThat(weak.body()).as("the zh-CN page names the rule").contains("无效的密码");
        assertThat(BrowserLogin.backAtTheGateway(weak)).isFalse();

        HttpResponse<String> strong = browser.submit(weak, Map.of("password-new", "Kaohe#Changed-2026",
                "password-confirm", "Kaohe#Changed-2026"));
        assertThat(BrowserLogin.backAtTheGateway(strong)).as(strong.body()).isTrue();
        assertThat(passwordGrant(username, "Kaohe#Changed-2026", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aPasswordOlderThanNinetyDaysMustBeChangedBeforeTheNextLogin() {
        String expired = userWithDemoPasswordSetAgo(Duration.ofDays(91));
        HttpResponse<String> refused = passwordGrant(expired, "demo", null);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused.body()).get("error_description").asText()).isEqualTo("Account is not fully set up");

        String recent = userWithDemoPasswordSetAgo(Duration.ofDays(89));
        assertThat(passwordGrant(recent, "demo", null).statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> setPassword(String userId, String password, String token) {
        return Realm.admin("PUT", "/users/" + userId + "/reset-password", token,
                Map.of("type", "password", "value", password, "temporary", false));
    }

    /** A reporter whose stored password (the demo hash from the realm file) was set that long ago. */
    private static String userWithDemoPasswordSetAgo(Duration age) {
        String username = Realm.unique("aged");
        ObjectNode user = Realm.JSON.createObjectNode().put("username", username).put("enabled", true)
                .put("emailVerified", true).put("email", username + "@probe.kaohe.local")
                .put("firstName", "测试").put("lastName", "用户");
        ObjectNode credential = demoPasswordHash().deepCopy();
        credential.put("createdDate", Instant.now().minus(age).toEpochMilli());
        user.putArray("credentials").add(credential);
        HttpResponse<String> created = Realm.admin("POST", "/users", Realm.bootstrapAdmin(), user);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return username;
    }

    private static ObjectNode demoPasswordHash() {
        try {
            for (JsonNode user : Realm.JSON.readTree(TestServers.realmFile().toFile()).get("users")) {
                for (JsonNode credential : user.path("credentials")) {
                    if ("password".equals(credential.path("type").asText())) {
                        assertThat(credential.has("value")).as("a hash, not a plain-text password").isFalse();
                        return (ObjectNode) credential;
                    }
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new AssertionError("no demo password in the realm file");
    }
}
