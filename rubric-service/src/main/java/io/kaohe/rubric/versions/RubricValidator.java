package io.kaohe.rubric.versions;

import io.kaohe.contracts.rubric.CommonTarget;
import io.kaohe.contracts.rubric.IndicatorNode;
import io.kaohe.contracts.rubric.RubricSnapshot;
import io.kaohe.contracts.rubric.TargetItem;
import io.kaohe.contracts.rubric.TargetSection;
import io.kaohe.contracts.rubric.UnitTargetList;
import io.kaohe.contracts.rubric.UnitTargets;
import io.kaohe.rubric.problems.Fault;
import io.kaohe.rubric.roster.RosterView;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Everything that must hold before a version is published, all problems at once, each located by
 * its node path ("1.2.1 严格执行组织生活制度"). A node whose children do not add up is accepted only
 * when the office acknowledged it citing a conversion note of the draft that names the node: the
 * source document itself is inconsistent there, and the numbers are kept as printed.
 */
final class RubricValidator {

    private RubricValidator() {
    }

    /** The outcome: errors block publishing; acknowledged mismatches are listed but do not. */
    record Validation(List<Fault> errors, List<Acknowledged> acknowledged) {

        boolean valid() {
            return errors.isEmpty();
        }
    }

    /** A mismatch the office accepted, with the conversion note that documents it. */
    record Acknowledged(String location, String nodeCode, int conversionNote, String note, Fault problem) {
    }

    /** A mismatch found, before acknowledgements are applied. */
    record Mismatch(String nodeCode, Fault fault) {
    }

    static Validation validate(VersionContent content, RosterView roster, Map<String, Integer> acknowledgements) {
        List<Fault> errors = new ArrayList<>();
        List<Mismatch> mismatches = new ArrayList<>();
        if (content.system() != null) {
            system(content.system(), roster, errors, mismatches);
        } else {
            targets(content.targets(), roster, errors, mismatches);
        }
        List<Acknowledged> acknowledged = new ArrayList<>();
        List<String> notes = content.conversionNotes();
        for (Mismatch m : mismatches) {
            Integer note = acknowledgements.get(m.nodeCode());
            if (note != null && note >= 0 && note < notes.size() && mentions(notes.get(note), m.nodeCode())) {
                acknowledged.add(new Acknowledged(m.fault().location(), m.nodeCode(), note, notes.get(note), m.fault()));
            } else {
                errors.add(m.fault());
            }
        }
        return new Validation(List.copyOf(errors), List.copyOf(acknowledged));
    }

    /** The node codes whose points do not add up, whether acknowledged or not. */
    static Set<String> mismatchedNodes(VersionContent content, RosterView roster) {
        List<Fault> ignored = new ArrayList<>();
        List<Mismatch> mismatches = new ArrayList<>();
        if (content.system() != null) {
            system(content.system(), roster, ignored, mismatches);
        } else {
            targets(content.targets(), roster, ignored, mismatches);
        }
        return mismatches.stream().map(Mismatch::nodeCode).collect(Collectors.toSet());
    }

    /** Whether a conversion note names the node code as a code, not as part of a longer one ("3.1" is not in "3.1.4"). */
    static boolean mentions(String note, String code) {
        return Pattern.compile("(?<![0-9A-Za-z.])" + Pattern.quote(code) + "(?![0-9]|\\.[0-9])").matcher(note).find();
    }

    static String location(IndicatorNode node) {
        String code = node.code() == null ? "?" : node.code();
        return node.title() == null || node.title().isBlank() ? code : code + " " + node.title();
    }

    // --- indicator systems ---

    private static void system(RubricSnapshot s, RosterView roster, List<Fault> errors, List<Mismatch> mismatches) {
        header(s.code(), s.year(), s.title(), errors);
        if (s.roots().isEmpty()) {
            errors.add(Fault.at("roots", "rubric.validation.empty"));
        }
        for (String category : s.categories()) {
            if (roster.category(category).isEmpty()) {
                errors.add(Fault.at("categories", "rubric.validation.category-unknown", category));
            }
        }
        Set<String> codes = new HashSet<>();
        for (IndicatorNode root : s.roots()) {
            node(root, s, roster, codes, errors, mismatches);
        }
    }

