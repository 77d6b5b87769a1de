package io.kaohe.rubric.versions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kaohe.contracts.rubric.TargetItem;
import io.kaohe.contracts.rubric.UnitTargetList;
import io.kaohe.contracts.rubric.UnitTargets;
import io.kaohe.support.security.CurrentUser;
import io.kaohe.support.security.Roles;
import java.util.Set;

/**
 * Who reads the people in per-unit targets (personal information: 责任人, 联系人, 电话 of a unit, and
 * each item's 责任领导 and 具体责任人及电话). The office (and the services' client) reads all of them; a unit's own people read their
 * own unit's; every other reader gets the targets with these fields absent (null), in the targets
 * JSON, its exports and diffs alike. The history's recorded changes of these fields keep their values
 * for the office only. 责任科室 (an office, not a person) stays readable.
 */
public final class PersonalFields {

    /** The diff's (and history's) field names that hold people or their phones. */
    static final Set<String> NAMES = Set.of("responsiblePerson", "contactPerson", "phone", "responsibleLeader", "contact");

    private PersonalFields() {
    }

    /**
     * Whether the reader sees every unit's people: the office, and the services' own client (a machine
     * that checks RubricPublished's contentHash against the canonical document; no person holds the role).
     */
    static boolean readsAll(CurrentUser reader) {
        return reader.hasRole(Roles.OFFICE_ADMIN) || reader.hasRole(Roles.SERVICE);
    }

    /** The content as the reader may see it (a system has no personal fields: unchanged). */
    public static VersionContent visibleTo(VersionContent content, CurrentUser reader) {
        return content.targets() == null || readsAll(reader) ? content : VersionContent.of(visibleTo(content.targets(), reader));
    }

    /** The targets with the people of every unit but the reader's own left out. */
    public static UnitTargets visibleTo(UnitTargets targets, CurrentUser reader) {
        if (readsAll(reader)) {
            return targets;
        }
        return new UnitTargets(targets.code(), targets.year(), targets.title(), targets.source(),
                targets.assessingDepartment(), targets.sections(), targets.commonItems(), targets.conversionNotes(),
                targets.units().stream().map(u -> reader.actsForUnit(u.unit()) ? u : withoutPeople(u)).toList());
    }

    private static UnitTargetList withoutPeople(UnitTargetList u) {
        return new UnitTargetList(u.unit(), u.unitName(), null, null, null, u.sameAs(),
                u.items().stream().map(PersonalFields::withoutPeople).toList());
    }

    private static TargetItem withoutPeople(TargetItem i) {
        return new TargetItem(i.seq(), i.section(), i.content(), i.points(), i.deadline(), i.rule(), null,
                i.responsibleOffice(), null, null, i.common());
    }

    /**
     * A history entry's recorded changes as the reader may see them: for anyone but the office the
     * before and after of a personal field are left out (the entry still says the field changed).
     */
    static JsonNode visibleTo(JsonNode changes, CurrentUser reader) {
        if (changes == null || readsAll(reader) || !changes.has("changed")) {
            return changes;
        }
        JsonNode copy = changes.deepCopy();
        for (JsonNode node : copy.path("changed")) {
            for (JsonNode field : node.path("changes")) {
                if (field instanceof ObjectNode f && NAMES.contains(f.path("field").asText())) {
                    f.putNull("before");
                    f.putNull("after");
                }
            }
        }
        return copy;
    }
}
