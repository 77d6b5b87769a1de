package io.kaohe.rubric.versions;

import io.kaohe.contracts.rubric.IndicatorNode;
import io.kaohe.support.problems.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Edits of an indicator tree; records are immutable, so an edit rebuilds the path to the node. */
final class TreeEdits {

    private TreeEdits() {
    }

    static Optional<IndicatorNode> find(List<IndicatorNode> nodes, String code) {
        for (IndicatorNode node : nodes) {
            if (code.equals(node.code())) {
                return Optional.of(node);
            }
            Optional<IndicatorNode> below = find(node.children(), code);
            if (below.isPresent()) {
                return below;
            }
        }
        return Optional.empty();
    }

    static List<IndicatorNode> replace(List<IndicatorNode> roots, String code, UnaryOperator<IndicatorNode> change) {
        List<IndicatorNode> result = map(roots, code, change);
        if (result == null) {
            throw ProblemException.notFound("rubric.node.not-found", code);
        }
        return result;
    }

    static List<IndicatorNode> remove(List<IndicatorNode> roots, String code) {
        List<IndicatorNode> result = removeFrom(roots, code);
        if (result == null) {
            throw ProblemException.notFound("rubric.node.not-found", code);
        }
        return result;
    }

    static List<IndicatorNode> addChild(List<IndicatorNode> roots, String parentCode, IndicatorNode child) {
        if (child.code() == null || child.code().isBlank()) {
            throw ProblemException.badRequest("rubric.node.code-missing");
        }
        if (find(roots, child.code()).isPresent()) {
            throw ProblemException.conflict("rubric.node.code-taken", child.code());
        }
        if (parentCode == null) {
            List<IndicatorNode> result = new ArrayList<>(roots);
            result.add(child);
            return result;
        }
        return replace(roots, parentCode, parent -> {
            List<IndicatorNode> children = new ArrayList<>(parent.children());
            children.add(child);
            return withChildren(parent, children);
        });
    }

    static IndicatorNode withChildren(IndicatorNode n, List<IndicatorNode> children) {
        return new IndicatorNode(n.code(), n.title(), n.points(), n.appliesTo(), n.description(),
                n.assessingDepartments(), n.rule(), n.deadline(), n.acceptedEvidence(), n.note(), children,
                n.pointsByCategory());
    }

    /** The list with the node changed, or null if the node is not in it. */
    private static List<IndicatorNode> map(List<IndicatorNode> nodes, String code, UnaryOperator<IndicatorNode> change) {
        for (int i = 0; i < nodes.size(); i++) {
            IndicatorNode node = nodes.get(i);
            IndicatorNode changed = null;
            if (code.equals(node.code())) {
                changed = change.apply(node);
            } else {
                List<IndicatorNode> children = map(node.children(), code, change);
                if (children != null) {
                    changed = withChildren(node, children);
                }
            }
            if (changed != null) {
                List<IndicatorNode> result = new ArrayList<>(nodes);
                result.set(i, changed);
                return result;
            }
        }
        return null;
    }

    private static List<IndicatorNode> removeFrom(List<IndicatorNode> nodes, String code) {
        for (int i = 0; i < nodes.size(); i++) {
            IndicatorNode node = nodes.get(i);
            if (code.equals(node.code())) {
                List<IndicatorNode> result = new ArrayList<>(nodes);
                result.remove(i);
                return result;
            }
            List<IndicatorNode> children = removeFrom(node.children(), code);
            if (children != null) {
                List<IndicatorNode> result = new ArrayList<>(nodes);
                result.set(i, withChildren(node, children));
                return result;
            }
        }
        return null;
    }
}
