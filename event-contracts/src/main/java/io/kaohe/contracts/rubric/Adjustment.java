package io.kaohe.contracts.rubric;

import java.math.BigDecimal;

/**
 * One named bonus (加分) or penalty (扣分) under a {@link BasePlusAdjustments} rule.
 *
 * @param item   what the adjustment is for, e.g. "被《督查通报》表扬"; also its identity: the
 *               same item is counted once ("单项不重复计分")
 * @param amount points added or deducted, never negative: whether it adds or deducts depends on
 *               the list it is in
 */
public record Adjustment(String item, BigDecimal amount) {
}
