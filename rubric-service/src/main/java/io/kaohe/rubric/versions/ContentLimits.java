package io.kaohe.rubric.versions;

import io.kaohe.contracts.InputLimits;
import io.kaohe.contracts.rubric.CommonTarget;
import io.kaohe.contracts.rubric.IndicatorNode;
import io.kaohe.contracts.rubric.RubricSnapshot;
import io.kaohe.contracts.rubric.ScoringRule;
import io.kaohe.contracts.rubric.TargetItem;
import io.kaohe.contracts.rubric.TargetSection;
import io.kaohe.contracts.rubric.UnitTargetList;
import io.kaohe.contracts.rubric.UnitTargets;
import io.kaohe.support.problems.CappedFaults;
import io.kaohe.support.problems.Fault;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The platform's {@link InputLimits} over a version's whole content, checked before any draft is
 * stored (created from JSON or a workbook, replaced, or edited node by node): every code of the
 * pattern, every text within its length, every points value finite and from 0 to 1000. Each fault
 * is located by its field path ({@code roots[0].children[2].title}). Whether the content is a
 * valid rubric is {@link RubricValidator}'s question, asked on publishing.
 */
final class ContentLimits {

    private final CappedFaults found = new CappedFaults();

    private ContentLimits() {
    }

    static CappedFaults check(VersionContent content) {
        ContentLimits limits = new ContentLimits();
        if (content.system() != null) {
            limits.system(content.system());
        } else {
            limits.targets(content.targets());
        }
        return limits.found;
    }

    /** A code named outside the content (a node in the path, a parent, an acknowledgement). */
    static CappedFaults code(String location, String code) {
        ContentLimits limits = new ContentLimits();
        limits.add(location, InputLimits.code(code));
        return limits.found;
    }

    private void system(RubricSnapshot s) {
        header(s.code(), s.title(), s.source(), s.conversionNotes());
        codes("categories", s.categories());
        add("applicabilityWordings", InputLimits.list(List.copyOf(s.applicabilityWordings().keySet()), InputLimits.LIST_MAX));
        for (Map.Entry<String, List<String>> e : s.applicabilityWordings().entrySet()) {
            add("applicabilityWordings." + InputLimits.excerpt(e.getKey()), InputLimits.text(e.getKey(), InputLimits.TITLE_MAX));
            codes("applicabilityWordings." + InputLimits.excerpt(e.getKey()), e.getValue());
        }
        nodes("roots", s.roots(), 0);
    }

    private void nodes(String path, List<IndicatorNode> nodes, int depth) {
        add(path, InputLimits.list(nodes, InputLimits.LIST_MAX));
        if (depth > 16) {
            found.add(path, "input.too-many", 16, depth);
            return;
        }
        for (int i = 0; i < nodes.size(); i++) {
            IndicatorNode n = nodes.get(i);
            String at = path + "[" + i + "]";
            if (n == null) {
                found.add(at, "input.required");
                continue;
            }
            add(at + ".code", InputLimits.code(n.code()));
            add(at + ".title", InputLimits.text(n.title(), InputLimits.TITLE_MAX));
            add(at + ".points", InputLimits.points(n.points()));
            codes(at + ".appliesTo", n.appliesTo());
            add(at + ".description", InputLimits.text(n.description(), InputLimits.TEXT_MAX));
            codes(at + ".assessingDepartments", n.assessingDepartments());
            rule(at + ".rule", n.rule());
            add(at + ".deadline", InputLimits.text(n.deadline(), InputLimits.TITLE_MAX));
            add(at + ".acceptedEvidence", InputLimits.text(n.acceptedEvidence(), InputLimits.TEXT_MAX));
            add(at + ".note", InputLimits.text(n.note(), InputLimits.TEXT_MAX));
            for (Map.Entry<String, BigDecimal> e : n.pointsByCategory().entrySet()) {
                add(at + ".pointsByCategory", InputLimits.code(e.getKey()));
                add(at + ".pointsByCategory." + InputLimits.excerpt(e.getKey()), InputLimits.points(e.getValue()));
            }
            nodes(at + ".children", n.children(), depth + 1);
        }
    }

