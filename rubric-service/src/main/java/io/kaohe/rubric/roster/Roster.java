package io.kaohe.rubric.roster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaohe.contracts.events.RosterChanged;
import io.kaohe.support.problems.Fault;
import io.kaohe.support.problems.FaultMessages;
import io.kaohe.support.events.EventPublisher;
import io.kaohe.support.problems.ProblemException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The unit roster: unit categories, assessing departments and assessed units. Every change is
 * recorded in the append-only roster history and announced as {@code RosterChanged}.
 */
@Service
public class Roster {

    static final Pattern CODE = Pattern.compile(io.kaohe.contracts.InputLimits.ROSTER_CODE_PATTERN);

    private final JdbcClient db;
    private final EventPublisher events;
    private final FaultMessages faults;
    private final ObjectMapper json;

    Roster(JdbcClient db, EventPublisher events, FaultMessages faults, ObjectMapper json) {
        this.db = db;
        this.events = events;
        this.faults = faults;
        this.json = json;
    }

    public RosterView view() {
        return new RosterView(categories(), departments(), units());
    }

    public List<UnitCategory> categories() {
        return db.sql("select code, name from unit_category order by position, code")
                .query((rs, n) -> new UnitCategory(rs.getString(1), rs.getString(2))).list();
    }

    public List<AssessingDepartment> departments() {
        return db.sql("select code, name, active from assessing_department order by position, code")
                .query((rs, n) -> new AssessingDepartment(rs.getString(1), rs.getString(2), rs.getBoolean(3))).list();
    }

