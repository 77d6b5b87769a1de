package io.kaohe.rubric.accounts;

import io.kaohe.rubric.roster.Contact;
import java.util.List;

/**
 * What a bulk creation did: accounts created (each with its temporary password, shown this once),
 * accounts that were there already as planned (no password: use reset), and accounts that failed.
 */
public record AccountsResult(List<Outcome> created, List<Outcome> existing, List<Outcome> failed) {

    /** One account: whose, which role, and for a new or reset one its temporary password. */
    public record Outcome(String username, Contact.Role role, Contact.OwnerKind ownerKind, String ownerCode,
                          String ownerName, String name, boolean enabled, String temporaryPassword, String problem) {
    }
}