    private void targets(UnitTargets t) {
        header(t.code(), t.title(), t.source(), t.conversionNotes());
        add("assessingDepartment", InputLimits.optionalCode(t.assessingDepartment()));
        add("sections", InputLimits.list(t.sections(), InputLimits.LIST_MAX));
        for (int i = 0; i < t.sections().size(); i++) {
            TargetSection s = t.sections().get(i);
            String at = "sections[" + i + "]";
            if (s == null) {
                found.add(at, "input.required");
                continue;
            }
            add(at + ".code", InputLimits.code(s.code()));
            add(at + ".title", InputLimits.text(s.title(), InputLimits.TITLE_MAX));
            add(at + ".points", InputLimits.points(s.points()));
        }
        add("commonItems", InputLimits.list(t.commonItems(), InputLimits.LIST_MAX));
        for (int i = 0; i < t.commonItems().size(); i++) {
            CommonTarget c = t.commonItems().get(i);
            String at = "commonItems[" + i + "]";
            if (c == null) {
                found.add(at, "input.required");
                continue;
            }
            add(at + ".title", InputLimits.text(c.title(), InputLimits.TITLE_MAX));
            add(at + ".points", InputLimits.points(c.points()));
            add(at + ".section", InputLimits.optionalCode(c.section()));
            add(at + ".leadDepartment", InputLimits.optionalCode(c.leadDepartment()));
            add(at + ".deadline", InputLimits.text(c.deadline(), InputLimits.TITLE_MAX));
            rule(at + ".rule", c.rule());
        }
        add("units", InputLimits.list(t.units(), InputLimits.LIST_MAX));
        for (int i = 0; i < t.units().size(); i++) {
            UnitTargetList u = t.units().get(i);
            String at = "units[" + i + "]";
            if (u == null) {
                found.add(at, "input.required");
                continue;
            }
            add(at + ".unit", InputLimits.code(u.unit()));
            add(at + ".unitName", InputLimits.text(u.unitName(), InputLimits.NAME_MAX));
            add(at + ".responsiblePerson", InputLimits.text(u.responsiblePerson(), InputLimits.NAME_MAX));
            add(at + ".contactPerson", InputLimits.text(u.contactPerson(), InputLimits.NAME_MAX));
            add(at + ".phone", InputLimits.text(u.phone(), InputLimits.NAME_MAX));
            add(at + ".sameAs", InputLimits.optionalCode(u.sameAs()));
            add(at + ".items", InputLimits.list(u.items(), InputLimits.LIST_MAX));
            for (int j = 0; j < u.items().size(); j++) {
                item(at + ".items[" + j + "]", u.items().get(j));
            }
        }
    }

    private void item(String at, TargetItem item) {
        if (item == null) {
            found.add(at, "input.required");
            return;
        }
        add(at + ".section", InputLimits.optionalCode(item.section()));
        add(at + ".content", InputLimits.text(item.content(), InputLimits.TEXT_MAX));
        add(at + ".points", InputLimits.points(item.points()));
        add(at + ".deadline", InputLimits.text(item.deadline(), InputLimits.TITLE_MAX));
        rule(at + ".rule", item.rule());
        add(at + ".responsibleLeader", InputLimits.text(item.responsibleLeader(), InputLimits.NAME_MAX));
        add(at + ".responsibleOffice", InputLimits.text(item.responsibleOffice(), InputLimits.NAME_MAX));
        add(at + ".contact", InputLimits.text(item.contact(), InputLimits.NAME_MAX));
        add(at + ".phone", InputLimits.text(item.phone(), InputLimits.NAME_MAX));
    }

    private void header(String code, String title, String source, List<String> conversionNotes) {
        add("code", InputLimits.code(code));
        add("title", InputLimits.text(title, InputLimits.TITLE_MAX));
        add("source", InputLimits.text(source, InputLimits.TITLE_MAX));
        add("conversionNotes", InputLimits.list(conversionNotes, InputLimits.LIST_MAX));
        for (int i = 0; i < conversionNotes.size(); i++) {
            add("conversionNotes[" + i + "]", InputLimits.text(conversionNotes.get(i), InputLimits.TEXT_MAX));
        }
    }

    private void rule(String at, ScoringRule rule) {
        if (rule != null) {
            add(at + ".wording", InputLimits.text(rule.wording(), InputLimits.TEXT_MAX));
        }
    }

    private void codes(String field, List<String> values) {
        InputLimits.codes(field, values).forEach(v -> found.add(Fault.at(v.location(), v.violation())));
    }

    private void add(String location, Optional<InputLimits.Violation> violation) {
        violation.ifPresent(v -> found.add(Fault.at(location, v)));
    }
}
