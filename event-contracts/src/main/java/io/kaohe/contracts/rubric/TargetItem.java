package io.kaohe.contracts.rubric;

import java.math.BigDecimal;

/**
 * One row of a unit's target sheet: 序号, 考核内容及目标任务, 分值, 完成时限, 评分标准 (typed, wording
 * kept), 责任领导, 责任科室, 具体责任人及电话. {@code common} marks the unit's copy of a
 * {@link CommonTarget}: it is scored by the common item's lead department.
 *
 * @param seq     the 序号 as printed (not unique in every unit)
 * @param section the {@link TargetSection#code()} it counts towards
 */
public record TargetItem(
        int seq,
        String section,
        String content,
        BigDecimal points,
        String deadline,
        ScoringRule rule,
        String responsibleLeader,
        String responsibleOffice,
        String contact,
        String phone,
        boolean common) {
}
