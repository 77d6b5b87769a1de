package io.kaohe.bundle;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * The production realm, derived at build time from the local realm (deploy/keycloak/kaohe-realm.json)
 * so the two never drift: the same roles, clients, scopes and token mappers, without what only a
 * developer's machine may have: the demo users and their passwords, the password-grant client
 * {@code kaohe-cli}, the published client secrets and the localhost redirect URIs. Those become
 * placeholders ({@code @@NAME@@}) that {@code bin/kaohe realm} fills from kaohe.env at install time.
 */
public final class ProductionRealm {

    /** Placeholders in the template, filled by bin/kaohe realm. */
    static final String PUBLIC_URL = "@@KAOHE_PUBLIC_URL@@";
    static final String FRONTEND_URL = "@@KAOHE_REALM_FRONTEND_URL@@";
    static final String GATEWAY_SECRET = "@@GATEWAY_CLIENT_SECRET@@";
    static final String SERVICES_SECRET = "@@KAOHE_SERVICES_SECRET@@";
    static final String DIRECTORY_SECRET = "@@KAOHE_DIRECTORY_SECRET@@";
    static final String ACCOUNTS_SECRET = "@@KAOHE_ACCOUNTS_SECRET@@";
    static final List<String> LOCAL_ONLY_CLIENTS = List.of("kaohe-cli");

    private ProductionRealm() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ProductionRealm <local realm json> <production template json>");
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode production = derive(json.readTree(Path.of(args[0]).toFile()));
        Path out = Path.of(args[1]);
        Files.createDirectories(out.getParent());
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
        Files.writeString(out, json.writer(printer).writeValueAsString(production) + "\n");
    }

    static JsonNode derive(JsonNode local) {
        ObjectNode realm = local.deepCopy();
        // Browsers reach Keycloak through TLS; tokens name this frontend URL as their issuer.
        ObjectNode attributes = realm.has("attributes") ? (ObjectNode) realm.get("attributes") : realm.putObject("attributes");
        attributes.put("frontendUrl", FRONTEND_URL);
        // The password policy, lockout, second factor and event settings are the local realm's own (等保
        // level 3): production keeps them as they are.

        ArrayNode users = realm.putArray("users");
        for (JsonNode user : local.path("users")) {
            // Only the service accounts: their roles belong to the clients, and they have no password.
            if (user.has("serviceAccountClientId") && !user.has("credentials")) {
                users.add(user.deepCopy());
            }
        }

        ArrayNode clients = (ArrayNode) realm.get("clients");
        for (Iterator<JsonNode> it = clients.iterator(); it.hasNext(); ) {
            ObjectNode client = (ObjectNode) it.next();
            String id = client.path("clientId").asText();
            if (LOCAL_ONLY_CLIENTS.contains(id)) {
                it.remove();
                continue;
            }
            if (client.has("secret")) {
                client.put("secret", switch (id) {
                    case "kaohe-gateway" -> GATEWAY_SECRET;
                    case "kaohe-services" -> SERVICES_SECRET;
                    case "kaohe-notification-service" -> DIRECTORY_SECRET;
                    case "kaohe-accounts" -> ACCOUNTS_SECRET;
                    default -> throw new IllegalStateException("no secret placeholder for client " + id);
                });
            }
            if (client.path("redirectUris").size() > 0) {
                client.putArray("redirectUris").add(PUBLIC_URL + "/login/oauth2/code/keycloak");
            }
            if (client.path("webOrigins").size() > 0) {
                client.putArray("webOrigins").add(PUBLIC_URL);
            }
            if (client.path("attributes").has("post.logout.redirect.uris")) {
                // After the logout Keycloak sends the browser back to the portal, which asks for a login again.
                ((ObjectNode) client.get("attributes")).put("post.logout.redirect.uris", PUBLIC_URL + "/");
            }
        }
        return realm;
    }
}
