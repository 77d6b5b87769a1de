package io.kaohe.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * What the county's administrator does in Keycloak's admin console after importing the production
 * realm (which has no users): create a person and give them a role, here through the admin REST API.
 */
final class KeycloakAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    KeycloakAdmin(String base, String adminPassword) throws Exception {
        this.base = base;
        String form = "grant_type=password&client_id=admin-cli&username=admin&password="
                + URLEncoder.encode(adminPassword, StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        this.token = JSON.readTree(response.body()).get("access_token").asText();
    }

    void createUser(String username, String password, String realmRole, String attribute, String value) throws Exception {
        createUser(username, password, realmRole, attribute, value, null);
    }

    /**
     * A person with a password, one realm role and the attribute that scopes it (unit, department); with
     * {@code totpSecret} (base32) also an authenticator app set up, as the realm's one-time code policy has it
     * (HmacSHA1, six digits, 30 s): the second factor the realm asks of the office, leaders and administrators.
     */
    void createUser(String username, String password, String realmRole, String attribute, String value,
                    String totpSecret) throws Exception {
        ArrayNode credentials = JSON.createArrayNode().add(JSON.createObjectNode().put("type", "password")
                .put("value", password).put("temporary", false));
        if (totpSecret != null) {
            credentials.addObject().put("type", "otp").put("userLabel", "身份验证器 / authenticator")
                    .put("secretData", JSON.createObjectNode().put("value", totpSecret).toString())
                    .put("credentialData", JSON.createObjectNode().put("subType", "totp").put("digits", 6)
                            .put("counter", 0).put("period", 30).put("algorithm", "HmacSHA1")
                            .put("secretEncoding", "BASE32").toString());
        }
        ObjectNode attributes = JSON.createObjectNode();
        if (attribute != null) {
            attributes.set(attribute, JSON.createArrayNode().add(value));
        }
        String user = JSON.writeValueAsString(JSON.createObjectNode().put("username", username).put("enabled", true)
                .put("emailVerified", true).put("firstName", "测试").put("lastName", "管理员")
                .put("email", username + "@county.example")
                .<ObjectNode>set("attributes", attributes)
                .set("credentials", credentials));
        HttpResponse<String> created = send("POST", "/admin/realms/kaohe/users", user);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = created.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
        HttpResponse<String> role = send("GET", "/admin/realms/kaohe/roles/" + realmRole, null);
        assertThat(role.statusCode()).as(role.body()).isEqualTo(200);
        HttpResponse<String> mapped = send("POST", "/admin/realms/kaohe/users/" + id + "/role-mappings/realm",
                "[" + role.body() + "]");
        assertThat(mapped.statusCode()).as(mapped.body()).isEqualTo(204);
    }

    /** The realm as Keycloak has it: what the production realm file imported. */
    JsonNode realm() throws Exception {
        return JSON.readTree(send("GET", "/admin/realms/kaohe", null).body());
    }

    JsonNode users() throws Exception {
        return JSON.readTree(send("GET", "/admin/realms/kaohe/users?briefRepresentation=true", null).body());
    }

    private HttpResponse<String> send(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
