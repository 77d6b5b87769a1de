package io.kaohe.rubric.accounts;

import io.kaohe.rubric.roster.Contact;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One account to create: its user name, the unit or department it acts for (the token's unit or
 * department claim, as the demo users carry it), its realm role and the person, if the roster
 * names one. {@code location} says where it came from, for faults.
 */
public record PlannedAccount(String username, Contact.OwnerKind ownerKind, String ownerCode, String ownerName,
                             Contact.Role role, String person, String email, String location) {

    /** Keycloak's user representation, with the temporary password and the first-login password change. */
    Map<String, Object> representation(String temporaryPassword) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("username", username);
        user.put("enabled", true);
        user.put("firstName", personName(person != null ? person : role.label));
        user.put("lastName", personName(ownerName != null ? ownerName : ownerCode));
        if (email != null) {
            user.put("email", email);
        }
        user.put("attributes", Map.of(ownerKind == Contact.OwnerKind.UNIT ? "unit" : "department", List.of(ownerCode)));
        user.put("requiredActions", List.of("UPDATE_PASSWORD"));
        user.put("credentials", List.of(Map.of("type", "password", "value", temporaryPassword, "temporary", true)));
        return user;
    }

    String realmRole() {
        return AccountRole.realmRole(role);
    }

    Map<String, Object> detail() {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("ownerKind", ownerKind.name());
        detail.put("ownerCode", ownerCode);
        detail.put("role", role.name());
        return detail;
    }

    AccountsResult.Outcome outcome(boolean enabled, String temporaryPassword, String problem) {
        return new AccountsResult.Outcome(username, role, ownerKind, ownerCode, ownerName, person, enabled,
                temporaryPassword, problem);
    }

    /** Keycloak refuses some ASCII signs in person names; offices' names use the full-width ones anyway. */
    static String personName(String text) {
        String name = text.replace('(', '（').replace(')', '）').replaceAll("[<>&\"$%!#?§;*~/\\\\|^=\\[\\]{}]", "");
        return name.length() > 255 ? name.substring(0, 255) : name;
    }
}