    public List<Unit> units() {
        return db.sql("select code, name, category, parent, active from unit order by position, code")
                .query((rs, n) -> new Unit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5))).list();
    }

    public Optional<Unit> unit(String code) {
        return db.sql("select code, name, category, parent, active from unit where code = :code").param("code", code)
                .query((rs, n) -> new Unit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5)))
                .optional();
    }

    @Transactional
    public Saved<UnitCategory> saveCategory(String code, String name, String actor) {
        return saveCategory(code, name, false, actor);
    }

    /** {@code onlyIfNew}: refuse (412, at "code") instead of renaming when the code is taken. */
    @Transactional
    public Saved<UnitCategory> saveCategory(String code, String name, boolean onlyIfNew, String actor) {
        boolean created = saveNamed("unit_category", code, name, onlyIfNew);
        UnitCategory category = new UnitCategory(code, name.strip());
        changed("CATEGORY", code, created ? "CREATED" : "UPDATED", category, category.name(), null, null, actor);
        return new Saved<>(category, created);
    }

    @Transactional
    public void deleteCategory(String code, String actor) {
        UnitCategory category = categories().stream().filter(c -> c.code().equals(code)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("rubric.roster.category.not-found", code));
        int units = db.sql("select count(*) from unit where category = :code").param("code", code)
                .query(Integer.class).single();
        int versions = db.sql("""
                select count(*) from rubric_version
                where jsonb_path_exists(content, '$.categories[*] ? (@ == $c)', jsonb_build_object('c', :code))
                   or jsonb_path_exists(content, '$.**.appliesTo[*] ? (@ == $c)', jsonb_build_object('c', :code))
                """).param("code", code).query(Integer.class).single();
        if (units > 0 || versions > 0) {
            throw ProblemException.conflict("rubric.roster.category.in-use", code, units, versions);
        }
        db.sql("delete from unit_category where code = :code").param("code", code).update();
        changed("CATEGORY", code, "DELETED", category, category.name(), null, null, actor);
    }

    @Transactional
    public Saved<AssessingDepartment> saveDepartment(String code, String name, String actor) {
        return saveDepartment(code, name, false, actor);
    }

    @Transactional
    public Saved<AssessingDepartment> saveDepartment(String code, String name, boolean onlyIfNew, String actor) {
        boolean created = saveNamed("assessing_department", code, name, onlyIfNew);
        AssessingDepartment department = departments().stream().filter(d -> d.code().equals(code)).findFirst()
                .orElseThrow();
        changed("DEPARTMENT", code, created ? "CREATED" : "UPDATED", department, department.name(), null, null, actor);
        return new Saved<>(department, created);
    }

    /**
     * A category or department (its {@code table}) saved under its code, new ones last in the roster's order; an
     * existing one renamed, or refused (412) when {@code onlyIfNew}. Whether it was created.
     */
    private boolean saveNamed(String table, String code, String name, boolean onlyIfNew) {
        List<Fault> found = new ArrayList<>();
        checkCode(code, found);
        checkName(name, found);
        refuseIfAny(found);
        return db.sql("""
                insert into %1$s (code, name, position)
                values (:code, :name, (select coalesce(max(position), 0) + 1 from %1$s))
                on conflict (code) do update set name = excluded.name where not :onlyIfNew
                returning (xmax = 0)
                """.formatted(table)).param("code", code).param("name", name.strip()).param("onlyIfNew", onlyIfNew)
                .query(Boolean.class).optional().orElseThrow(() -> taken(code));
    }

    @Transactional
    public void deleteDepartment(String code, String actor) {
        AssessingDepartment department = departments().stream().filter(d -> d.code().equals(code)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("rubric.roster.department.not-found", code));
        int versions = db.sql("""
                select count(*) from rubric_version
                where jsonb_path_exists(content, '$.**.assessingDepartments[*] ? (@ == $d)', jsonb_build_object('d', :code))
                   or jsonb_path_exists(content, '$.assessingDepartment ? (@ == $d)', jsonb_build_object('d', :code))
                   or jsonb_path_exists(content, '$.commonItems[*].leadDepartment ? (@ == $d)', jsonb_build_object('d', :code))
                """).param("code", code).query(Integer.class).single();
        if (versions > 0) {
            throw ProblemException.conflict("rubric.roster.department.in-use", code, versions);
        }
        db.sql("delete from roster_contact where owner_kind = 'DEPARTMENT' and owner_code = :code").param("code", code).update();
        db.sql("delete from assessing_department where code = :code").param("code", code).update();
        changed("DEPARTMENT", code, "DELETED", department, department.name(), null, null, actor);
    }

    @Transactional
    public Saved<Unit> saveUnit(String code, String name, String category, String parent, String actor) {
        return saveUnit(code, name, category, parent, false, actor);
    }

    @Transactional
    public Saved<Unit> saveUnit(String code, String name, String category, String parent, boolean onlyIfNew,
                                String actor) {
        List<Fault> found = new ArrayList<>();
        checkCode(code, found);
        checkName(name, found);
        String parentCode = parent == null || parent.isBlank() ? null : parent.strip();
        if (category == null || category.isBlank()) {
            found.add(Fault.at("category", "rubric.roster.category.missing"));
        } else if (db.sql("select count(*) from unit_category where code = :c").param("c", category)
                .query(Integer.class).single() == 0) {
            found.add(Fault.at("category", "rubric.roster.category.unknown", category));
        }
        if (parentCode != null) {
            if (parentCode.equals(code)) {
                found.add(Fault.at("parent", "rubric.roster.unit.parent-cycle", parentCode));
            } else if (unit(parentCode).isEmpty()) {
                found.add(Fault.at("parent", "rubric.roster.unit.parent-unknown", parentCode));
            } else if (ancestors(parentCode).contains(code)) {
                found.add(Fault.at("parent", "rubric.roster.unit.parent-cycle", parentCode));
            }
        }
        refuseIfAny(found);
        boolean created = db.sql("""
                insert into unit (code, name, category, parent, position)
                values (:code, :name, :category, :parent, (select coalesce(max(position), 0) + 1 from unit))
                on conflict (code) do update set name = excluded.name, category = excluded.category, parent = excluded.parent
                where not :onlyIfNew
                returning (xmax = 0)
                """).param("code", code).param("name", name.strip()).param("category", category)
                .param("parent", parentCode).param("onlyIfNew", onlyIfNew)
                .query(Boolean.class).optional().orElseThrow(() -> taken(code));
        Unit unit = unit(code).orElseThrow();
        changed("UNIT", code, created ? "CREATED" : "UPDATED", unit, unit.name(), category, parentCode, actor);
        return new Saved<>(unit, created);
    }

    @Transactional
    public void deleteUnit(String code, String actor) {
        Unit unit = unit(code).orElseThrow(() -> ProblemException.notFound("rubric.roster.unit.not-found", code));
        int children = db.sql("select count(*) from unit where parent = :code").param("code", code)
                .query(Integer.class).single();
        if (children > 0) {
            throw ProblemException.conflict("rubric.roster.unit.has-children", code, children);
        }
        db.sql("delete from roster_contact where owner_kind = 'UNIT' and owner_code = :code").param("code", code).update();
        db.sql("delete from unit where code = :code").param("code", code).update();
        changed("UNIT", code, "DELETED", unit, unit.name(), unit.category(), unit.parent(), actor);
    }

    /**
     * Adds what the document has and the roster lacks, in the document's order; entries already
     * present are left as they are, so loading twice changes nothing. Returns how many were added.
     */
    @Transactional
    public int load(RosterData data, String actor) {
        int added = 0;
        for (UnitCategory c : data.categories()) {
            if (db.sql("select count(*) from unit_category where code = :c").param("c", c.code()).query(Integer.class).single() == 0) {
                saveCategory(c.code(), c.name(), actor);
                added++;
            }
        }
        for (AssessingDepartment d : data.departments()) {
            if (db.sql("select count(*) from assessing_department where code = :c").param("c", d.code()).query(Integer.class).single() == 0) {
                saveDepartment(d.code(), d.name(), actor);
                added++;
            }
        }
        // Parents first, so a unit's parent exists when it is added.
        List<Unit> pending = new ArrayList<>(data.units());
        boolean progress = true;
        while (!pending.isEmpty() && progress) {
            progress = false;
            for (var it = pending.iterator(); it.hasNext(); ) {
                Unit u = it.next();
                if (u.parent() != null && unit(u.parent()).isEmpty()
                        && pending.stream().anyMatch(p -> p.code().equals(u.parent()))) {
                    continue;
                }
                if (unit(u.code()).isEmpty()) {
                    saveUnit(u.code(), u.name(), u.category(), u.parent(), actor);
                    added++;
                }
                it.remove();
                progress = true;
            }
        }
        return added;
    }

    /** The whole roster as a document: every part, units in the office's order with their active flag. */
    public RosterDocument document() {
        return new RosterDocument(categories(), departments(), units(), contacts(), EnumSet.allOf(RosterDocument.Part.class));
    }

    /** Every contact, in the owners' order then as listed. Personal information: for the office. */
    public List<Contact> contacts() {
        return db.sql("""
                select c.owner_kind, c.owner_code, c.role, c.name, c.phone, c.email, c.username
                from roster_contact c
                left join unit u on c.owner_kind = 'UNIT' and u.code = c.owner_code
                left join assessing_department d on c.owner_kind = 'DEPARTMENT' and d.code = c.owner_code
                order by c.owner_kind desc, coalesce(u.position, d.position), c.owner_code, c.position
                """).query((rs, n) -> new Contact(Contact.OwnerKind.valueOf(rs.getString(1)), rs.getString(2),
                        Contact.Role.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7))).list();
    }

    /** The contacts of one unit or department. */
    public List<Contact> contactsOf(Contact.OwnerKind kind, String code) {
        return contacts().stream().filter(c -> c.ownerKind() == kind && c.ownerCode().equals(code)).toList();
    }

    /**
     * A fingerprint of the whole roster (contacts and order included): an import's preview is
     * applied only while the roster is still the one it was computed against.
     */
    public String fingerprint() {
        RosterDocument d = document();
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(write(List.of(d.categories(),
                    d.departments(), d.units(), d.contacts())).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Categories some rubric version names (as its categories or a node's applicability). */
    public Set<String> categoriesNamedByVersions() {
        return new HashSet<>(db.sql("""
                select c.code from unit_category c where exists (select 1 from rubric_version v
                    where jsonb_path_exists(v.content, '$.categories[*] ? (@ == $c)', jsonb_build_object('c', c.code))
                       or jsonb_path_exists(v.content, '$.**.appliesTo[*] ? (@ == $c)', jsonb_build_object('c', c.code))
                       or jsonb_path_exists(v.content, '$.**.pointsByCategory.keyvalue() ? (@.key == $c)',
                                            jsonb_build_object('c', c.code)))
                """).query(String.class).list());
    }

    public List<RosterHistoryEntry> history() {
        return db.sql("select id, occurred_at, actor, action, kind, code, detail::text from roster_history order by id")
                .query((rs, n) -> new RosterHistoryEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)))
                .list();
    }

    private List<String> ancestors(String code) {
        return db.sql("""
                with recursive up(code, parent) as (
                    select code, parent from unit where code = :code
                    union all
                    select u.code, u.parent from unit u join up on u.code = up.parent)
                select code from up
                """).param("code", code).query(String.class).list();
    }

    /** Records the change in the roster history and announces it (RosterChanged, through the outbox). */
    void changed(String kind, String code, String action, Object entry, String name, String category,
                 String parent, String actor) {
        recorded(kind, code, action, entry, actor);
        events.publish(RosterChanged.TYPE, "roster/" + kind.toLowerCase() + "s/" + code, null,
                "UNIT".equals(kind) ? code : null,
                new RosterChanged(kind, code, action, name, category, parent, actor, Instant.now()));
    }

    /** Records a change in the append-only roster history only (no event), e.g. an account created or disabled. */
    public void recorded(String kind, String code, String action, Object detail, String actor) {
        db.sql("insert into roster_history (actor, action, kind, code, detail) values (:actor, :action, :kind, :code, cast(:detail as jsonb))")
                .param("actor", actor).param("action", action).param("kind", kind).param("code", code)
                .param("detail", write(detail)).update();
    }

    private String write(Object entry) {
        try {
            return json.writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void checkCode(String code, List<Fault> found) {
        if (code == null || !CODE.matcher(code).matches()) {
            found.add(Fault.at("code", "rubric.roster.code.invalid", io.kaohe.contracts.InputLimits.excerpt(code)));
        }
    }

    private static void checkName(String name, List<Fault> found) {
        if (name == null || name.isBlank()) {
            found.add(Fault.at("name", "rubric.roster.name.missing"));
        } else if (name.strip().length() > io.kaohe.contracts.InputLimits.NAME_MAX) {
            found.add(Fault.at("name", "rubric.roster.name.too-long", io.kaohe.contracts.InputLimits.NAME_MAX));
        }
    }

    /** A create-only save (If-None-Match: *) found the code in use: nothing was changed. */
    private ProblemException taken(String code) {
        return faults.reject(HttpStatus.PRECONDITION_FAILED, "rubric.roster.code.taken",
                List.of(Fault.at("code", "rubric.roster.code.in-use", code)));
    }

    private void refuseIfAny(List<Fault> found) {
        if (!found.isEmpty()) {
            throw faults.reject(HttpStatus.BAD_REQUEST, "platform.invalid-input", found);
        }
    }

    /** A saved roster entry, and whether it was new. */
    public record Saved<T>(T entry, boolean created) {
    }

    /** One recorded roster change: who, when, what. */
    public record RosterHistoryEntry(long id, Instant occurredAt, String actor, String action, String kind,
                                     String code, String detail) {
    }
}
