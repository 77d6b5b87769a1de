package io.kaohe.rubric.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.support.problems.Fault;
import io.kaohe.support.problems.FaultMessages;
import io.kaohe.rubric.roster.Contact;
import io.kaohe.rubric.roster.Roster;
import io.kaohe.support.problems.ProblemException;
import io.kaohe.support.security.Roles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The accounts of the roster's people in Keycloak: a unit's reporter and head, a department's
 * reviewer. Created in bulk with a temporary password and the first-login password change,
 * idempotently (an account already there as planned is reported, not created again); disabled,
 * enabled, and reset (a new temporary password). Temporary passwords are answered once and never
 * stored. Only roster accounts are touched here, never the office's, a leader's or a service's.
 * Every change is recorded in the roster history (never a password).
 */
@Service
public class Accounts {

    /** The realm roles an account made here may carry; an account with any other is not the roster's. */
    private static final Set<String> ROSTER_ROLES = Set.of(Roles.UNIT_REPORTER, Roles.UNIT_HEAD, Roles.DEPT_REVIEWER);

    private final KeycloakAdmin keycloak;
    private final Roster roster;
    private final AccountPlanner planner;
    private final FaultMessages faults;
    private final MessageSource messages;

    Accounts(KeycloakAdmin keycloak, Roster roster, AccountPlanner planner, FaultMessages faults, MessageSource messages) {
        this.keycloak = keycloak;
        this.roster = roster;
        this.planner = planner;
        this.faults = faults;
        this.messages = messages;
    }

    /**
     * Creates the planned accounts. Before anything is created every user name is checked: one
     * Keycloak has for another unit, department or role (or an email another user has) refuses the
     * whole request (409, each located). Then each account is created on its own; one that fails
     * half-way is listed as failed, and running the request again completes it.
     */
    public AccountsResult create(List<PlannedAccount> planned, String actor) {
        List<Fault> conflicts = new ArrayList<>();
        Map<PlannedAccount, JsonNode> existing = new LinkedHashMap<>();
        for (PlannedAccount account : planned) {
            Optional<JsonNode> user = keycloak.user(account.username());
            if (user.isPresent()) {
                if (sameOwnerAndRole(user.get(), account)) {
                    existing.put(account, user.get());
                } else {
                    conflicts.add(Fault.at(account.location(), "rubric.accounts.username-taken", account.username()));
                }
            } else if (account.email() != null && keycloak.emailTaken(account.email())) {
                conflicts.add(Fault.at(account.location(), "rubric.accounts.email-taken", account.email()));
            }
        }
        if (!conflicts.isEmpty()) {
            throw faults.reject(HttpStatus.CONFLICT, "rubric.accounts.conflict", conflicts);
        }
        List<AccountsResult.Outcome> created = new ArrayList<>();
        List<AccountsResult.Outcome> already = new ArrayList<>();
        List<AccountsResult.Outcome> failed = new ArrayList<>();
        for (PlannedAccount account : planned) {
            if (existing.containsKey(account)) {
                already.add(account.outcome(enabled(existing.get(account)), null, null));
                continue;
            }
            String password = TemporaryPasswords.next();
            try {
                String id = keycloak.create(account.representation(password));
                try {
                    keycloak.grantRealmRole(id, account.realmRole());
                } catch (RuntimeException e) {
                    keycloak.delete(id);
                    throw e;
                }
                roster.recorded("ACCOUNT", account.username(), "CREATED", account.detail(), actor);
                created.add(account.outcome(true, password, null));
            } catch (KeycloakAdmin.Taken e) {
                failed.add(account.outcome(false, null, message("rubric.accounts.username-taken", account.username())));
            } catch (ProblemException | IllegalStateException e) {
                failed.add(account.outcome(false, null, message("rubric.accounts.failed", account.username())));
            }
        }
        return new AccountsResult(created, already, failed);
    }

    /** Plans from the roster: the units' reporters and heads, the departments' reviewers. */
    public List<PlannedAccount> plan(AccountsRequest request) {
        return planner.plan(request);
    }

    public Account disable(String username, String actor) {
        return enabled(username, false, actor);
    }

    public Account enable(String username, String actor) {
        return enabled(username, true, actor);
    }

