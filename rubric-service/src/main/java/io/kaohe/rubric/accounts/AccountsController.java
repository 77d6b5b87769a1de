package io.kaohe.rubric.accounts;

import io.kaohe.support.audit.Audited;
import io.kaohe.support.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "账号 / accounts",
     description = "The roster's people's Keycloak accounts (system administrator only, 三员分立): created in bulk with a temporary password "
             + "and the first-login password change, disabled, enabled, reset. Temporary passwords are answered once and "
             + "never stored. 409 when a user name or email belongs to someone else; 503 when Keycloak does not answer.")
class AccountsController {

    private final Accounts accounts;

    AccountsController(Accounts accounts) {
        this.accounts = accounts;
    }

    @PostMapping(value = "/api/rubric/accounts", consumes = MediaType.APPLICATION_JSON_VALUE,
                 produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create the reporter and head accounts of units and the reviewer accounts of departments",
               description = "Idempotent: an account already there for the same unit or department and role is listed "
                       + "under existing. One per person the roster's contacts list in the role (user name from their "
                       + "账号, else reporter.<unit>, head.<unit>, reviewer.<department>), or one per role.")
    ResponseEntity<AccountsResult> create(@RequestBody AccountsRequest request) {
        return once(accounts.create(accounts.plan(request), CurrentUser.get().username()));
    }

    @GetMapping("/api/rubric/accounts")
    @Operation(summary = "The roster accounts, of one unit or department or all, with their state (no passwords)")
    List<Accounts.Account> list(@RequestParam(required = false) String unit,
                                @RequestParam(required = false) String department) {
        return accounts.list(unit, department);
    }

    @PostMapping("/api/rubric/accounts/{username}/disable")
    @Audited(action = "disable", object = "account")
    @Operation(summary = "Disable a roster account: it can no longer log in")
    Accounts.Account disable(@PathVariable String username) {
        return accounts.disable(username, CurrentUser.get().username());
    }

    @PostMapping("/api/rubric/accounts/{username}/enable")
    @Audited(action = "enable", object = "account")
    @Operation(summary = "Enable a roster account again")
    Accounts.Account enable(@PathVariable String username) {
        return accounts.enable(username, CurrentUser.get().username());
    }

    @PostMapping("/api/rubric/accounts/{username}/reset-password")
    @Audited(action = "reset-password", object = "account")
    @Operation(summary = "A new temporary password (answered once); the password change is required at the next login")
    ResponseEntity<AccountsResult.Outcome> resetPassword(@PathVariable String username) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(accounts.resetPassword(username, CurrentUser.get().username()));
    }

    private static ResponseEntity<AccountsResult> once(AccountsResult result) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(result);
    }
}
