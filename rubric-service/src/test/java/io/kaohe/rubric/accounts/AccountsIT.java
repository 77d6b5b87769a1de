package io.kaohe.rubric.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.rubric.RubricIntegrationTest;
import io.kaohe.testsupport.Tokens;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The roster's people's accounts in the test Keycloak, made by the system administrator through
 * the kaohe-accounts client (三员分立: the office keeps the roster, the system administrator its accounts).
 */
class AccountsIT extends RubricIntegrationTest {

    private static String sysadmin() {
        return Tokens.forUser("sysadmin");
    }

    private String newUnit() {
        String code = unique("acct");
        assertThat(call(HttpMethod.PUT, "/api/rubric/roster/units/" + code, office(),
                Map.of("name", "账号测试单位" + code, "category", "county")).getStatusCode().is2xxSuccessful()).isTrue();
        return code;
    }

    @Test
    void theSystemAdministratorCreatesAUnitsAccountsOnceWithTheFirstLoginPasswordChange() {
        String unit = newUnit();
        Map<String, Object> request = Map.of("units", List.of(unit), "roles", List.of("REPORTER", "HEAD"));

        ResponseEntity<JsonNode> created = call(HttpMethod.POST, "/api/rubric/accounts", sysadmin(), request);

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(created.getHeaders().getCacheControl()).contains("no-store");
        assertThat(created.getBody().get("created")).extracting(o -> o.get("username").asText())
                .containsExactly("reporter." + unit, "head." + unit);
        String password = created.getBody().at("/created/0/temporaryPassword").asText();
        assertThat(password).isNotBlank();
        // the temporary password only leads to the password change, never to a token
        assertThatThrownBy(() -> Tokens.tokenFor(Tokens.issuer(), "reporter." + unit, password))
                .hasMessageContaining("400");

        JsonNode listed = call(HttpMethod.GET, "/api/rubric/accounts?unit=" + unit, sysadmin(), null).getBody();
        assertThat(listed).extracting(a -> a.get("username").asText() + " " + a.get("role").asText() + " "
                + a.get("enabled").asBoolean()).containsExactlyInAnyOrder("reporter." + unit + " REPORTER true",
                "head." + unit + " HEAD true");
        assertThat(listed.get(0).get("requiredActions")).extracting(JsonNode::asText).contains("UPDATE_PASSWORD");

        ResponseEntity<JsonNode> again = call(HttpMethod.POST, "/api/rubric/accounts", sysadmin(), request);
        assertThat(again.getBody().get("created")).isEmpty();
        assertThat(again.getBody().get("existing")).hasSize(2);
        assertThat(db.sql("select count(*) from roster_history where kind = 'ACCOUNT' and action = 'CREATED' and code = :c")
                .param("c", "reporter." + unit).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aRosterAccountIsDisabledEnabledAndResetButNoOtherAccountIs() {
        String unit = newUnit();
        call(HttpMethod.POST, "/api/rubric/accounts", sysadmin(), Map.of("units", List.of(unit), "roles", List.of("REPORTER")));
        String username = "reporter." + unit;

        JsonNode disabled = call(HttpMethod.POST, "/api/rubric/accounts/" + username + "/disable", sysadmin(), null).getBody();
        assertThat(disabled.get("enabled").asBoolean()).isFalse();
        JsonNode enabled = call(HttpMethod.POST, "/api/rubric/accounts/" + username + "/enable", sysadmin(), null).getBody();
        assertThat(enabled.get("enabled").asBoolean()).isTrue();
        ResponseEntity<JsonNode> reset = call(HttpMethod.POST, "/api/rubric/accounts/" + username + "/reset-password",
                sysadmin(), null);
        assertThat(reset.getBody().get("temporaryPassword").asText()).isNotBlank();
        assertThat(reset.getHeaders().getCacheControl()).contains("no-store");

        // the office's own account (and a leader's, an administrator's) is not the roster's
        assertThat(call(HttpMethod.POST, "/api/rubric/accounts/office/disable", sysadmin(), null).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(call(HttpMethod.POST, "/api/rubric/accounts/secadmin/reset-password", sysadmin(), null).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void theOfficeKeepsTheRosterButMakesNoAccountsAndTheRefusalIsAudited() {
        String unit = newUnit();
        long before = audited();

        assertThat(call(HttpMethod.POST, "/api/rubric/accounts", office(), Map.of("units", List.of(unit))).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(call(HttpMethod.GET, "/api/rubric/accounts", Tokens.forUser("reporter.sjw"), null).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);

        assertThat(audited()).isEqualTo(before + 2);
        assertThat(call(HttpMethod.GET, "/api/rubric/accounts?unit=" + unit, sysadmin(), null).getBody()).isEmpty();
    }

    @Test
    void anUnknownUnitIsRefusedAtItsIndexAndNothingIsCreated() {
        ResponseEntity<JsonNode> refused = call(HttpMethod.POST, "/api/rubric/accounts", sysadmin(),
                Map.of("units", List.of("bz-sjw", "no-such-unit")));

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().at("/errors/0/location").asText()).isEqualTo("units[1]");
    }
}
