package io.kaohe.scoring.cycles;

/** An assessment cycle as workflow opened it. */
public record Cycle(String cycleId, int year, String title, String rubricVersionId) {
}
