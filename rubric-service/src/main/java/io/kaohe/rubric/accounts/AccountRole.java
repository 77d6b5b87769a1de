package io.kaohe.rubric.accounts;

import io.kaohe.rubric.roster.Contact;
import io.kaohe.support.security.Roles;

/** Which realm role a roster role's account carries, and the user name prefix the demo accounts use. */
final class AccountRole {

    private AccountRole() {
    }

    static String realmRole(Contact.Role role) {
        return switch (role) {
            case REPORTER -> Roles.UNIT_REPORTER;
            case HEAD -> Roles.UNIT_HEAD;
            case REVIEWER -> Roles.DEPT_REVIEWER;
            case CONTACT -> throw new IllegalArgumentException("a contact gets no account");
        };
    }

    static String prefix(Contact.Role role) {
        return switch (role) {
            case REPORTER -> "reporter";
            case HEAD -> "head";
            case REVIEWER -> "reviewer";
            case CONTACT -> throw new IllegalArgumentException("a contact gets no account");
        };
    }

    static Contact.Role ofRealmRole(String realmRole) {
        return switch (realmRole) {
            case Roles.UNIT_REPORTER -> Contact.Role.REPORTER;
            case Roles.UNIT_HEAD -> Contact.Role.HEAD;
            case Roles.DEPT_REVIEWER -> Contact.Role.REVIEWER;
            default -> null;
        };
    }
}
