package io.kaohe.contracts.rubric;

import java.math.BigDecimal;
import java.util.List;

/**
 * "按《…细则》进行评分，折算计入总分": the item is scored under another scheme out of
 * {@code subMaximum}, then scaled: score = subScore / subMaximum × points.
 *
 * @param scheme     the other scheme's title, e.g. "《2015年度工业和信息化目标考核实施细则》"
 * @param subMaximum the other scheme's full score, e.g. 100
 */
public record Converted(String scheme, BigDecimal subMaximum, String wording) implements ScoringRule {

    /** Measured: the score obtained under the other scheme, in [0, subMaximum]. */
    public static final String SUB_SCORE = "subScore";

    @Override
    public List<MeasureSpec> measures() {
        return List.of(new MeasureSpec(SUB_SCORE, MeasureKind.DECIMAL, "细则得分"));
    }

    @Override
    public List<String> problems(BigDecimal points) {
        Problems problems = Problems.common(points, wording);
        if (scheme == null || scheme.isBlank()) {
            problems.add("折算依据 scheme 缺失 / scheme is missing");
        }
        return problems.positive("subMaximum", "细则满分", subMaximum).list();
    }
}
