package io.kaohe.rubric.accounts;

import io.kaohe.rubric.importing.PeopleWorkbooks;
import io.kaohe.support.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@Tag(name = "账号 / accounts",
     description = "The roster's people's Keycloak accounts (office only): created in bulk with a temporary password "
             + "and the first-login password change, disabled, enabled, reset. Temporary passwords are answered once "
             + "(JSON, or .xlsx with Accept: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet) and "
             + "never stored. 409 when a user name or email belongs to someone else; 503 when Keycloak does not answer.")
class AccountsController {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final Accounts accounts;
    private final PeopleWorkbooks people;

    AccountsController(Accounts accounts, PeopleWorkbooks people) {
        this.accounts = accounts;
        this.people = people;
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

    @PostMapping(value = "/api/rubric/accounts", consumes = MediaType.APPLICATION_JSON_VALUE, produces = XLSX)
    @Operation(summary = "The same, answered as a one-time .xlsx of user names and temporary passwords to hand out")
    void createAsWorkbook(@RequestBody AccountsRequest request, HttpServletResponse response) throws IOException {
        workbook(accounts.create(accounts.plan(request), CurrentUser.get().username()), response);
    }

    @PostMapping(value = "/api/rubric/accounts/people", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
                 produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create the accounts of the people of a workbook in the roster's 联系人 layout",
               description = "Each reporter, head and reviewer row gets an account; their unit or department must be in "
                       + "the roster. 400 locates every fault of the file.")
    ResponseEntity<AccountsResult> createForPeople(@RequestPart("file") MultipartFile file) {
        return once(accounts.create(accounts.planPeople(people.read(file)), CurrentUser.get().username()));
    }

    @PostMapping(value = "/api/rubric/accounts/people", consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = XLSX)
    @Operation(summary = "The same, answered as a one-time .xlsx")
    void createForPeopleAsWorkbook(@RequestPart("file") MultipartFile file, HttpServletResponse response)
            throws IOException {
        workbook(accounts.create(accounts.planPeople(people.read(file)), CurrentUser.get().username()), response);
    }

    @GetMapping("/api/rubric/accounts")
    @Operation(summary = "The roster accounts, of one unit or department or all, with their state (no passwords)")
    List<Accounts.Account> list(@RequestParam(required = false) String unit,
                                @RequestParam(required = false) String department) {
        return accounts.list(unit, department);
    }

    @PostMapping("/api/rubric/accounts/{username}/disable")
    @Operation(summary = "Disable a roster account: it can no longer log in")
    Accounts.Account disable(@PathVariable String username) {
        return accounts.disable(username, CurrentUser.get().username());
    }

    @PostMapping("/api/rubric/accounts/{username}/enable")
    @Operation(summary = "Enable a roster account again")
    Accounts.Account enable(@PathVariable String username) {
        return accounts.enable(username, CurrentUser.get().username());
    }

    @PostMapping("/api/rubric/accounts/{username}/reset-password")
    @Operation(summary = "A new temporary password (answered once); the password change is required at the next login")
    ResponseEntity<AccountsResult.Outcome> resetPassword(@PathVariable String username) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(accounts.resetPassword(username, CurrentUser.get().username()));
    }

    private static ResponseEntity<AccountsResult> once(AccountsResult result) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(result);
    }

    private static void workbook(AccountsResult result, HttpServletResponse response) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        result.created().forEach(o -> rows.add(row(o, "新建")));
        result.existing().forEach(o -> rows.add(row(o, "已存在")));
        result.failed().forEach(o -> rows.add(row(o, "失败")));
        response.setContentType(XLSX);
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("账号与临时密码.xlsx", StandardCharsets.UTF_8).build().toString());
        PeopleWorkbooks.write("账号", List.of("账号", "临时密码", "角色", "类型", "编码", "单位名称", "姓名", "状态", "说明"),
                rows, response.getOutputStream());
    }

    private static List<String> row(AccountsResult.Outcome o, String state) {
        return java.util.Arrays.asList(o.username(), o.temporaryPassword(), o.role() == null ? "" : o.role().label,
                o.ownerKind() == null ? "" : o.ownerKind().label, o.ownerCode(), o.ownerName(), o.name(), state,
                o.problem());
    }
}
