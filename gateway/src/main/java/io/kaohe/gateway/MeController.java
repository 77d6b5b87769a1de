package io.kaohe.gateway;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.annotation.RegisteredOAuth2AuthorizedClient;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Who is logged in, for the portal: name, roles, and the unit or department the user acts
 * for, as the access token the services will see states them.
 */
@RestController
class MeController {

    private final ObjectMapper json;

    MeController(ObjectMapper json) {
        this.json = json;
    }

    @GetMapping(value = "/api/me", headers = "!Authorization")
    Mono<Map<String, Object>> me(@RegisteredOAuth2AuthorizedClient("keycloak") OAuth2AuthorizedClient client) {
        // The token came straight from Keycloak's token endpoint to us; reading its claims needs no check.
        return Mono.fromCallable(() -> describe(claims(client.getAccessToken().getTokenValue())));
    }

    @GetMapping(value = "/api/me", headers = "Authorization")
    Map<String, Object> meByBearer(Authentication authentication) {
        return describe(((JwtAuthenticationToken) authentication).getToken().getClaims());
    }

    private Map<String, Object> claims(String token) throws IOException {
        return json.readValue(Base64.getUrlDecoder().decode(token.split("\\.")[1]), new TypeReference<>() { });
    }

    private static Map<String, Object> describe(Map<String, Object> claims) {
        Map<String, Object> me = new TreeMap<>();
        me.put("username", claims.get("preferred_username"));
        me.put("name", claims.getOrDefault("name", ""));
        me.put("unit", claims.get("unit"));
        me.put("department", claims.get("department"));
        me.put("inspectionUnits", claims.getOrDefault("inspection_units", List.of()));
        Object realmAccess = claims.get("realm_access");
        me.put("roles", realmAccess instanceof Map<?, ?> realm ? realm.get("roles") : List.of());
        return me;
    }
}
