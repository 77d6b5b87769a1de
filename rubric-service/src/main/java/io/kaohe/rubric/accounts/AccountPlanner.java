package io.kaohe.rubric.accounts;

import io.kaohe.support.problems.Fault;
import io.kaohe.support.problems.FaultMessages;
import io.kaohe.rubric.roster.AssessingDepartment;
import io.kaohe.rubric.roster.Contact;
import io.kaohe.rubric.roster.Roster;
import io.kaohe.rubric.roster.Unit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Which accounts the roster calls for. Each unit gets a reporter and a head account, each
 * department a reviewer account: one per person the roster lists in that role (named by the
 * contact's 账号, else reporter.&lt;unit&gt;, reporter.&lt;unit&gt;.2 …), or one for the role when
 * nobody is listed. The same roster always gives the same user names, so running it again
 * creates nothing twice.
 */
@Component
class AccountPlanner {

    private final Roster roster;
    private final FaultMessages faults;

    AccountPlanner(Roster roster, FaultMessages faults) {
        this.roster = roster;
        this.faults = faults;
    }

    List<PlannedAccount> plan(AccountsRequest request) {
        Map<String, Unit> units = new LinkedHashMap<>();
        roster.units().forEach(u -> units.put(u.code(), u));
        Map<String, AssessingDepartment> departments = new LinkedHashMap<>();
        roster.departments().forEach(d -> departments.put(d.code(), d));
        List<Fault> found = new ArrayList<>();
        List<Unit> chosenUnits = new ArrayList<>();
        if (request.everyUnit()) {
            units.values().stream().filter(Unit::active).forEach(chosenUnits::add);
        }
        for (int i = 0; i < request.units().size(); i++) {
            Unit unit = units.get(request.units().get(i));
            if (unit == null || !unit.active()) {
                found.add(Fault.at("units[" + i + "]", "rubric.accounts.unit-unknown", request.units().get(i)));
            } else if (!chosenUnits.contains(unit)) {
                chosenUnits.add(unit);
            }
        }
        List<AssessingDepartment> chosenDepartments = new ArrayList<>();
        if (request.everyDepartment()) {
            departments.values().stream().filter(AssessingDepartment::active).forEach(chosenDepartments::add);
        }
        for (int i = 0; i < request.departments().size(); i++) {
            AssessingDepartment department = departments.get(request.departments().get(i));
            if (department == null || !department.active()) {
                found.add(Fault.at("departments[" + i + "]", "rubric.accounts.department-unknown",
                        request.departments().get(i)));
            } else if (!chosenDepartments.contains(department)) {
                chosenDepartments.add(department);
            }
        }
        if (request.roles().contains(Contact.Role.CONTACT)) {
            found.add(Fault.at("roles", "rubric.accounts.role-without-account", Contact.Role.CONTACT.label));
        }
        if (chosenUnits.isEmpty() && chosenDepartments.isEmpty()) {
            found.add(Fault.at("units", "rubric.accounts.nobody"));
        }
        refuseIfAny(found);
        List<Contact> contacts = roster.contacts();
        List<PlannedAccount> planned = new ArrayList<>();
        for (Unit unit : chosenUnits) {
            for (Contact.Role role : List.of(Contact.Role.REPORTER, Contact.Role.HEAD)) {
                if (request.roles().contains(role)) {
                    forRole(Contact.OwnerKind.UNIT, unit.code(), unit.name(), role, contacts, planned);
                }
            }
        }
        if (request.roles().contains(Contact.Role.REVIEWER)) {
            for (AssessingDepartment department : chosenDepartments) {
                forRole(Contact.OwnerKind.DEPARTMENT, department.code(), department.name(), Contact.Role.REVIEWER,
                        contacts, planned);
            }
        }
        return unique(planned);
    }

    private void forRole(Contact.OwnerKind kind, String code, String name, Contact.Role role, List<Contact> contacts,
                         List<PlannedAccount> planned) {
        Map<String, Integer> taken = new HashMap<>();
        List<Contact> people = contacts.stream()
                .filter(c -> c.ownerKind() == kind && c.ownerCode().equals(code) && c.role() == role).toList();
        if (people.isEmpty()) {
            planned.add(account(kind, code, name, role, null, taken));
        }
        for (Contact person : people) {
            planned.add(account(kind, code, name, role, person, taken));
        }
    }

    private static PlannedAccount account(Contact.OwnerKind kind, String code, String name, Contact.Role role,
                                          Contact person, Map<String, Integer> taken) {
        String username = person != null && person.username() != null ? person.username() : null;
        if (username == null) {
            String base = AccountRole.prefix(role) + "." + code;
            int n = taken.merge(base, 1, Integer::sum);
            username = n == 1 ? base : base + "." + n;
        }
        String location = code + " " + role.label + (person == null ? "" : " " + person.name());
        return new PlannedAccount(username.toLowerCase(java.util.Locale.ROOT), kind, code, name, role,
                person == null ? null : person.name(), person == null ? null : person.email(), location);
    }

    /** The same user name twice in one request is refused, located at the second. */
    private List<PlannedAccount> unique(List<PlannedAccount> planned) {
        Map<String, PlannedAccount> byName = new LinkedHashMap<>();
        List<Fault> found = new ArrayList<>();
        for (PlannedAccount account : planned) {
            PlannedAccount first = byName.putIfAbsent(account.username(), account);
            if (first != null) {
                found.add(Fault.at(account.location(), "rubric.accounts.username-twice", account.username(), first.location()));
            }
        }
        refuseIfAny(found);
        return List.copyOf(byName.values());
    }

    private void refuseIfAny(List<Fault> found) {
        if (!found.isEmpty()) {
            throw faults.reject(HttpStatus.BAD_REQUEST, "platform.invalid-input", found);
        }
    }
}
