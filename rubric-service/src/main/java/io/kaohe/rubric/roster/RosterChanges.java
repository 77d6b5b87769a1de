package io.kaohe.rubric.roster;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Brings the roster to a document's content in one transaction: what the document adds is
 * created, what it changes is updated, units and departments it no longer lists are deactivated,
 * categories no longer used are deleted, contacts replaced. Every change is recorded in the roster
 * history and announced as RosterChanged through the outbox (contacts only in the history, without
 * their personal data).
 */
@Service
public class RosterChanges {

    private final JdbcClient db;
    private final Roster roster;

    RosterChanges(JdbcClient db, Roster roster) {
        this.db = db;
        this.roster = roster;
    }

    /** What applying the document would change now. */
    public RosterDiff diff(RosterDocument next) {
        RosterDocument current = scoped(roster.document(), next);
        return RosterDiff.between(current, next, categoriesInUseAfter(current, next));
    }

    /**
     * Applies the document; returns what changed. The caller decided it may (token, fingerprint);
     * {@code source} (e.g. the file and the preview's token) goes into the history's summary entry.
     */
    @Transactional
    public RosterDiff apply(RosterDocument next, String actor, Map<String, Object> source) {
        RosterDiff diff = diff(next);
        if (next.has(RosterDocument.Part.CATEGORIES)) {
            int position = 0;
            for (UnitCategory c : next.categories()) {
                db.sql("""
                        insert into unit_category (code, name, position) values (:code, :name, :position)
                        on conflict (code) do update set name = excluded.name, position = excluded.position
                        """).param("code", c.code()).param("name", c.name()).param("position", ++position).update();
            }
        }
        if (next.has(RosterDocument.Part.DEPARTMENTS)) {
            int position = 0;
            for (AssessingDepartment d : next.departments()) {
                db.sql("""
                        insert into assessing_department (code, name, position, active) values (:code, :name, :position, true)
                        on conflict (code) do update set name = excluded.name, position = excluded.position, active = true
                        """).param("code", d.code()).param("name", d.name()).param("position", ++position).update();
            }
            deactivate("assessing_department", next.departments().stream().map(AssessingDepartment::code).toList(), position);
        }
        if (next.has(RosterDocument.Part.UNITS)) {
            applyUnits(next.units());
        }
        for (RosterDiff.Removal removed : diff.categories().removed()) {
            if ("DELETED".equals(removed.how())) {
                db.sql("delete from unit_category where code = :code").param("code", removed.code()).update();
            }
        }
        if (next.has(RosterDocument.Part.CONTACTS)) {
            applyContacts(next);
        }
        record(diff, next, actor);
        Map<String, Object> summary = new LinkedHashMap<>(source);
        summary.putAll(diff.counts());
        summary.put("reordered", diff.units().reordered());
        summary.put("parts", next.parts().stream().map(Enum::name).sorted().toList());
        roster.recorded("ROSTER", "import", "IMPORTED", summary, actor);
        return diff;
    }

    private void applyUnits(List<Unit> units) {
        // parents are set once every unit exists (a unit may name one listed below it)
        int position = 0;
        for (Unit u : units) {
            db.sql("""
                    insert into unit (code, name, category, parent, position, active)
                    values (:code, :name, :category, null, :position, true)
                    on conflict (code) do update set name = excluded.name, category = excluded.category,
                        position = excluded.position, active = true
                    """).param("code", u.code()).param("name", u.name()).param("category", u.category())
                    .param("position", ++position).update();
        }
        for (Unit u : units) {
            db.sql("update unit set parent = :parent where code = :code and parent is distinct from :parent")
                    .param("parent", u.parent()).param("code", u.code()).update();
        }
        deactivate("unit", units.stream().map(Unit::code).toList(), position);
    }

    /** Entries not listed are deactivated and placed after the listed ones, keeping their order. */
    private void deactivate(String table, List<String> listed, int after) {
        db.sql("""
                update %s t set active = false, position = :after + o.n
                from (select code, row_number() over (order by position, code) as n from %s
                      where not (code = any (:listed))) o
                where t.code = o.code
                """.formatted(table, table)).param("after", after).param("listed", listed.toArray(String[]::new))
                .update();
    }

    private void applyContacts(RosterDocument next) {
        Set<String> owners = owners(next);
        db.sql("select owner_kind, owner_code from roster_contact").query((rs, n) -> rs.getString(1) + "/" + rs.getString(2))
                .list().stream().filter(owners::contains).distinct().forEach(owner -> {
                    String[] kindAndCode = owner.split("/", 2);
                    db.sql("delete from roster_contact where owner_kind = :k and owner_code = :c")
                            .param("k", kindAndCode[0]).param("c", kindAndCode[1]).update();
                });
        int position = 0;
        for (Contact c : next.contacts()) {
            db.sql("""
                    insert into roster_contact (owner_kind, owner_code, role, name, phone, email, username, position)
                    values (:kind, :owner, :role, :name, :phone, :email, :username, :position)
                    """).param("kind", c.ownerKind().name()).param("owner", c.ownerCode()).param("role", c.role().name())
                    .param("name", c.name()).param("phone", c.phone()).param("email", c.email())
                    .param("username", c.username()).param("position", ++position).update();
        }
    }

