package io.kaohe.scoring.cycles;

/** A unit assessed in a cycle; {@code frozen} once its final scores are approved (until reopened). */
public record CycleUnit(String unitCode, String unitName, String category, int position, boolean frozen) {
}
