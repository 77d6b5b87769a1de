package io.kaohe.rubric.versions;

import io.kaohe.contracts.rubric.IndicatorNode;
import io.kaohe.contracts.rubric.TargetItem;
import io.kaohe.contracts.rubric.TargetSection;
import io.kaohe.contracts.rubric.UnitTargetList;
import io.kaohe.contracts.rubric.UnitTargets;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What differs between two contents, node by node (matched by code): nodes added, removed, and
 * changed with each field's before and after (points, rule, departments, applicability …).
 */
public record VersionDiff(List<FieldChange> version, List<NodeRef> added, List<NodeRef> removed,
                          List<NodeChange> changed) {

    public record NodeRef(String code, String path, BigDecimal points) {
    }

    public record NodeChange(String code, String path, List<FieldChange> changes) {
    }

    public record FieldChange(String field, Object before, Object after) {
    }

    public boolean isEmpty() {
        return version.isEmpty() && added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }

    /** A short readable summary for the history. */
    public String summary() {
        List<String> parts = new ArrayList<>();
        version.forEach(c -> parts.add(c.field()));
        added.forEach(n -> parts.add("+" + n.code()));
        removed.forEach(n -> parts.add("-" + n.code()));
        changed.forEach(n -> parts.add(n.code() + ": " + n.changes().stream().map(FieldChange::field).toList()));
        String text = String.join("; ", parts);
        return text.length() > 1000 ? text.substring(0, 1000) + "…" : text;
    }

    static VersionDiff between(VersionContent before, VersionContent after) {
        List<FieldChange> version = new ArrayList<>();
        field(version, "code", before.code(), after.code());
        field(version, "year", before.year(), after.year());
        field(version, "title", before.title(), after.title());
        field(version, "conversionNotes", before.conversionNotes(), after.conversionNotes());
        if (before.system() != null && after.system() != null) {
            field(version, "categories", before.system().categories(), after.system().categories());
            field(version, "applicabilityWordings", before.system().applicabilityWordings(),
                    after.system().applicabilityWordings());
        }
        if (before.targets() != null && after.targets() != null) {
            field(version, "assessingDepartment", before.targets().assessingDepartment(),
                    after.targets().assessingDepartment());
            field(version, "commonItems", before.targets().commonItems(), after.targets().commonItems());
        }
        Map<String, Flat> a = flatten(before);
        Map<String, Flat> b = flatten(after);
        List<NodeRef> added = new ArrayList<>();
        List<NodeRef> removed = new ArrayList<>();
        List<NodeChange> changed = new ArrayList<>();
        for (Flat old : a.values()) {
            Flat now = b.get(old.code());
            if (now == null) {
                removed.add(old.ref());
                continue;
            }
            List<FieldChange> changes = new ArrayList<>();
            for (var e : old.fields().entrySet()) {
                field(changes, e.getKey(), e.getValue(), now.fields().get(e.getKey()));
            }
            if (!changes.isEmpty()) {
                changed.add(new NodeChange(now.code(), now.path(), List.copyOf(changes)));
            }
        }
        for (Flat now : b.values()) {
            if (!a.containsKey(now.code())) {
                added.add(now.ref());
            }
        }
        return new VersionDiff(List.copyOf(version), List.copyOf(added), List.copyOf(removed), List.copyOf(changed));
    }

    private static void field(List<FieldChange> changes, String name, Object before, Object after) {
        boolean same = before instanceof BigDecimal x && after instanceof BigDecimal y
                ? x.compareTo(y) == 0 : Objects.equals(before, after);
        if (!same) {
            changes.add(new FieldChange(name, before, after));
        }
    }

    private record Flat(String code, String path, BigDecimal points, Map<String, Object> fields) {
        NodeRef ref() {
            return new NodeRef(code, path, points);
        }
    }

    private static Map<String, Flat> flatten(VersionContent content) {
        Map<String, Flat> flat = new LinkedHashMap<>();
        if (content.system() != null) {
            content.system().roots().forEach(r -> flatten(r, null, flat));
            return flat;
        }
        UnitTargets t = content.targets();
        for (TargetSection s : t.sections()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("title", s.title());
            fields.put("points", s.points());
            flat.put(s.code(), new Flat(s.code(), s.code() + " " + s.title(), s.points(), fields));
        }
        for (UnitTargetList u : t.units()) {
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("unitName", u.unitName());
            header.put("responsiblePerson", u.responsiblePerson());
            header.put("contactPerson", u.contactPerson());
            header.put("phone", u.phone());
            header.put("sameAs", u.sameAs());
            flat.put(u.unit(), new Flat(u.unit(), u.unit() + " " + u.unitName(), null, header));
            List<TargetItem> items = content.itemsOf(u);
            for (int i = 0; i < items.size(); i++) {
                TargetItem item = items.get(i);
                String code = UnitTargets.itemCode(u.unit(), i + 1);
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("seq", item.seq());
                fields.put("section", item.section());
                fields.put("content", item.content());
                fields.put("points", item.points());
                fields.put("deadline", item.deadline());
                fields.put("rule", item.rule());
                fields.put("responsibleLeader", item.responsibleLeader());
                fields.put("responsibleOffice", item.responsibleOffice());
                fields.put("contact", item.contact());
                fields.put("phone", item.phone());
                fields.put("common", item.common());
                flat.put(code, new Flat(code, code + " " + item.content(), item.points(), fields));
            }
        }
        return flat;
    }

    private static void flatten(IndicatorNode node, String parent, Map<String, Flat> flat) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("parent", parent);
        fields.put("title", node.title());
        fields.put("points", node.points());
        fields.put("pointsByCategory", node.pointsByCategory());
        fields.put("appliesTo", node.appliesTo());
        fields.put("description", node.description());
        fields.put("assessingDepartments", node.assessingDepartments());
        fields.put("rule", node.rule());
        fields.put("deadline", node.deadline());
        fields.put("acceptedEvidence", node.acceptedEvidence());
        fields.put("note", node.note());
        flat.put(node.code(), new Flat(node.code(), RubricValidator.location(node), node.points(), fields));
        node.children().forEach(c -> flatten(c, node.code(), flat));
    }
}