    private void record(RosterDiff diff, RosterDocument next, String actor) {
        Map<String, UnitCategory> categories = new LinkedHashMap<>();
        next.categories().forEach(c -> categories.put(c.code(), c));
        Map<String, AssessingDepartment> departments = new LinkedHashMap<>();
        roster.departments().forEach(d -> departments.put(d.code(), d));
        Map<String, Unit> units = new LinkedHashMap<>();
        roster.units().forEach(u -> units.put(u.code(), u));
        for (RosterDiff.Entry e : diff.categories().added()) {
            roster.changed("CATEGORY", e.code(), "CREATED", categories.get(e.code()), e.name(), null, null, actor);
        }
        for (RosterDiff.Change c : diff.categories().changed()) {
            roster.changed("CATEGORY", c.code(), "UPDATED", categories.get(c.code()), c.name(), null, null, actor);
        }
        for (RosterDiff.Removal r : diff.categories().removed()) {
            if ("DELETED".equals(r.how())) {
                roster.changed("CATEGORY", r.code(), "DELETED", new UnitCategory(r.code(), r.name()), r.name(), null,
                        null, actor);
            }
        }
        RosterDiff.Part d = diff.departments();
        d.added().forEach(e -> department(departments.get(e.code()), "CREATED", actor));
        d.changed().forEach(c -> department(departments.get(c.code()), action(c), actor));
        d.removed().forEach(r -> department(departments.get(r.code()), "DEACTIVATED", actor));
        RosterDiff.Part u = diff.units();
        u.added().forEach(e -> unit(units.get(e.code()), "CREATED", actor));
        u.changed().forEach(c -> unit(units.get(c.code()), action(c), actor));
        u.removed().forEach(r -> unit(units.get(r.code()), "DEACTIVATED", actor));
        // contacts: who and which fields, never the phone number or address itself
        diff.contacts().added().forEach(e -> contact(e.code(), "CREATED", List.of(), actor));
        diff.contacts().changed().forEach(c -> contact(c.code(), "UPDATED",
                c.changes().stream().map(RosterDiff.FieldChange::field).toList(), actor));
        diff.contacts().removed().forEach(r -> contact(r.code(), "DELETED", List.of(), actor));
    }

    /** A change that only brings an entry back is a reactivation. */
    private static String action(RosterDiff.Change change) {
        return change.changes().size() == 1 && "active".equals(change.changes().get(0).field()) ? "REACTIVATED" : "UPDATED";
    }

    private void department(AssessingDepartment d, String action, String actor) {
        roster.changed("DEPARTMENT", d.code(), action, d, d.name(), null, null, actor);
    }

    private void unit(Unit u, String action, String actor) {
        roster.changed("UNIT", u.code(), action, u, u.name(), u.category(), u.parent(), actor);
    }

    private void contact(String key, String action, List<String> fields, String actor) {
        String[] parts = key.split("/", 4);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("ownerKind", parts[0]);
        detail.put("ownerCode", parts[1]);
        detail.put("role", parts[2]);
        detail.put("name", parts[3]);
        if (!fields.isEmpty()) {
            detail.put("fields", fields);
        }
        roster.recorded("CONTACT", parts[1], action, detail, actor);
    }

    /** Contacts are compared only for owners that are listed after the import (an inactive unit keeps its own). */
    private static RosterDocument scoped(RosterDocument current, RosterDocument next) {
        Set<String> owners = owners(next.has(RosterDocument.Part.UNITS) || next.has(RosterDocument.Part.DEPARTMENTS)
                ? merged(current, next) : current);
        List<Contact> contacts = current.contacts().stream()
                .filter(c -> owners.contains(c.ownerKind() + "/" + c.ownerCode())).toList();
        return new RosterDocument(current.categories(), current.departments(), current.units(), contacts, current.parts());
    }

    /** The active units and departments once the document's parts are applied. */
    private static RosterDocument merged(RosterDocument current, RosterDocument next) {
        List<Unit> units = next.has(RosterDocument.Part.UNITS) ? next.units()
                : current.units().stream().filter(Unit::active).toList();
        List<AssessingDepartment> departments = next.has(RosterDocument.Part.DEPARTMENTS) ? next.departments()
                : current.departments().stream().filter(AssessingDepartment::active).toList();
        return new RosterDocument(List.of(), departments, units, List.of(), Set.of());
    }

    private static Set<String> owners(RosterDocument d) {
        Set<String> owners = new HashSet<>();
        d.units().stream().filter(Unit::active).forEach(u -> owners.add("UNIT/" + u.code()));
        d.departments().stream().filter(AssessingDepartment::active).forEach(x -> owners.add("DEPARTMENT/" + x.code()));
        return owners;
    }

    /** Categories a unit will still have (listed or deactivated) or a rubric version names. */
    private Set<String> categoriesInUseAfter(RosterDocument current, RosterDocument next) {
        Set<String> used = new HashSet<>(roster.categoriesNamedByVersions());
        Set<String> listed = new HashSet<>();
        if (next.has(RosterDocument.Part.UNITS)) {
            next.units().forEach(u -> {
                used.add(u.category());
                listed.add(u.code());
            });
        }
        current.units().stream().filter(u -> !listed.contains(u.code())).forEach(u -> used.add(u.category()));
        return used;
    }
}
