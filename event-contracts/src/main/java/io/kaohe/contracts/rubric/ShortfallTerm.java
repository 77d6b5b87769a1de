package io.kaohe.contracts.rubric;

import java.math.BigDecimal;

/**
 * One "每少1{label}扣{deductionPerUnit}分" clause of a {@link Shortfall} rule.
 *
 * @param label            the unit that falls short, e.g. "人" or "大要案比例百分点"; also the
 *                         name of the measured shortfall
 * @param deductionPerUnit points deducted per unit short
 */
public record ShortfallTerm(String label, BigDecimal deductionPerUnit) {
}
