package io.kaohe.rubric.roster;

import io.kaohe.support.problems.ProblemException;
import io.kaohe.support.security.CurrentUser;
import io.kaohe.support.security.Roles;
import io.kaohe.support.security.SecurityAudit;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/rubric/roster")
@Tag(name = "名册 / roster", description = "单位类别、考核单位、被考核单位 / unit categories, assessing departments, assessed units")
class RosterController {

    private final Roster roster;
    private final UnitLists lists;
    private final SecurityAudit audit;

    RosterController(Roster roster, UnitLists lists, SecurityAudit audit) {
        this.roster = roster;
        this.lists = lists;
        this.audit = audit;
    }

    @GetMapping
    @Operation(summary = "The whole roster: categories, assessing departments and units (any authenticated user)")
    RosterData all() {
        return new RosterData(roster.categories(), roster.departments(), roster.units(), List.of());
    }

    @GetMapping("/categories")
    @Operation(summary = "Unit categories")
    List<UnitCategory> categories() {
        return roster.categories();
    }

    @PutMapping("/categories/{code}")
    @Operation(summary = "Create or rename a unit category (office); If-None-Match: * only creates (412 when the code is taken)")
    ResponseEntity<UnitCategory> saveCategory(@PathVariable String code, @RequestBody NameOnly body,
                                              @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false)
                                              String ifNoneMatch) {
        return answer(roster.saveCategory(code, body.name(), onlyIfNew(ifNoneMatch), CurrentUser.get().username()),
                "categories/" + code);
    }

    @DeleteMapping("/categories/{code}")
    @Operation(summary = "Delete a unit category no unit or rubric version uses (office)")
    ResponseEntity<Void> deleteCategory(@PathVariable String code) {
        roster.deleteCategory(code, CurrentUser.get().username());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/departments")
    @Operation(summary = "Assessing departments (考核单位)")
    List<AssessingDepartment> departments() {
        return roster.departments();
    }

    @PutMapping("/departments/{code}")
    @Operation(summary = "Create or rename an assessing department (office); If-None-Match: * only creates (412 when taken)")
    ResponseEntity<AssessingDepartment> saveDepartment(@PathVariable String code, @RequestBody NameOnly body,
                                                       @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false)
                                                       String ifNoneMatch) {
        return answer(roster.saveDepartment(code, body.name(), onlyIfNew(ifNoneMatch), CurrentUser.get().username()),
                "departments/" + code);
    }

    @DeleteMapping("/departments/{code}")
    @Operation(summary = "Delete an assessing department no rubric version names (office)")
    ResponseEntity<Void> deleteDepartment(@PathVariable String code) {
        roster.deleteDepartment(code, CurrentUser.get().username());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/units")
    @Operation(summary = "Assessed units (被考核单位), optionally of one category")
    List<Unit> units(@RequestParam(required = false) String category) {
        return roster.units().stream().filter(u -> category == null || u.category().equals(category)).toList();
    }

    @GetMapping("/units/{code}")
    @Operation(summary = "One assessed unit")
    Unit unit(@PathVariable String code) {
        return roster.unit(code).orElseThrow(() -> ProblemException.notFound("rubric.roster.unit.not-found", code));
    }

    @PutMapping("/units/{code}")
    @Operation(summary = "Create or change an assessed unit: name, category, parent body (office); If-None-Match: * only creates (412 when taken)")
    ResponseEntity<Unit> saveUnit(@PathVariable String code, @RequestBody UnitBody body,
                                  @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        return answer(roster.saveUnit(code, body.name(), body.category(), body.parent(), onlyIfNew(ifNoneMatch),
                CurrentUser.get().username()), "units/" + code);
    }

    @DeleteMapping("/units/{code}")
    @Operation(summary = "Delete an assessed unit that is no other unit's parent (office)")
    ResponseEntity<Void> deleteUnit(@PathVariable String code) {
        roster.deleteUnit(code, CurrentUser.get().username());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/contacts")
    @Operation(summary = "Every unit's and department's contacts (office only: personal information)")
    List<Contact> contacts() {
        return roster.contacts();
    }

    @GetMapping("/units/{code}/contacts")
    @Operation(summary = "A unit's contacts: the office, or the unit's own people (others: 404, audited)")
    List<Contact> unitContacts(@PathVariable String code, HttpServletRequest request) {
        CurrentUser user = CurrentUser.get();
        if (!user.hasRole(Roles.OFFICE_ADMIN) && !user.actsForUnit(code)) {
            audit.deniedObject(user, request.getMethod(), request.getRequestURI(), 404, "contacts of another unit");
            throw ProblemException.notFound("rubric.roster.unit.not-found", code);
        }
        roster.unit(code).orElseThrow(() -> ProblemException.notFound("rubric.roster.unit.not-found", code));
        return roster.contactsOf(Contact.OwnerKind.UNIT, code);
    }

    @GetMapping("/departments/{code}/contacts")
    @Operation(summary = "An assessing department's contacts: the office, or the department's own people (others: 404, audited)")
    List<Contact> departmentContacts(@PathVariable String code, HttpServletRequest request) {
        CurrentUser user = CurrentUser.get();
        if (!user.hasRole(Roles.OFFICE_ADMIN) && !code.equals(user.department())) {
            audit.deniedObject(user, request.getMethod(), request.getRequestURI(), 404, "contacts of another department");
            throw ProblemException.notFound("rubric.roster.department.not-found", code);
        }
        roster.departments().stream().filter(d -> d.code().equals(code)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("rubric.roster.department.not-found", code));
        return roster.contactsOf(Contact.OwnerKind.DEPARTMENT, code);
    }

    @GetMapping("/lists")
    @Operation(summary = "Saved unit lists, for opening a cycle with one choice")
    List<UnitLists.UnitList> lists() {
        return lists.all();
    }

    @GetMapping("/lists/{code}")
    @Operation(summary = "One saved unit list")
    UnitLists.UnitList list(@PathVariable String code) {
        return lists.find(code).orElseThrow(() -> ProblemException.notFound("rubric.roster.list.not-found", code));
    }

    @PutMapping("/lists/{code}")
    @Operation(summary = "Create or replace a saved unit list (office); 400 locates unknown units at units[i]")
    ResponseEntity<UnitLists.UnitList> saveList(@PathVariable String code, @RequestBody ListBody body) {
        return answer(lists.save(code, body.name(), body.units(), CurrentUser.get().username()), "lists/" + code);
    }

    @DeleteMapping("/lists/{code}")
    @Operation(summary = "Delete a saved unit list (office)")
    ResponseEntity<Void> deleteList(@PathVariable String code) {
        lists.delete(code, CurrentUser.get().username());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/history")
    @Operation(summary = "Every roster change: who, when, what (append-only)")
    List<Roster.RosterHistoryEntry> history() {
        return roster.history();
    }

    /** If-None-Match: * makes a PUT create-only: a taken code is refused (412) instead of overwritten. */
    private static boolean onlyIfNew(String ifNoneMatch) {
        return ifNoneMatch != null && ifNoneMatch.strip().equals("*");
    }

    private static <T> ResponseEntity<T> answer(Roster.Saved<T> saved, String path) {
        return saved.created()
                ? ResponseEntity.created(URI.create("/api/rubric/roster/" + path)).body(saved.entry())
                : ResponseEntity.ok(saved.entry());
    }

    record NameOnly(String name) {
    }

    record UnitBody(String name, String category, String parent) {
    }

    record ListBody(String name, List<String> units) {
    }
}
