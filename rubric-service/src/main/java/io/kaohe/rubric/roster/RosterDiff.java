package io.kaohe.rubric.roster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What applying a roster document would change, part by part: entries added, entries changed (each
 * field's value before and after), entries removed (how: units and departments are deactivated,
 * categories deleted unless still used, contacts deleted) and whether the units' order changes.
 * A part the document does not hold changes nothing.
 */
public record RosterDiff(Part categories, Part departments, Part units, Part contacts) {

    /** One part's changes; {@code unchanged} counts the entries left as they are. */
    public record Part(List<Entry> added, List<Change> changed, List<Removal> removed, boolean reordered,
                       int unchanged) {

        static final Part NONE = new Part(List.of(), List.of(), List.of(), false, 0);

        @JsonIgnore
        public boolean isEmpty() {
            return added.isEmpty() && changed.isEmpty() && removed.isEmpty() && !reordered;
        }
    }

    /** An entry by its code (for a contact: owner/role/name) and name. */
    public record Entry(String code, String name) {
    }

    public record Change(String code, String name, List<FieldChange> changes) {
    }

    public record FieldChange(String field, Object before, Object after) {
    }

    /** How a removed entry leaves: DEACTIVATED, DELETED, or KEPT (a category still used). */
    public record Removal(String code, String name, String how) {
    }

    @JsonIgnore
    public boolean isEmpty() {
        return categories.isEmpty() && departments.isEmpty() && units.isEmpty() && contacts.isEmpty();
    }

    /** Counts for a summary line: added, changed, removed. */
    @JsonIgnore
    public Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("added", categories.added().size() + departments.added().size() + units.added().size()
                + contacts.added().size());
        counts.put("changed", categories.changed().size() + departments.changed().size() + units.changed().size()
                + contacts.changed().size());
        counts.put("removed", categories.removed().size() + departments.removed().size() + units.removed().size()
                + contacts.removed().size());
        return counts;
    }

    /**
     * The difference between the roster as it is and a document; {@code categoryInUse} tells
     * whether a category no longer listed is still used (by an inactive unit or a rubric version).
     */
    public static RosterDiff between(RosterDocument current, RosterDocument next, Set<String> categoriesInUse) {
        Part categories = !next.has(RosterDocument.Part.CATEGORIES) ? Part.NONE
                : part(current.categories(), next.categories(), UnitCategory::code, UnitCategory::name,
                c -> fields("name", c.name()), c -> categoriesInUse.contains(c.code()) ? "KEPT" : "DELETED", false);
        Part departments = !next.has(RosterDocument.Part.DEPARTMENTS) ? Part.NONE
                : part(current.departments(), next.departments(), AssessingDepartment::code, AssessingDepartment::name,
                d -> fields("name", d.name(), "active", d.active()), d -> "DEACTIVATED", false);
        Part units = !next.has(RosterDocument.Part.UNITS) ? Part.NONE
                : part(current.units(), next.units(), Unit::code, Unit::name,
                u -> fields("name", u.name(), "category", u.category(), "parent", u.parent(), "active", u.active()),
                u -> "DEACTIVATED", true);
        Part contacts = !next.has(RosterDocument.Part.CONTACTS) ? Part.NONE
                : part(current.contacts(), next.contacts(), Contact::key, Contact::name,
                c -> fields("phone", c.phone(), "email", c.email(), "username", c.username()), c -> "DELETED", false);
        return new RosterDiff(categories, departments, units, contacts);
    }

    private static <T> Part part(List<T> before, List<T> after, Function<T, String> key, Function<T, String> name,
                                 Function<T, Map<String, Object>> fieldsOf, Function<T, String> removal,
                                 boolean ordered) {
        Map<String, T> old = before.stream().collect(Collectors.toMap(key, t -> t, (a, b) -> a, LinkedHashMap::new));
        Map<String, T> now = after.stream().collect(Collectors.toMap(key, t -> t, (a, b) -> a, LinkedHashMap::new));
        List<Entry> added = new ArrayList<>();
        List<Change> changed = new ArrayList<>();
        List<Removal> removed = new ArrayList<>();
        int unchanged = 0;
        for (T entry : after) {
            T was = old.get(key.apply(entry));
            if (was == null) {
                added.add(new Entry(key.apply(entry), name.apply(entry)));
                continue;
            }
            List<FieldChange> changes = new ArrayList<>();
            Map<String, Object> a = fieldsOf.apply(was);
            Map<String, Object> b = fieldsOf.apply(entry);
            a.forEach((field, value) -> {
                if (!Objects.equals(value, b.get(field))) {
                    changes.add(new FieldChange(field, value, b.get(field)));
                }
            });
            if (changes.isEmpty()) {
                unchanged++;
            } else {
                changed.add(new Change(key.apply(entry), name.apply(entry), List.copyOf(changes)));
            }
        }
        for (T entry : before) {
            if (!now.containsKey(key.apply(entry))) {
                String how = removal.apply(entry);
                boolean alreadyInactive = entry instanceof Unit u && !u.active()
                        || entry instanceof AssessingDepartment d && !d.active();
                if (!alreadyInactive) {
                    removed.add(new Removal(key.apply(entry), name.apply(entry), how));
                }
            }
        }
        boolean reordered = ordered && !sameOrder(before, after, key, now.keySet());
        return new Part(List.copyOf(added), List.copyOf(changed), List.copyOf(removed), reordered, unchanged);
    }

    /** Whether the entries both lists hold come in the same order (added and removed ones aside). */
    private static <T> boolean sameOrder(List<T> before, List<T> after, Function<T, String> key, Set<String> kept) {
        Set<String> old = before.stream().map(key).collect(Collectors.toSet());
        List<String> a = before.stream().map(key).filter(kept::contains).toList();
        List<String> b = after.stream().map(key).filter(old::contains).toList();
        return a.equals(b);
    }

    private static Map<String, Object> fields(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
