package io.kaohe.contracts.rubric;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Shortfall per unit, one or more clauses: "每少1人扣0.1分，大要案比例每下降1个百分点扣0.01分（扣完为止）".
 * Score = max(0, points − Σ shortfall_i × deductionPerUnit_i). Each term's shortfall is measured
 * under the term's label, as a non-negative decimal (the assessor enters how far short the unit
 * is, not the target and the result).
 */
public record Shortfall(List<ShortfallTerm> terms, String wording) implements ScoringRule {

    public Shortfall {
        // Not List.copyOf: a null term must reach problems(), not fail here.
        terms = terms == null ? null : Collections.unmodifiableList(new ArrayList<>(terms));
    }

    @Override
    public List<MeasureSpec> measures() {
        if (terms == null) {
            return List.of();
        }
        List<MeasureSpec> measures = new ArrayList<>();
        for (ShortfallTerm term : terms) {
            if (term != null) {
                measures.add(new MeasureSpec(term.label(), MeasureKind.DECIMAL, "短少数（" + term.label() + "）"));
            }
        }
        return List.copyOf(measures);
    }

    @Override
    public List<String> problems(BigDecimal points) {
        Problems problems = Problems.common(points, wording);
        if (terms == null || terms.isEmpty()) {
            return problems.add("扣分条款 terms 不能为空 / terms must not be empty").list();
        }
        Set<String> labels = new HashSet<>();
        for (int i = 0; i < terms.size(); i++) {
            String parameter = "terms[" + i + "]";
            ShortfallTerm term = terms.get(i);
            if (term == null) {
                problems.add("扣分条款 " + parameter + " 缺失 / " + parameter + " is missing");
                continue;
            }
            if (term.label() == null || term.label().isBlank()) {
                problems.add("扣分条款名称 " + parameter + ".label 缺失 / " + parameter + ".label is missing");
            } else if (!labels.add(term.label())) {
                // The label names the measured value, so two terms cannot share it.
                problems.add("扣分条款名称 " + parameter + ".label 重复「" + term.label() + "」 / "
                        + parameter + ".label is a duplicate: " + term.label());
            }
            problems.positive(parameter + ".deductionPerUnit", "每单位扣分", term.deductionPerUnit());
        }
        return problems.list();
    }
}
