package io.kaohe.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaohe.testsupport.CookieBrowser;
import io.kaohe.testsupport.DrillYear;
import io.kaohe.testsupport.PlatformApi;
import io.kaohe.testsupport.Totp;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The people a drill's year needs, made in the production realm as the county's administrator makes them (Keycloak's
 * admin API): the office (考核办, with an authenticator app: the realm asks it for a one-time code), each unit's
 * reporter and head, each assessing department's reviewer, under the demo realm's names ({@link DrillYear}'s). Each
 * logs in to the portal through nginx over TLS (the OIDC code flow, Keycloak's own forms) the first time a call is
 * made as them, and calls the API with that session, as the portal does (the CSRF token echoed on writes).
 */
final class CountyPeople implements PlatformApi {

    private record Person(String role, String attribute, String value, String password, String totpSecret) {
    }

    private final String publicUrl;
    private final KeyStore trusted;
    private final Map<String, Person> people = new LinkedHashMap<>();
    private final Map<String, CookieBrowser> sessions = new HashMap<>();
    private final Map<String, Long> lastCodeStep = new HashMap<>();
    private int logins;

    CountyPeople(String publicUrl, KeyStore trusted) {
        this.publicUrl = publicUrl;
        this.trusted = trusted;
        people.put(DrillYear.OFFICE, new Person("office-admin", "department", "kaohebang", password(), Totp.newBase32Secret()));
        for (String unit : List.of(DrillYear.SJW, DrillYear.ZJFY)) {
            people.put(DrillYear.reporter(unit), new Person("unit-reporter", "unit", unit, password(), null));
            people.put(DrillYear.head(unit), new Person("unit-head", "unit", unit, password(), null));
        }
        people.put("reviewer.fpymj", new Person("dept-reviewer", "department", "sfpymj", password(), null));
        people.put("reviewer.swzzb", new Person("dept-reviewer", "department", "swzzb", password(), null));
    }

    /** Creates every person in Keycloak's kaohe realm. */
    void create(KeycloakAdmin admin) throws Exception {
        for (Map.Entry<String, Person> p : people.entrySet()) {
            Person person = p.getValue();
            admin.createUser(p.getKey(), person.password(), person.role(), person.attribute(), person.value(),
                    person.totpSecret());
        }
    }

    int size() {
        return people.size();
    }

    /** How many logins through nginx were made so far. */
    int logins() {
        return logins;
    }

    /** Forgets every session (the gateway keeps them in its memory: a restart ends them); the next call logs in. */
    void forgetSessions() {
        sessions.clear();
    }

    @Override
    public HttpResponse<String> get(String user, String path) throws Exception {
        return session(user).get(publicUrl + path);
    }

    @Override
    public HttpResponse<String> send(String user, String method, String path, String json) throws Exception {
        CookieBrowser browser = session(user);
        String xsrf = browser.cookie(publicUrl, "XSRF-TOKEN");
        return switch (method) {
            case "POST" -> browser.postJson(publicUrl + path, json == null ? "" : json, xsrf);
            case "PUT" -> browser.putJson(publicUrl + path, json, xsrf);
            default -> throw new IllegalArgumentException(method);
        };
    }

    @Override
    public HttpResponse<String> upload(String user, String path, byte[] content, String contentType) throws Exception {
        CookieBrowser browser = session(user);
        return browser.postBytes(publicUrl + path, content, contentType, browser.cookie(publicUrl, "XSRF-TOKEN"));
    }

    @Override
    public HttpResponse<InputStream> download(String user, String path) throws Exception {
        return session(user).download(publicUrl + path);
    }

    private CookieBrowser session(String user) throws Exception {
        CookieBrowser browser = sessions.get(user);
        if (browser == null) {
            Person person = people.get(user);
            assertThat(person).as(user + " is one of the drill's people").isNotNull();
            browser = logIn(new CookieBrowser(trusted), publicUrl, user, person.password(),
                    person.totpSecret() == null ? null : oneTimeCode(user, person.totpSecret()));
            // The CSRF token's cookie, set on the first answer of the session.
            HttpResponse<String> me = browser.get(publicUrl + "/api/me");
            assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
            assertThat(browser.cookie(publicUrl, "XSRF-TOKEN")).as("the gateway's CSRF cookie").isNotNull();
            sessions.put(user, browser);
            logins++;
        }
        return browser;
    }

    /**
     * The portal's login through the county's proxy: the gateway sends the browser to Keycloak (behind the same proxy),
     * the person fills in the password form (and the one-time code form when {@code oneTimeCode} is given), Keycloak
     * sends the browser back to the gateway, which makes the session; HSTS from nginx on the way.
     */
    static CookieBrowser logIn(CookieBrowser browser, String publicUrl, String username, String password,
                               String oneTimeCode) throws Exception {
        String issuer = publicUrl + "/realms/kaohe";
        HttpResponse<String> start = browser.get(publicUrl + "/oauth2/authorization/keycloak");
        assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
        String authorize = start.headers().firstValue("Location").orElseThrow();
        assertThat(authorize).as("the login goes to Keycloak through the same TLS proxy")
                .startsWith(issuer + "/protocol/openid-connect/auth")
                .contains("redirect_uri=" + publicUrl + "/login/oauth2/code/keycloak");

        HttpResponse<String> loginPage = browser.get(authorize);
        assertThat(loginPage.statusCode()).as(loginPage.body()).isEqualTo(200);
        HttpResponse<String> answered = browser.postForm(formAction(loginPage, issuer), "username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&credentialId=");
        if (oneTimeCode != null) {
            assertThat(answered.statusCode()).as("Keycloak asks " + username + " for a one-time code").isEqualTo(200);
            assertThat(answered.body()).contains("name=\"otp\"");
            answered = browser.postForm(formAction(answered, issuer), "otp=" + oneTimeCode + "&login=");
        }
        assertThat(answered.statusCode()).as(username + " logged in: " + answered.body()).isEqualTo(302);
        String callback = answered.headers().firstValue("Location").orElseThrow();
        assertThat(callback).startsWith(publicUrl + "/login/oauth2/code/keycloak?");

        HttpResponse<String> back = browser.get(callback);
        assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
        assertThat(back.headers().firstValue("Location")).hasValue("/");
        assertThat(back.headers().firstValue("Strict-Transport-Security")).as("HSTS from nginx").isPresent();
        return browser;
    }

    private static String formAction(HttpResponse<String> page, String issuer) {
        String url = CookieBrowser.formAction(page);
        assertThat(url).startsWith(issuer + "/login-actions/");
        return url;
    }

    /** The authenticator app's code, of a 30-s step no earlier login of this person used (Keycloak takes each once). */
    private String oneTimeCode(String user, String secret) throws InterruptedException {
        long used = lastCodeStep.getOrDefault(user, Long.MIN_VALUE);
        while (Totp.step(Instant.now()) <= used) {
            Thread.sleep(Duration.ofSeconds(1).toMillis());
        }
        long step = Totp.step(Instant.now());
        lastCodeStep.put(user, step);
        return Totp.ofBase32(secret).code(step);
    }

    /** A password the realm's policy takes (upper and lower case, digit, special character, length). */
    private static String password() {
        return "Kh-" + InstalledBundle.secret();
    }
}
