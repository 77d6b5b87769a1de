package io.kaohe.rubric.versions;

import io.kaohe.contracts.rubric.CommonTarget;
import io.kaohe.contracts.rubric.IndicatorNode;
import io.kaohe.contracts.rubric.RubricSnapshot;
import io.kaohe.contracts.rubric.TargetItem;
import io.kaohe.contracts.rubric.TargetSection;
import io.kaohe.contracts.rubric.UnitTargetList;
import io.kaohe.contracts.rubric.UnitTargets;
import io.kaohe.support.problems.Fault;
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
        categoryPoints(node, s, roster, at, errors);
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
        // the rule must fit every category's points too (e.g. a deduction larger than 0.5 does not)
        for (BigDecimal other : new java.util.LinkedHashSet<>(node.pointsByCategory().values())) {
            if (node.rule() != null && (node.points() == null || other.compareTo(node.points()) != 0)) {
                for (String problem : node.rule().problems(other)) {
                    errors.add(Fault.at(at, "rubric.validation.rule", problem));
                }
            }
        }
        departments(departments, at, roster, errors);
    }

    /** Per-category points: for a known category the node applies to, and each a valid number of points. */
    private static void categoryPoints(IndicatorNode node, RubricSnapshot s, RosterView roster, String at,
                                       List<Fault> errors) {
        for (Map.Entry<String, BigDecimal> e : node.pointsByCategory().entrySet()) {
            String category = e.getKey();
            String where = at + " [" + category + "]";
            if (roster.category(category).isEmpty()) {
                errors.add(Fault.at(where, "rubric.validation.category-unknown", category));
            } else if (!s.categories().isEmpty() && !s.categories().contains(category)) {
                errors.add(Fault.at(where, "rubric.validation.category-not-in-system", category));
            } else if (!node.appliesTo(category)) {
                errors.add(Fault.at(where, "rubric.validation.points-category-not-applicable", category));
            }
            if (e.getValue() == null) {
                errors.add(Fault.at(where, "rubric.validation.points-missing"));
            } else if (e.getValue().signum() <= 0) {
                errors.add(Fault.at(where, "rubric.validation.points-not-positive", e.getValue().toPlainString()));
            } else if (e.getValue().stripTrailingZeros().scale() > 2) {
                errors.add(Fault.at(where, "rubric.validation.points-decimals", e.getValue().toPlainString()));
            }
        }
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

    /**
     * For every category the node applies to, its applicable children's points for that category
     * must add up to the node's points for that category (a node may be worth 0.5 for townships
     * and 1 for departments; each category's sum is checked on its own).
     */
    private static void sums(IndicatorNode node, RubricSnapshot s, String at, List<Mismatch> mismatches) {
        if (node.points() == null) {
            return;
        }
        List<String> categories = new ArrayList<>();
        if (s.categories().isEmpty()) {
            // no categories named: the plain points, and every category some node here gives its own points
            categories.add(null);
            java.util.Set<String> named = new java.util.TreeSet<>(node.pointsByCategory().keySet());
            node.children().forEach(c -> named.addAll(c.pointsByCategory().keySet()));
            categories.addAll(named);
        } else {
            categories.addAll(s.categories());
        }
        Map<String, List<String>> wrongSums = new LinkedHashMap<>();
        for (String category : categories) {
            if (category != null && !node.appliesTo(category)) {
                continue;
            }
            BigDecimal expected = node.pointsFor(category);
            BigDecimal sum = node.children().stream()
                    .filter(c -> category == null || c.appliesTo(category))
                    .map(c -> c.pointsFor(category))
                    .filter(p -> p != null)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            if (expected != null && sum.compareTo(expected) != 0) {
                String key = sum.stripTrailingZeros().toPlainString() + "\u0000" + expected.stripTrailingZeros().toPlainString();
                wrongSums.computeIfAbsent(key, k -> new ArrayList<>()).add(category == null ? "*" : category);
            }
        }
        if (wrongSums.isEmpty()) {
            return;
        }
        boolean perCategory = !node.pointsByCategory().isEmpty();
        String sums = wrongSums.entrySet().stream()
                .map(e -> {
                    String[] sumAndExpected = e.getKey().split("\u0000");
                    String categoriesText = String.join(", ", e.getValue());
                    boolean named = !s.categories().isEmpty() || !e.getValue().equals(List.of("*"));
                    return sumAndExpected[0]
                            + (perCategory ? " ≠ " + sumAndExpected[1] : "")
                            + (named ? " (" + categoriesText + ")" : "");
                })
                .collect(Collectors.joining("; "));
        mismatches.add(new Mismatch(node.code(),
                Fault.at(at, "rubric.validation.sum-mismatch", sums, pointsText(node))));
    }

    /** "1" or, with per-category points, "1（township: 0.5）". */
    private static String pointsText(IndicatorNode node) {
        String plain = node.points().stripTrailingZeros().toPlainString();
        if (node.pointsByCategory().isEmpty()) {
            return node.points().toPlainString();
        }
        return plain + "（" + node.pointsByCategory().entrySet().stream()
                .map(e -> e.getKey() + ": " + (e.getValue() == null ? "?" : e.getValue().stripTrailingZeros().toPlainString()))
                .collect(Collectors.joining(", ")) + "）";
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
