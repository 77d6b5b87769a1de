package io.kaohe.contracts.rubric;

import java.math.BigDecimal;

/**
 * An item every unit has, scored by one lead department: "干部驻村帮扶工作 5分，市扶贫移民局牵头".
 *
 * @param section        the {@link TargetSection#code()} it counts towards
 * @param leadDepartment the assessing department's code
 */
public record CommonTarget(String title, BigDecimal points, String section, String leadDepartment, String deadline,
                           ScoringRule rule) {
}
