package io.kaohe.contracts.rubric;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Collects every parameter problem of a rule at once, so an editor can fix them in one go. */
final class Problems {

    private final List<String> found = new ArrayList<>();

    private Problems() {
    }

    /** Checks every rule shares: the item's points and the kept wording. */
    static Problems common(BigDecimal points, String wording) {
        Problems problems = new Problems();
        if (points == null) {
            problems.add("分值 points 缺失 / points is missing");
        } else if (points.signum() <= 0) {
            problems.add("分值 points 必须大于0 / points must be > 0, was " + points.toPlainString());
        } else if (points.stripTrailingZeros().scale() > 2) {
            problems.add("分值 points 最多两位小数 / points must have at most 2 decimal places, was "
                    + points.toPlainString());
        }
        if (wording == null || wording.isBlank()) {
            problems.add("评分标准原文 wording 缺失 / wording (the original 评分标准 text) is missing");
        }
        return problems;
    }

    /** Requires {@code value} to be present and strictly positive. */
    Problems positive(String parameter, String chineseName, BigDecimal value) {
        if (value == null) {
            add(chineseName + " " + parameter + " 缺失 / " + parameter + " is missing");
        } else if (value.signum() <= 0) {
            add(chineseName + " " + parameter + " 必须大于0 / " + parameter + " must be > 0, was "
                    + value.toPlainString());
        }
        return this;
    }

    Problems add(String problem) {
        found.add(problem);
        return this;
    }

    List<String> list() {
        return List.copyOf(found);
    }
}