    /** A new temporary password, answered once; the password change is required again at the next login. */
    public AccountsResult.Outcome resetPassword(String username, String actor) {
        JsonNode user = rosterAccount(username);
        String password = TemporaryPasswords.next();
        keycloak.resetPassword(user.path("id").asText(), password);
        keycloak.update(user.path("id").asText(), Map.of("requiredActions", List.of("UPDATE_PASSWORD")));
        Account account = account(user);
        roster.recorded("ACCOUNT", username, "PASSWORD_RESET", Map.of("owner", String.valueOf(account.ownerCode())), actor);
        return new AccountsResult.Outcome(username, account.role(), account.ownerKind(), account.ownerCode(), null,
                account.name(), account.enabled(), password, null);
    }

    /** The roster accounts of a unit or department, or all of them. */
    public List<Account> list(String unit, String department) {
        List<JsonNode> users;
        if (unit != null) {
            users = keycloak.usersWith("unit", unit);
        } else if (department != null) {
            users = keycloak.usersWith("department", department);
        } else {
            users = new ArrayList<>();
            for (int first = 0; ; first += 500) {
                List<JsonNode> page = keycloak.users(first, 500);
                users.addAll(page);
                if (page.size() < 500) {
                    break;
                }
            }
        }
        List<Account> accounts = new ArrayList<>();
        for (JsonNode user : users) {
            if (owner(user) != null) {
                List<String> roles = keycloak.realmRoles(user.path("id").asText());
                if (!roles.isEmpty() && ROSTER_ROLES.containsAll(roles)) {
                    accounts.add(account(user, roles));
                }
            }
        }
        return accounts;
    }

    private Account enabled(String username, boolean enabled, String actor) {
        JsonNode user = rosterAccount(username);
        keycloak.update(user.path("id").asText(), Map.of("enabled", enabled));
        roster.recorded("ACCOUNT", username, enabled ? "ENABLED" : "DISABLED", Map.of("enabled", enabled), actor);
        return account(keycloak.user(username).orElse(user));
    }

    /** The account, if it is one of the roster's (a unit or department and only roster roles); else 404. */
    private JsonNode rosterAccount(String username) {
        JsonNode user = keycloak.user(username)
                .orElseThrow(() -> ProblemException.notFound("rubric.accounts.not-found", username));
        List<String> roles = keycloak.realmRoles(user.path("id").asText());
        if (owner(user) == null || roles.isEmpty() || !ROSTER_ROLES.containsAll(roles)) {
            throw ProblemException.notFound("rubric.accounts.not-found", username);
        }
        return user;
    }

    private boolean sameOwnerAndRole(JsonNode user, PlannedAccount account) {
        String[] owner = owner(user);
        return owner != null && owner[0].equals(account.ownerKind().name()) && owner[1].equals(account.ownerCode())
                && keycloak.realmRoles(user.path("id").asText()).contains(account.realmRole());
    }

    private static boolean enabled(JsonNode user) {
        return user.path("enabled").asBoolean(true);
    }

    private Account account(JsonNode user) {
        return account(user, keycloak.realmRoles(user.path("id").asText()));
    }

    private static Account account(JsonNode user, List<String> roles) {
        String[] owner = owner(user);
        List<String> actions = new ArrayList<>();
        user.path("requiredActions").forEach(a -> actions.add(a.asText()));
        Contact.Role role = roles.stream().map(AccountRole::ofRealmRole).filter(r -> r != null).findFirst().orElse(null);
        String name = (user.path("firstName").asText("") + " " + user.path("lastName").asText("")).strip();
        return new Account(user.path("username").asText(), owner == null ? null : Contact.OwnerKind.valueOf(owner[0]),
                owner == null ? null : owner[1], role, name, user.path("email").asText(null), enabled(user), actions);
    }

    /** {kind, code} of the unit or department the user acts for, from the attributes the token mappers read. */
    private static String[] owner(JsonNode user) {
        String unit = user.path("attributes").path("unit").path(0).asText(null);
        if (unit != null) {
            return new String[] {Contact.OwnerKind.UNIT.name(), unit};
        }
        String department = user.path("attributes").path("department").path(0).asText(null);
        return department == null ? null : new String[] {Contact.OwnerKind.DEPARTMENT.name(), department};
    }

    private String message(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }

    /** A roster account as Keycloak has it. */
    public record Account(String username, Contact.OwnerKind ownerKind, String ownerCode, Contact.Role role,
                          String name, String email, boolean enabled, List<String> requiredActions) {
    }
}
