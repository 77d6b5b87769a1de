package io.kaohe.realm;

import static io.kaohe.realm.Realm.admin;
import static io.kaohe.realm.Realm.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.testsupport.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * 三员分立 in Keycloak (docs/security/roles.md): the system administrator sees accounts, the
 * security administrator manages accounts and policies, the audit administrator reads the login
 * and admin events; none can do another's part, and the business roles administer nothing.
 */
class SeparationOfDutiesIT {

    @Test
    void eachAdministratorsTokenCarriesExactlyItsRoles() {
        assertRoles("sysadmin", "system-admin", "query-groups", "query-users", "view-users");
        assertRoles("secadmin", "security-admin", "manage-clients", "manage-realm", "manage-users", "query-clients",
                "query-groups", "query-users", "view-clients", "view-realm", "view-users");
        assertRoles("auditor", "audit-admin", "view-events");
        assertRoles("office", "office-admin");
        assertRoles("leader", "leader");
    }

    @Test
    void theAuditorReadsLoginAndAdminEventsButChangesNothing() {
        String auditor = Realm.token("auditor");
        String target = Realm.createUser(Realm.unique("audited"), null, List.of(), "unit-reporter");
        assertThat(admin("GET", "/events", auditor, null).statusCode()).isEqualTo(200);
        assertThat(admin("GET", "/admin-events", auditor, null).statusCode()).isEqualTo(200);

        assertThat(admin("PUT", "/users/" + target, auditor, Map.of("enabled", false)).statusCode()).isEqualTo(403);
        assertThat(admin("DELETE", "/attack-detection/brute-force/users/" + target, auditor, null).statusCode()).isEqualTo(403);
        assertThat(admin("GET", "/users", auditor, null).statusCode()).isEqualTo(403);
        assertThat(admin("PUT", "/events/config", auditor, Map.of("eventsEnabled", false)).statusCode()).isEqualTo(403);
        assertThat(admin("DELETE", "/events", auditor, null).statusCode()).as("clear the login events").isEqualTo(403);
        assertThat(admin("DELETE", "/admin-events", auditor, null).statusCode()).as("clear the admin events").isEqualTo(403);
    }

    @Test
    void theSecurityAdministratorLocksAndUnlocksAccountsButCannotReadOrClearTheAudit() {
        String secadmin = Realm.token("secadmin");
        String username = Realm.unique("lockable");
        String target = Realm.createUser(username, null, List.of(), "unit-reporter");

        assertThat(admin("PUT", "/users/" + target, secadmin, Map.of("enabled", false)).statusCode()).isEqualTo(204);
        assertThat(Realm.passwordGrant(username, Realm.STRONG_PASSWORD, null).statusCode()).as("a locked account")
                .isIn(400, 401);
        assertThat(admin("PUT", "/users/" + target, secadmin, Map.of("enabled", true)).statusCode()).isEqualTo(204);
        assertThat(Realm.passwordGrant(username, Realm.STRONG_PASSWORD, null).statusCode()).isEqualTo(200);

        JsonNode realm = json(admin("GET", "", secadmin, null).body());
        assertThat(admin("PUT", "", secadmin, Map.of("passwordPolicy", realm.get("passwordPolicy").asText())).statusCode())
                .as("the security administrator sets the password policy").isEqualTo(204);

        assertThat(admin("GET", "/events", secadmin, null).statusCode()).isEqualTo(403);
        assertThat(admin("GET", "/admin-events", secadmin, null).statusCode()).isEqualTo(403);
        assertThat(admin("DELETE", "/admin-events", secadmin, null).statusCode()).isEqualTo(403);
        assertThat(admin("PUT", "/events/config", secadmin, Map.of("eventsEnabled", false)).statusCode()).isEqualTo(403);

        // Nor can it grant itself the auditor's right: Keycloak lets an admin hand out only what it holds.
        String realmManagement = json(admin("GET", "/clients?clientId=realm-management", secadmin, null).body())
                .get(0).get("id").asText();
        JsonNode viewEvents = json(admin("GET", "/clients/" + realmManagement + "/roles/view-events", secadmin, null).body());
        String self = Realm.userId("secadmin", secadmin);
        assertThat(admin("POST", "/users/" + self + "/role-mappings/clients/" + realmManagement, secadmin,
                List.of(viewEvents)).statusCode()).isEqualTo(403);

        // The auditor sees what the security administrator did, with the representation sent.
        List<String> changes = new ArrayList<>();
        for (JsonNode event : json(admin("GET", "/admin-events?resourceTypes=USER&operationTypes=UPDATE&max=50",
                Realm.token("auditor"), null).body())) {
            if (event.path("resourcePath").asText().equals("users/" + target)
                    && event.at("/authDetails/userId").asText().equals(self)) {
                changes.add(json(event.get("representation").asText()).get("enabled").asText());
            }
        }
        assertThat(changes).containsExactlyInAnyOrder("false", "true");
    }

    @Test
    void theSystemAdministratorSeesAccountsButCannotChangeThemNorReadTheAudit() {
        String sysadmin = Realm.token("sysadmin");
        String target = Realm.createUser(Realm.unique("operated"), null, List.of(), "unit-reporter");
        assertThat(admin("GET", "/users/" + target, sysadmin, null).statusCode()).isEqualTo(200);

        assertThat(admin("PUT", "/users/" + target, sysadmin, Map.of("enabled", false)).statusCode()).isEqualTo(403);
        assertThat(admin("DELETE", "/attack-detection/brute-force/users/" + target, sysadmin, null).statusCode()).isEqualTo(403);
        assertThat(admin("PUT", "", sysadmin, Map.of("passwordPolicy", "length(4)")).statusCode()).isEqualTo(403);
        assertThat(admin("GET", "/events", sysadmin, null).statusCode()).isEqualTo(403);
        assertThat(admin("GET", "/admin-events", sysadmin, null).statusCode()).isEqualTo(403);
        assertThat(admin("DELETE", "/events", sysadmin, null).statusCode()).isEqualTo(403);
    }

    @Test
    void businessRolesAdministerNothing() {
        for (String user : List.of("office", "leader", "reporter.sjw", "reviewer.fpymj")) {
            String token = Realm.token(user);
            assertThat(admin("GET", "/users", token, null).statusCode()).as(user).isEqualTo(403);
            assertThat(admin("GET", "/events", token, null).statusCode()).as(user).isEqualTo(403);
            assertThat(admin("GET", "", token, null).statusCode()).as(user).isEqualTo(403);
        }
    }

    private static void assertRoles(String user, String realmRole, String... realmManagementRoles) {
        JsonNode claims = Tokens.claims(Realm.token(user));
        List<String> realmRoles = new ArrayList<>();
        claims.at("/realm_access/roles").forEach(r -> realmRoles.add(r.asText()));
        assertThat(realmRoles).as(user).containsExactly(realmRole);
        List<String> clientRoles = new ArrayList<>();
        claims.path("resource_access").fields().forEachRemaining(client -> client.getValue().path("roles")
                .forEach(r -> clientRoles.add(client.getKey() + ":" + r.asText())));
        assertThat(clientRoles).as(user).containsExactlyInAnyOrder(
                java.util.Arrays.stream(realmManagementRoles).map(r -> "realm-management:" + r).toArray(String[]::new));
    }
}