    private static void node(IndicatorNode node, RubricSnapshot s, RosterView roster, Set<String> codes,
                             List<Fault> errors, List<Mismatch> mismatches) {
        String at = location(node);
        if (node.code() == null || node.code().isBlank()) {
            errors.add(Fault.at(at, "rubric.validation.code-missing"));
        } else if (!codes.add(node.code())) {
            errors.add(Fault.at(at, "rubric.validation.code-duplicate", node.code()));
        }
        if (node.title() == null || node.title().isBlank()) {
            errors.add(Fault.at(at, "rubric.validation.title-missing"));
        }
        for (String category : node.appliesTo()) {
            if (roster.category(category).isEmpty()) {
                errors.add(Fault.at(at, "rubric.validation.category-unknown", category));
            } else if (!s.categories().isEmpty() && !s.categories().contains(category)) {
                errors.add(Fault.at(at, "rubric.validation.category-not-in-system", category));
            }
        }
        if (node.isLeaf()) {
            leaf(node, at, node.assessingDepartments(), roster, errors);
            return;
        }
        points(node.points(), at, errors);
        sums(node, s, at, mismatches);
        for (IndicatorNode child : node.children()) {
            node(child, s, roster, codes, errors, mismatches);
        }
    }

    private static void leaf(IndicatorNode node, String at, List<String> departments, RosterView roster,
                             List<Fault> errors) {
        rule(node.rule(), node.points(), at, errors);
        departments(departments, at, roster, errors);
    }

    private static void rule(io.kaohe.contracts.rubric.ScoringRule rule, BigDecimal points, String at,
                             List<Fault> errors) {
        if (rule == null) {
            points(points, at, errors);
            errors.add(Fault.at(at, "rubric.validation.rule-missing"));
            return;
        }
        // The rule checks the points too (present, > 0, at most 2 decimals), with its own parameters.
        for (String problem : rule.problems(points)) {
            errors.add(Fault.at(at, "rubric.validation.rule", problem));
        }
    }

    private static void departments(List<String> departments, String at, RosterView roster, List<Fault> errors) {
        if (departments.isEmpty()) {
            errors.add(Fault.at(at, "rubric.validation.department-missing"));
        }
        for (String department : departments) {
            if (roster.department(department).isEmpty()) {
                errors.add(Fault.at(at, "rubric.validation.department-unknown", department));
            }
        }
    }

    private static void points(BigDecimal points, String at, List<Fault> errors) {
        if (points == null) {
            errors.add(Fault.at(at, "rubric.validation.points-missing"));
        } else if (points.signum() <= 0) {
            errors.add(Fault.at(at, "rubric.validation.points-not-positive", points.toPlainString()));
        } else if (points.stripTrailingZeros().scale() > 2) {
            errors.add(Fault.at(at, "rubric.validation.points-decimals", points.toPlainString()));
        }
    }

    /** For every category the node applies to, its applicable children must add up to its points. */
    private static void sums(IndicatorNode node, RubricSnapshot s, String at, List<Mismatch> mismatches) {
        if (node.points() == null) {
            return;
        }
        List<String> categories = s.categories().isEmpty() ? java.util.Collections.singletonList(null) : s.categories();
        Map<BigDecimal, List<String>> wrongSums = new LinkedHashMap<>();
        for (String category : categories) {
            if (category != null && !node.appliesTo(category)) {
                continue;
            }
            BigDecimal sum = node.children().stream()
                    .filter(c -> category == null || c.appliesTo(category))
                    .map(IndicatorNode::points)
                    .filter(p -> p != null)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            if (sum.compareTo(node.points()) != 0) {
                wrongSums.computeIfAbsent(sum.stripTrailingZeros(), k -> new ArrayList<>())
                        .add(category == null ? "*" : category);
            }
        }
        if (wrongSums.isEmpty()) {
            return;
        }
        String sums = wrongSums.entrySet().stream()
                .map(e -> e.getKey().toPlainString() + (s.categories().isEmpty() ? "" : " (" + String.join(", ", e.getValue()) + ")"))
                .collect(Collectors.joining("; "));
        mismatches.add(new Mismatch(node.code(),
                Fault.at(at, "rubric.validation.sum-mismatch", sums, node.points().toPlainString())));
    }

    private static void header(String code, int year, String title, List<Fault> errors) {
        if (code == null || code.isBlank()) {
            errors.add(Fault.at("code", "rubric.validation.system-code-missing"));
        }
        if (title == null || title.isBlank()) {
            errors.add(Fault.at("title", "rubric.validation.system-title-missing"));
        }
        if (year < 1990 || year > 2200) {
            errors.add(Fault.at("year", "rubric.validation.year-invalid", String.valueOf(year)));
        }
    }

    // --- per-unit targets ---

