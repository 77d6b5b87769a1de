package io.kaohe.contracts.rubric;

import java.math.BigDecimal;
import java.util.List;

/** "零进京、零上访、零事件，否则不计分": a single incident loses all points. */
public record Veto(String wording) implements ScoringRule {

    /** Measured: how many incidents happened. */
    public static final String INCIDENTS = "incidents";

    @Override
    public List<MeasureSpec> measures() {
        return List.of(new MeasureSpec(INCIDENTS, MeasureKind.COUNT, "发生事件数"));
    }

    @Override
    public List<String> problems(BigDecimal points) {
        return Problems.common(points, wording).list();
    }
}
