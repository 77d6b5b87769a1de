package io.kaohe.rubric.importing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kaohe.contracts.rubric.ScoringRule;
import java.io.IOException;

/**
 * The 计分方法 cell of an exported workbook: the typed rule as JSON, its wording kept in the
 * 评分标准 cell beside it (so that an office editing the wording edits the rule's wording). Both
 * workbooks, systems and targets, read and write it here.
 */
final class RuleCells {

    /** A rule cell that is not a rule; the message is the parser's first line. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    private RuleCells() {
    }

    /** The rule the cell holds with {@code wording} as its wording; the cell must not be blank. */
    static ScoringRule read(String cell, String wording, ObjectMapper json) throws Unreadable {
        try {
            JsonNode tree = json.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(cell);
            if (!(tree instanceof ObjectNode object)) {
                throw new IllegalArgumentException("not a JSON object");
            }
            object.put("wording", wording);
            return json.treeToValue(object, ScoringRule.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new Unreadable(e.getMessage() == null ? "" : e.getMessage().split("\\R", 2)[0]);
        }
    }

    /** The cell for a rule: its JSON without the wording (that is the 评分标准 cell); blank for none. */
    static String write(ScoringRule rule, ObjectMapper json) {
        if (rule == null) {
            return "";
        }
        try {
            ObjectNode tree = (ObjectNode) json.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .readTree(json.writeValueAsString(rule));
            tree.remove("wording");
            return tree.toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
