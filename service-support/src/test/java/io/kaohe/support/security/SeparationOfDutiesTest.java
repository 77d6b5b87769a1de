package io.kaohe.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class SeparationOfDutiesTest {

    @Test
    void eachAdministratorActsAsThatAdministratorOnly() {
        assertThat(authorities(token(List.of("system-admin"), Map.of()))).containsExactly("ROLE_system-admin");
        assertThat(authorities(token(List.of("security-admin"), Map.of()))).containsExactly("ROLE_security-admin");
        assertThat(authorities(token(List.of("audit-admin"), Map.of("realm-management", List.of("view-events")))))
                .containsExactly("ROLE_audit-admin", "ROLE_view-events");
        assertThat(authorities(token(List.of("system-admin"), Map.of())))
                .as("an administrator is no business role").doesNotContain("ROLE_office-admin", "ROLE_leader");
    }

    @Test
    void anAccountMixingAnAdministratorWithAnotherDutyIsHonouredAsNeither() {
        Jwt mixed = token(List.of("system-admin", "office-admin"), Map.of());
        assertThat(authorities(mixed)).isEmpty();
        assertThat(CurrentUser.from(mixed).hasRole(Roles.OFFICE_ADMIN)).isFalse();
        assertThat(CurrentUser.from(mixed).hasRole(Roles.SYSTEM_ADMIN)).isFalse();

        assertThat(authorities(token(List.of("security-admin", "audit-admin"), Map.of()))).isEmpty();
        assertThat(authorities(token(List.of("audit-admin", "leader"), Map.of("realm-management", List.of("view-events")))))
                .as("roles that are no platform duty stay").containsExactly("ROLE_view-events");
    }

    @Test
    void businessRolesAreUntouched() {
        assertThat(authorities(token(List.of("office-admin"), Map.of()))).containsExactly("ROLE_office-admin");
        assertThat(authorities(token(List.of("dept-reviewer", "inspector"), Map.of())))
                .containsExactly("ROLE_dept-reviewer", "ROLE_inspector");
        assertThat(authorities(token(List.of("service"), Map.of()))).containsExactly("ROLE_service");
    }

    private static List<String> authorities(Jwt jwt) {
        return new KeycloakAuthorities().convert(jwt).getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    }

    private static Jwt token(List<String> realmRoles, Map<String, List<String>> clientRoles) {
        Jwt.Builder jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("u-1")
                .claim("preferred_username", "someone").claim("realm_access", Map.of("roles", realmRoles))
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(300));
        if (!clientRoles.isEmpty()) {
            Map<String, Object> access = new java.util.LinkedHashMap<>();
            clientRoles.forEach((client, roles) -> access.put(client, Map.of("roles", roles)));
            jwt.claim("resource_access", access);
        }
        return jwt.build();
    }
}
