package io.kaohe.notification.people;

import java.util.Set;

/**
 * Someone of the realm as the directory knows them: their user name, email (null: in-app only), realm
 * roles and the unit, department or inspected units they act for.
 */
public record Person(String username, String email, Set<String> roles, String unit, String department,
                     Set<String> inspectionUnits) {

    /** Whether the person belongs to an audience: {@code unit-reporter:bz-sjw}, {@code office-admin}, {@code user:NAME}. */
    public boolean in(String audience) {
        if (audience.startsWith("user:")) {
            return username.equals(audience.substring(5));
        }
        int colon = audience.indexOf(':');
        if (colon < 0) {
            return roles.contains(audience);
        }
        String role = audience.substring(0, colon);
        String scope = audience.substring(colon + 1);
        if (!roles.contains(role)) {
            return false;
        }
        return switch (role) {
            case "unit-reporter", "unit-head" -> scope.equals(unit);
            case "dept-reviewer" -> scope.equals(department);
            case "inspector" -> inspectionUnits.contains(scope);
            default -> false;
        };
    }
}
