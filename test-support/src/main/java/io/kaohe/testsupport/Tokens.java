package io.kaohe.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real access tokens from the test Keycloak for the realm's demo users (password grant, kaohe-cli
 * client); users whose roles need a second factor send a one-time code from {@link OneTimeCodes}.
 */
public final class Tokens {

    public static final String REALM = "kaohe";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ConcurrentHashMap<String, String> CACHE = new ConcurrentHashMap<>();

    private Tokens() {
    }

    public static String issuer() {
        return TestServers.keycloak().issuer(REALM);
    }

    /**
     * An access token for a demo user of the realm (password "demo"), cached until it is within a minute of expiring
     * (the realm's tokens live 5 minutes; a module's ITs on a busy machine run longer than that).
     */
    public static String forUser(String username) {
        return CACHE.compute(username, (u, token) -> token != null && !expiring(token) ? token
                : tokenFor(issuer(), u, "demo"));
    }

    private static boolean expiring(String token) {
        JsonNode exp = claims(token).get("exp");
        return exp != null && exp.asLong() < java.time.Instant.now().getEpochSecond() + 60;
    }

    /**
     * An access token from any Keycloak issuer for a user, by the password grant; with the user's
     * one-time code when the realm file gives the user an authenticator.
     */
    public static String tokenFor(String issuer, String username, String password) {
        String form = "grant_type=password&client_id=kaohe-cli&username=" + enc(username) + "&password=" + enc(password);
        if (OneTimeCodes.secretOf(username).isPresent()) {
            form += "&totp=" + OneTimeCodes.next(username);
        }
        return post(issuer + "/protocol/openid-connect/token", form);
    }

    /** A token for a confidential client by the client-credentials grant. */
    public static String forClient(String issuer, String clientId, String secret) {
        String form = "grant_type=client_credentials&client_id=" + enc(clientId) + "&client_secret=" + enc(secret);
        return post(issuer + "/protocol/openid-connect/token", form);
    }

    /** The same token with one character of its signature changed. */
    public static String tampered(String token) {
        int i = token.lastIndexOf('.') + 5;
        char c = token.charAt(i);
        return token.substring(0, i) + (c == 'A' ? 'B' : 'A') + token.substring(i + 1);
    }

    /** The token's claims, decoded without checking (for assertions about what Keycloak issued). */
    public static JsonNode claims(String token) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JWT", e);
        }
    }

    private static String post(String url, String form) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(java.time.Duration.ofSeconds(60))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token request to " + url + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            return JSON.readTree(response.body()).get("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException("token request to " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
