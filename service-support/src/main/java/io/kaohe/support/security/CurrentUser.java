package io.kaohe.support.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling, as the token says: user name, realm and client roles, and the unit or
 * department (and for inspectors the assigned units) the user acts for.
 */
public record CurrentUser(String username, Set<String> roles, String unit, String department,
                          Set<String> inspectionUnits) {

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean actsForUnit(String unitCode) {
        return unit != null && unit.equals(unitCode);
    }

    /** The whole of a unit's record: the office, leaders, the services, the unit itself and the inspectors of it. */
    public boolean seesWholeUnit(String unitCode) {
        return hasRole(Roles.OFFICE_ADMIN) || hasRole(Roles.LEADER) || hasRole(Roles.SERVICE) || actsForUnit(unitCode)
                || (hasRole(Roles.INSPECTOR) && inspectionUnits.contains(unitCode));
    }

    /** The caller of the current request; fails if there is none (the API requires a token). */
    public static CurrentUser get() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            return from(token.getToken());
        }
        throw new IllegalStateException("no authenticated caller");
    }

    public static CurrentUser from(Jwt jwt) {
        String username = jwt.getClaimAsString("preferred_username");
        return new CurrentUser(username != null ? username : jwt.getSubject(), roles(jwt),
                jwt.getClaimAsString("unit"), jwt.getClaimAsString("department"),
                Set.copyOf(strings(jwt.getClaim("inspection_units"))));
    }

    /**
     * Realm roles plus every client's roles, as Keycloak puts them in the token, less the duties an
     * account may not combine (see {@link #separateDuties}).
     */
    static Set<String> roles(Jwt jwt) {
        return separateDuties(granted(jwt));
    }

    /**
     * 三员分立, fail-closed: an administrator role goes with no other platform role. An account that
     * holds one together with a business role, or two of them, is honoured as none of those roles
     * until the security administrator corrects it (every call it makes is refused and audited).
     */
    static Set<String> separateDuties(Set<String> roles) {
        long administrators = roles.stream().filter(Roles.ADMINISTRATORS::contains).count();
        boolean business = roles.stream().anyMatch(Roles.BUSINESS::contains);
        if (administrators == 0 || (administrators == 1 && !business)) {
            return roles;
        }
        Set<String> honoured = new LinkedHashSet<>(roles);
        honoured.removeAll(Roles.ADMINISTRATORS);
        honoured.removeAll(Roles.BUSINESS);
        return honoured;
    }

    private static Set<String> granted(Jwt jwt) {
        Set<String> roles = new LinkedHashSet<>();
        Object realmAccess = jwt.getClaim("realm_access");
        if (realmAccess instanceof Map<?, ?> realm) {
            roles.addAll(strings(realm.get("roles")));
        }
        Object resourceAccess = jwt.getClaim("resource_access");
        if (resourceAccess instanceof Map<?, ?> clients) {
            for (Object client : clients.values()) {
                if (client instanceof Map<?, ?> access) {
                    roles.addAll(strings(access.get("roles")));
                }
            }
        }
        return roles;
    }

    private static List<String> strings(Object value) {
        if (value instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        if (value instanceof String single) {
            return List.of(single);
        }
        return List.of();
    }
}