    private static void targets(UnitTargets t, RosterView roster, List<Fault> errors, List<Mismatch> mismatches) {
        header(t.code(), t.year(), t.title(), errors);
        Map<String, TargetSection> sections = new LinkedHashMap<>();
        for (TargetSection section : t.sections()) {
            String at = section.code() + " " + section.title();
            if (section.code() == null || section.code().isBlank()) {
                errors.add(Fault.at(at, "rubric.validation.code-missing"));
            } else if (sections.putIfAbsent(section.code(), section) != null) {
                errors.add(Fault.at(at, "rubric.validation.code-duplicate", section.code()));
            }
            if (section.title() == null || section.title().isBlank()) {
                errors.add(Fault.at(at, "rubric.validation.title-missing"));
            }
            points(section.points(), at, errors);
        }
        if (sections.isEmpty()) {
            errors.add(Fault.at("sections", "rubric.validation.empty"));
        }
        for (CommonTarget common : t.commonItems()) {
            String at = common.title();
            if (!sections.containsKey(common.section())) {
                errors.add(Fault.at(at, "rubric.validation.section-unknown", common.section()));
            }
            rule(common.rule(), common.points(), at, errors);
            departments(common.leadDepartment() == null ? List.of() : List.of(common.leadDepartment()), at, roster, errors);
        }
        boolean ownItems = t.units().stream().flatMap(u -> u.items().stream()).anyMatch(i -> !i.common());
        if (ownItems) {
            if (t.assessingDepartment() == null || t.assessingDepartment().isBlank()) {
                errors.add(Fault.at("assessingDepartment", "rubric.validation.department-missing"));
            } else if (roster.department(t.assessingDepartment()).isEmpty()) {
                errors.add(Fault.at("assessingDepartment", "rubric.validation.department-unknown", t.assessingDepartment()));
            }
        }
        if (t.units().isEmpty()) {
            errors.add(Fault.at("units", "rubric.validation.no-units"));
        }
        Map<String, UnitTargetList> units = new LinkedHashMap<>();
        for (UnitTargetList unit : t.units()) {
            String at = unit.unit() + " " + (unit.unitName() == null ? "" : unit.unitName());
            if (roster.unit(unit.unit()).isEmpty()) {
                errors.add(Fault.at(at.strip(), "rubric.validation.unit-unknown", unit.unit()));
            }
            if (units.putIfAbsent(unit.unit(), unit) != null) {
                errors.add(Fault.at(at.strip(), "rubric.validation.unit-duplicate", unit.unit()));
            }
        }
        for (UnitTargetList unit : t.units()) {
            String at = (unit.unit() + " " + (unit.unitName() == null ? "" : unit.unitName())).strip();
            if (unit.sameAs() != null && !unit.sameAs().isBlank()) {
                UnitTargetList other = units.get(unit.sameAs());
                if (!unit.items().isEmpty() || other == null || other == unit || other.items().isEmpty()) {
                    errors.add(Fault.at(at, "rubric.validation.same-as-invalid", unit.sameAs()));
                }
                continue;
            }
            if (unit.items().isEmpty()) {
                errors.add(Fault.at(at, "rubric.validation.unit-without-items"));
            }
            Map<String, BigDecimal> sums = new LinkedHashMap<>();
            for (int i = 0; i < unit.items().size(); i++) {
                TargetItem item = unit.items().get(i);
                String itemAt = io.kaohe.contracts.rubric.UnitTargets.itemCode(unit.unit(), i + 1) + " " + item.content();
                if (item.content() == null || item.content().isBlank()) {
                    errors.add(Fault.at(itemAt, "rubric.validation.title-missing"));
                }
                if (!sections.containsKey(item.section())) {
                    errors.add(Fault.at(itemAt, "rubric.validation.section-unknown", item.section()));
                } else if (item.points() != null) {
                    sums.merge(item.section(), item.points(), BigDecimal::add);
                }
                rule(item.rule(), item.points(), itemAt, errors);
                if (item.common() && t.commonItems().stream().noneMatch(c -> c.title().equals(item.content())
                        && c.section().equals(item.section()))) {
                    errors.add(Fault.at(itemAt, "rubric.validation.common-unknown", item.content()));
                }
            }
            for (TargetSection section : sections.values()) {
                BigDecimal sum = sums.getOrDefault(section.code(), BigDecimal.ZERO);
                if (section.points() != null && sum.compareTo(section.points()) != 0) {
                    String code = unit.unit() + "/" + section.code();
                    mismatches.add(new Mismatch(code, Fault.at(at + " / " + section.title(),
                            "rubric.validation.sum-mismatch", sum.stripTrailingZeros().toPlainString(),
                            section.points().toPlainString())));
                }
            }
        }
    }
}
