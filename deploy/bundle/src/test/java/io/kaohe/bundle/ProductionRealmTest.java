package io.kaohe.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaohe.testsupport.TestServers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProductionRealmTest {

    private final ObjectMapper json = new ObjectMapper();

    private JsonNode local() throws IOException {
        return json.readTree(TestServers.realmFile().toFile());
    }

    @Test
    void keepsNoDemoUserNoPasswordAndNoPasswordGrantClient() throws IOException {
        JsonNode realm = ProductionRealm.derive(local());
        assertThat(realm.get("users")).extracting(u -> u.get("username").asText())
                .containsExactly("service-account-kaohe-services", "service-account-kaohe-notification-service",
                        "service-account-kaohe-accounts");
        assertThat(realm.toString()).doesNotContain("\"credentials\"", "\"demo\"", "kaohe-cli", "@kaohe.local");
        assertThat(realm.get("clients")).extracting(c -> c.get("clientId").asText())
                .containsExactly("kaohe-gateway", "kaohe-services", "kaohe-notification-service", "kaohe-accounts");
        assertThat(realm.get("passwordPolicy").asText()).contains("length(12)", "passwordHistory(5)", "forceExpiredPasswordChange(90)");
        assertThat(realm.get("bruteForceProtected").asBoolean()).isTrue();
    }

    @Test
    void replacesEveryPublishedSecretAndLocalAddressWithAPlaceholder() throws IOException {
        JsonNode realm = ProductionRealm.derive(local());
        String text = realm.toString();
        assertThat(text).doesNotContain("local-secret", "127.0.0.1", "localhost");
        JsonNode gateway = realm.get("clients").get(0);
        assertThat(gateway.get("secret").asText()).isEqualTo("@@GATEWAY_CLIENT_SECRET@@");
        assertThat(gateway.get("redirectUris")).extracting(JsonNode::asText)
                .containsExactly("@@KAOHE_PUBLIC_URL@@/login/oauth2/code/keycloak");
        assertThat(gateway.get("webOrigins")).extracting(JsonNode::asText).containsExactly("@@KAOHE_PUBLIC_URL@@");
        assertThat(gateway.get("attributes").get("post.logout.redirect.uris").asText()).isEqualTo("@@KAOHE_PUBLIC_URL@@/");
        assertThat(realm.get("clients").get(1).get("secret").asText()).isEqualTo("@@KAOHE_SERVICES_SECRET@@");
        JsonNode directory = realm.get("clients").get(2);
        assertThat(directory.get("secret").asText()).isEqualTo("@@KAOHE_DIRECTORY_SECRET@@");
        assertThat(realm.get("clients").get(3).get("secret").asText()).isEqualTo("@@KAOHE_ACCOUNTS_SECRET@@");
        assertThat(directory.get("redirectUris")).as("a service account only, no login").isEmpty();
        assertThat(realm.get("attributes").get("frontendUrl").asText()).isEqualTo("@@KAOHE_REALM_FRONTEND_URL@@");
    }

    @Test
    void keepsTheRolesScopesAndTokenMappersOfTheLocalRealm() throws IOException {
        JsonNode local = local();
        JsonNode realm = ProductionRealm.derive(local);
        assertThat(realm.get("roles")).isEqualTo(local.get("roles"));
        assertThat(realm.get("components")).isEqualTo(local.get("components"));
        for (int i = 0; i < realm.get("clients").size(); i++) {
            JsonNode derived = realm.get("clients").get(i);
            JsonNode original = find(local.get("clients"), derived.get("clientId").asText());
            assertThat(derived.get("protocolMappers")).isEqualTo(original.get("protocolMappers"));
            assertThat(derived.get("defaultClientScopes")).isEqualTo(original.get("defaultClientScopes"));
            assertThat(names(derived)).isEqualTo(names(original));
        }
    }

    private static JsonNode find(JsonNode clients, String id) {
        for (JsonNode client : clients) {
            if (client.get("clientId").asText().equals(id)) {
                return client;
            }
        }
        throw new AssertionError(id);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
