package io.kaohe.realm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kaohe.testsupport.TestServers;
import io.kaohe.testsupport.Tokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The platform's realm in the real Keycloak that {@link TestServers} starts: its token endpoint
 * and its admin REST API, called as the realm's own users or as Keycloak's bootstrap admin.
 */
final class Realm {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Meets the realm's password policy: 12+ characters of four kinds, not the user name or e-mail. */
    static final String STRONG_PASSWORD = "Kaohe#Probe-2026x";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private Realm() {
    }

    static String issuer() {
        return Tokens.issuer();
    }

    /** The password grant of the kaohe-cli client, with a one-time code or without ({@code totp} null). */
    static HttpResponse<String> passwordGrant(String username, String password, String totp) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", "kaohe-cli");
        form.put("username", username);
        form.put("password", password);
        if (totp != null) {
            form.put("totp", totp);
        }
        return send(HttpRequest.newBuilder(URI.create(issuer() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))));
    }

    /**
     * A demo user's access token (with a one-time code where the user's roles need one), kept while it
     * is valid: each code is taken once and Keycloak accepts three per 30 s, so a fresh login per call
     * had the tests waiting for codes. Tests about logging in use {@link #passwordGrant} instead.
     */
    static String token(String username) {
        return Tokens.forUser(username);
    }

    /** Keycloak's bootstrap administrator (master realm): sets up the users a test needs. */
    static String bootstrapAdmin() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(
                        TestServers.keycloak().baseUrl() + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=password&client_id=admin-cli&username=admin&password=admin")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body()).get("access_token").asText();
    }

    /** A call to the kaohe realm's admin REST API, e.g. {@code admin("GET", "/events", token, null)}. */
    static HttpResponse<String> admin(String method, String path, String token, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(
                TestServers.keycloak().baseUrl() + "/admin/realms/" + Tokens.REALM + path))
                .header("Authorization", "Bearer " + token);
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(write(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return send(request);
    }

    /**
     * A new user with the strong password, the given realm roles and optionally an authenticator
     * (base32 TOTP secret) and required actions; answers the user's id.
     */
    static String createUser(String username, String otpSecret, List<String> requiredActions, String... realmRoles) {
        String admin = bootstrapAdmin();
        ObjectNode user = JSON.createObjectNode()
                .put("username", username).put("enabled", true).put("emailVerified", true)
                .put("email", username + "@probe.kaohe.local").put("firstName", "测试").put("lastName", "用户");
        ArrayNode credentials = user.putArray("credentials");
        credentials.addObject().put("type", "password").put("value", STRONG_PASSWORD).put("temporary", false);
        if (otpSecret != null) {
            credentials.addObject().put("type", "otp")
                    .put("secretData", write(Map.of("value", otpSecret)))
                    .put("credentialData", write(Map.of("subType", "totp", "digits", 6, "counter", 0, "period", 30,
                            "algorithm", "HmacSHA1", "secretEncoding", "BASE32")));
        }
        requiredActions.forEach(user.putArray("requiredActions")::add);
        HttpResponse<String> created = admin("POST", "/users", admin, user);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = userId(username, admin);
        ArrayNode roles = JSON.createArrayNode();
        for (String role : realmRoles) {
            roles.add(json(admin("GET", "/roles/" + role, admin, null).body()));
        }
        if (!roles.isEmpty()) {
            HttpResponse<String> mapped = admin("POST", "/users/" + id + "/role-mappings/realm", admin, roles);
            assertThat(mapped.statusCode()).as(mapped.body()).isEqualTo(204);
        }
        return id;
    }

    static String userId(String username, String token) {
        HttpResponse<String> found = admin("GET", "/users?exact=true&username=" + enc(username), token, null);
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        JsonNode users = json(found.body());
        assertThat(users).as("user " + username).hasSize(1);
        return users.get(0).get("id").asText();
    }

    /** The realm's login events of one user, newest first, as the admin API lists them to {@code token}. */
    static JsonNode events(String userId, String token) {
        HttpResponse<String> events = admin("GET", "/events?max=100&user=" + userId, token, null);
        assertThat(events.statusCode()).as(events.body()).isEqualTo(200);
        return json(events.body());
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A probe user name nobody else uses in this test run. */
    static String unique(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime(), 36);
    }

    private static String write(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
