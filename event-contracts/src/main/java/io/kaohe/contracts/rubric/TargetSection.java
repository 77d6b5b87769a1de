package io.kaohe.contracts.rubric;

import java.math.BigDecimal;

/** A shared section of per-unit targets, e.g. {@code duty} 职能职责 25分; a unit's items in it add up to its points. */
public record TargetSection(String code, String title, BigDecimal points) {
}
