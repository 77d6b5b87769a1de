package io.kaohe.rubric.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.support.problems.ProblemException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * Keycloak's admin REST API for the platform realm's users, called with the token of the
 * {@code kaohe-accounts} client, whose service account holds realm-management's manage-users and
 * view-users and nothing else. Keycloak not answering (or failing) is a 503 problem; a user name
 * or email Keycloak already has is {@link Taken}.
 */
@Component
class KeycloakAdmin {

    static final String REGISTRATION = "kaohe-accounts";
    private static final Logger log = LoggerFactory.getLogger(KeycloakAdmin.class);

    private final RestClient keycloak;
    private final String realm;

    KeycloakAdmin(RestClient.Builder builder, OAuth2AuthorizedClientManager manager,
                  @Value("${kaohe.accounts.issuer-uri}") String issuer) {
        int at = issuer.indexOf("/realms/");
        if (at < 0) {
            throw new IllegalStateException("kaohe.accounts.issuer-uri is not a Keycloak realm: " + issuer);
        }
        this.realm = issuer.substring(at + "/realms/".length()).replaceAll("/+$", "");
        OAuth2ClientHttpRequestInterceptor token = new OAuth2ClientHttpRequestInterceptor(manager);
        token.setClientRegistrationIdResolver(request -> REGISTRATION);
        this.keycloak = builder.clone().baseUrl(issuer.substring(0, at) + "/admin/realms/" + realm)
                .requestInterceptor(token).build();
    }

    /** A user name or email Keycloak already has. */
    static final class Taken extends RuntimeException {
        Taken(String message) {
            super(message);
        }
    }

    /** The user of that exact user name, with attributes and required actions. */
    Optional<JsonNode> user(String username) {
        JsonNode found = call(() -> keycloak.get()
                .uri(b -> b.path("/users").queryParam("username", username).queryParam("exact", true)
                        .queryParam("briefRepresentation", false).build())
                .retrieve().body(JsonNode.class));
        if (found == null) {
            return Optional.empty();
        }
        for (JsonNode user : found) {
            if (username.equalsIgnoreCase(user.path("username").asText())) {
                return Optional.of(user);
            }
        }
        return Optional.empty();
    }

    /** Whether some user has that email address. */
    boolean emailTaken(String email) {
        JsonNode found = call(() -> keycloak.get()
                .uri(b -> b.path("/users").queryParam("email", email).queryParam("exact", true).build())
                .retrieve().body(JsonNode.class));
        return found != null && !found.isEmpty();
    }

    /** Users whose attribute has that value (e.g. unit = bz-sjw). */
    List<JsonNode> usersWith(String attribute, String value) {
        return list(() -> keycloak.get()
                .uri(b -> b.path("/users").queryParam("q", attribute + ":" + value).queryParam("max", 1000)
                        .queryParam("briefRepresentation", false).build())
                .retrieve().body(JsonNode.class));
    }

    /** Every user, a page at a time. */
    List<JsonNode> users(int first, int max) {
        return list(() -> keycloak.get()
                .uri(b -> b.path("/users").queryParam("first", first).queryParam("max", max)
                        .queryParam("briefRepresentation", false).build())
                .retrieve().body(JsonNode.class));
    }

    /** Creates the user; answers its id. */
    String create(Map<String, Object> representation) {
        try {
            URI location = call(() -> keycloak.post().uri("/users").contentType(MediaType.APPLICATION_JSON)
                    .body(representation).retrieve().toBodilessEntity().getHeaders().getLocation());
            String path = location == null ? "" : location.getPath();
            return path.substring(path.lastIndexOf('/') + 1);
        } catch (HttpClientErrorException.Conflict e) {
            throw new Taken(e.getResponseBodyAsString());
        }
    }

    /** Gives the user a realm role (one the service account may map: the platform's roles). */
    void grantRealmRole(String userId, String role) {
        JsonNode available = call(() -> keycloak.get().uri("/users/{id}/role-mappings/realm/available", userId)
                .retrieve().body(JsonNode.class));
        JsonNode wanted = null;
        for (JsonNode r : available == null ? List.<JsonNode>of() : list(available)) {
            if (role.equals(r.path("name").asText())) {
                wanted = r;
            }
        }
        if (wanted == null) {
            throw new IllegalStateException("realm role " + role + " cannot be mapped");
        }
        JsonNode representation = wanted;
        call(() -> keycloak.post().uri("/users/{id}/role-mappings/realm", userId).contentType(MediaType.APPLICATION_JSON)
                .body(List.of(representation)).retrieve().toBodilessEntity());
    }

    /** The user's own realm roles, less the realm's default role Keycloak gives every user it creates. */
    List<String> realmRoles(String userId) {
        List<String> roles = new ArrayList<>();
        list(() -> keycloak.get().uri("/users/{id}/role-mappings/realm", userId).retrieve().body(JsonNode.class))
                .forEach(r -> roles.add(r.path("name").asText()));
        roles.remove("default-roles-" + realm);
        return roles;
    }

    /** Changes some fields of the user (enabled, requiredActions …). */
    void update(String userId, Map<String, Object> fields) {
        call(() -> keycloak.put().uri("/users/{id}", userId).contentType(MediaType.APPLICATION_JSON)
                .body(new LinkedHashMap<>(fields)).retrieve().toBodilessEntity());
    }

    /** A new temporary password: Keycloak asks for a new one at the next login. */
    void resetPassword(String userId, String password) {
        call(() -> keycloak.put().uri("/users/{id}/reset-password", userId).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("type", "password", "value", password, "temporary", true)).retrieve().toBodilessEntity());
    }

    void delete(String userId) {
        call(() -> keycloak.delete().uri("/users/{id}", userId).retrieve().toBodilessEntity());
    }

    private List<JsonNode> list(Supplier<JsonNode> request) {
        return list(call(request));
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        if (array != null) {
            array.forEach(items::add);
        }
        return items;
    }

    /** One error policy: Keycloak unreachable or failing is 503; its 409 is a conflict for the caller to report. */
    private <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (HttpClientErrorException.Conflict e) {
            throw e;
        } catch (ResourceAccessException | OAuth2AuthorizationException e) {
            log.warn("Keycloak admin API unreachable: {}", e.getMessage());
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "rubric.accounts.unavailable");
        } catch (RestClientResponseException e) {
            log.warn("Keycloak admin API answered {}: {}", e.getStatusCode(), e.getResponseBodyAsString());
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "rubric.accounts.keycloak-failed",
                    e.getStatusCode().value());
        }
    }
}
