package io.kaohe.realm;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaohe.testsupport.CookieBrowser;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person's login at Keycloak's own pages, as the gateway starts it (authorization code with PKCE
 * for the kaohe-gateway client), driven by plain form posts: follows no redirect by itself and
 * keeps Keycloak's cookies (sent back as name=value pairs, which is what Keycloak reads).
 */
final class BrowserLogin {

    /** One of the gateway's registered redirect URIs; nothing needs to answer there. */
    static final String REDIRECT_URI = "http://127.0.0.1:8080/login/oauth2/code/keycloak";

    private final CookieBrowser browser = new CookieBrowser();
    private final String verifier;

    BrowserLogin() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** Opens the login page, as the gateway's redirect to Keycloak does. */
    HttpResponse<String> start() {
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier));
        HttpResponse<String> page = get(Realm.issuer() + "/protocol/openid-connect/auth?" + Realm.form(Map.of(
                "client_id", "kaohe-gateway", "response_type", "code", "scope", "openid",
                "redirect_uri", REDIRECT_URI, "state", "probe",
                "code_challenge", challenge, "code_challenge_method", "S256")));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return page;
    }

    /** Fills and posts the page's form. */
    HttpResponse<String> submit(HttpResponse<String> page, Map<String, String> fields) {
        String action = CookieBrowser.formAction(page);
        return call(() -> browser.postForm(action, Realm.form(fields)));
    }

    HttpResponse<String> logIn(String username, String password) {
        return submit(start(), Map.of("username", username, "password", password, "credentialId", ""));
    }

    HttpResponse<String> follow(HttpResponse<String> redirect) {
        assertThat(redirect.statusCode()).as(redirect.body()).isEqualTo(302);
        return get(location(redirect));
    }

    /** Whether Keycloak sent the person back to the gateway with an authorization code. */
    static boolean backAtTheGateway(HttpResponse<String> response) {
        return response.statusCode() == 302 && location(response).startsWith(REDIRECT_URI + "?")
                && location(response).contains("code=");
    }

    static boolean asksForOneTimeCode(HttpResponse<String> page) {
        return page.statusCode() == 200 && page.body().contains("id=\"kc-otp-login-form\"")
                && page.body().contains("name=\"otp\"");
    }

    static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    static String hiddenValue(HttpResponse<String> page, String name) {
        Matcher value = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"").matcher(page.body());
        assertThat(value.find()).as("hidden field %s on the page", name).isTrue();
        return value.group(1);
    }

    /** Exchanges the code the redirect carries for tokens, as the gateway does (client secret and PKCE verifier). */
    String accessToken(HttpResponse<String> backAtTheGateway) {
        String query = URI.create(location(backAtTheGateway)).getQuery();
        String code = java.util.Arrays.stream(query.split("&")).filter(p -> p.startsWith("code="))
                .map(p -> p.substring(5)).findFirst().orElseThrow();
        HttpResponse<String> tokens = call(() -> browser.postForm(Realm.issuer() + "/protocol/openid-connect/token",
                Realm.form(Map.of("grant_type", "authorization_code",
                        "client_id", "kaohe-gateway", "client_secret", "kaohe-gateway-local-secret", "code", code,
                        "redirect_uri", REDIRECT_URI, "code_verifier", verifier))));
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        return Realm.json(tokens.body()).get("access_token").asText();
    }

    private HttpResponse<String> get(String url) {
        return call(() -> browser.get(url));
    }

    private interface Exchange {
        HttpResponse<String> send() throws Exception;
    }

    private static HttpResponse<String> call(Exchange exchange) {
        try {
            return exchange.send();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
