package io.kaohe.rubric.accounts;

import io.kaohe.rubric.roster.Contact;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** Whose accounts to create from the roster: some or every active unit and department, and which roles. */
@Schema(name = "CreateAccountsRequest")
public record AccountsRequest(
        @Schema(description = "unit codes (reporter and head accounts)") List<String> units,
        @Schema(description = "assessing department codes (reviewer accounts)") List<String> departments,
        @Schema(description = "every active unit of the roster") boolean everyUnit,
        @Schema(description = "every active department of the roster") boolean everyDepartment,
        @Schema(description = "REPORTER, HEAD, REVIEWER; default all three") List<Contact.Role> roles) {

    public AccountsRequest {
        units = units == null ? List.of() : List.copyOf(units);
        departments = departments == null ? List.of() : List.copyOf(departments);
        roles = roles == null || roles.isEmpty() ? List.of(Contact.Role.REPORTER, Contact.Role.HEAD, Contact.Role.REVIEWER)
                : List.copyOf(roles);
    }
}
