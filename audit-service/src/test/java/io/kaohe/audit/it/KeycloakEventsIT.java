package io.kaohe.audit.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaohe.audit.intake.KeycloakEvents;
import io.kaohe.testsupport.Await;
import io.kaohe.testsupport.TestServers;
import io.kaohe.testsupport.Tokens;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Logins, failed logins and an administrator's change, recorded by the real Keycloak (events on in the
 * realm) and imported into the chain through its admin API with a view-events-only service account, each
 * once however often the import runs.
 */
class KeycloakEventsIT extends AuditITBase {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    KeycloakEvents keycloak;

    @Test
    void aLoginAFailedLoginAndAnAdministratorsChangeAreImportedOnce() throws Exception {
        String issuer = Tokens.issuer();
        assertThatThrownBy(() -> Tokens.tokenFor(issuer, "head.zjfy", "not-the-password"))
                .hasMessageContaining("401");
        Tokens.tokenFor(issuer, "head.zjfy", "demo");
        String base = TestServers.keycloak().issuer("kaohe").replace("/realms/kaohe", "");
        String admin = adminToken(base);
        JsonNode leader = JSON.readTree(get(base + "/admin/realms/kaohe/users?exact=true&username=leader", admin)).get(0);
        String id = leader.get("id").asText();
        // The user as it is, saved again: an administrator's UPDATE that changes nothing else.
        put(base + "/admin/realms/kaohe/users/" + id, admin, get(base + "/admin/realms/kaohe/users/" + id, admin));

        Await.until(() -> {
            keycloak.importNew();
            return count("LOGIN_ERROR", "head.zjfy") >= 1 && count("LOGIN", "head.zjfy") >= 1
                    && adminChanges(id) >= 1;
        }, "the login, the failed login and the admin change in the chain");
        assertThat(db.sql("select outcome || ' ' || coalesce(reason, '') || ' ' || coalesce(client_address, '') "
                + "from audit_record where source = 'keycloak' and verb = 'LOGIN_ERROR' and username = 'head.zjfy'")
                .query(String.class).list()).allSatisfy(r -> assertThat(r).startsWith("FAILED invalid_user_credentials"));
        assertThat(db.sql("select category from audit_record where source = 'keycloak' and object_id = ?").param(
                "users/" + id).query(String.class).list()).containsOnly("ADMIN");

        long logins = db.sql("select count(*) from audit_record where source = 'keycloak'").query(Long.class).single();
        keycloak.importNew();
        keycloak.importNew();
        assertThat(db.sql("select count(*) from audit_record where source = 'keycloak'").query(Long.class).single())
                .as("an import again appends nothing it appended before").isEqualTo(logins);
    }

    private long count(String type, String user) {
        return db.sql("select count(*) from audit_record where source = 'keycloak' and category = 'LOGIN' and verb = ? "
                + "and username = ?").params(type, user).query(Long.class).single();
    }

    private long adminChanges(String userId) {
        return db.sql("select count(*) from audit_record where source = 'keycloak' and verb = 'UPDATE' and object_type = 'USER' "
                + "and object_id = ?").param("users/" + userId).query(Long.class).single();
    }

    private static String adminToken(String base) throws Exception {
        String form = "grant_type=password&client_id=admin-cli&username=admin&password="
                + URLEncoder.encode("admin", StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    private static String get(String url, String token) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static void put(String url, String token, String json) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    }
}
