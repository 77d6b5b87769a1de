package io.kaohe.rubric.roster;

import io.kaohe.support.problems.Fault;
import io.kaohe.support.problems.FaultMessages;
import io.kaohe.support.problems.ProblemException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Saved unit lists (e.g. "乡镇（不含开发区）"): the office opens a cycle with one of them in one
 * choice. Members are roster units; a unit deleted from the roster leaves every list.
 */
@Service
public class UnitLists {

    private final JdbcClient db;
    private final Roster roster;
    private final FaultMessages faults;

    UnitLists(JdbcClient db, Roster roster, FaultMessages faults) {
        this.db = db;
        this.roster = roster;
        this.faults = faults;
    }

    /** A saved list and its units in the list's order. */
    public record UnitList(String code, String name, List<String> units) {
    }

    public List<UnitList> all() {
        Map<String, UnitList> lists = new LinkedHashMap<>();
        db.sql("select code, name from unit_list order by position, code")
                .query((rs, n) -> new UnitList(rs.getString(1), rs.getString(2), new ArrayList<>()))
                .list().forEach(l -> lists.put(l.code(), l));
        db.sql("select list_code, unit_code from unit_list_member order by list_code, position")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list()
                .forEach(m -> lists.get(m.getKey()).units().add(m.getValue()));
        return lists.values().stream().map(l -> new UnitList(l.code(), l.name(), List.copyOf(l.units()))).toList();
    }

    public Optional<UnitList> find(String code) {
        return all().stream().filter(l -> l.code().equals(code)).findFirst();
    }

    /** Creates or replaces a list; every unit must be in the roster (faults at units[i]). */
    @Transactional
    public Roster.Saved<UnitList> save(String code, String name, List<String> units, String actor) {
        List<Fault> found = new ArrayList<>();
        if (code == null || !Roster.CODE.matcher(code).matches()) {
            found.add(Fault.at("code", "rubric.roster.code.invalid", code));
        }
        if (name == null || name.isBlank()) {
            found.add(Fault.at("name", "rubric.roster.name.missing"));
        }
        List<String> members = units == null ? List.of() : units;
        if (members.isEmpty()) {
            found.add(Fault.at("units", "rubric.roster.list.empty"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < members.size(); i++) {
            String unit = members.get(i);
            if (!seen.add(unit)) {
                found.add(Fault.at("units[" + i + "]", "rubric.roster.list.unit-twice", unit));
            } else if (roster.unit(unit).isEmpty()) {
                found.add(Fault.at("units[" + i + "]", "rubric.roster.list.unit-unknown", unit));
            }
        }
        if (!found.isEmpty()) {
            throw faults.reject(HttpStatus.BAD_REQUEST, "platform.invalid-input", found);
        }
        boolean created = db.sql("""
                insert into unit_list (code, name, position)
                values (:code, :name, (select coalesce(max(position), 0) + 1 from unit_list))
                on conflict (code) do update set name = excluded.name
                returning (xmax = 0)
                """).param("code", code).param("name", name.strip()).query(Boolean.class).single();
        db.sql("delete from unit_list_member where list_code = :code").param("code", code).update();
        for (int i = 0; i < members.size(); i++) {
            db.sql("insert into unit_list_member (list_code, unit_code, position) values (:l, :u, :p)")
                    .param("l", code).param("u", members.get(i)).param("p", i + 1).update();
        }
        UnitList list = new UnitList(code, name.strip(), List.copyOf(members));
        roster.recorded("LIST", code, created ? "CREATED" : "UPDATED", list, actor);
        return new Roster.Saved<>(list, created);
    }

    @Transactional
    public void delete(String code, String actor) {
        UnitList list = find(code).orElseThrow(() -> ProblemException.notFound("rubric.roster.list.not-found", code));
        db.sql("delete from unit_list where code = :code").param("code", code).update();
        roster.recorded("LIST", code, "DELETED", list, actor);
    }
}
