package io.kaohe.workflow.cycles;

import java.util.List;
import java.util.Map;

/** What opening a cycle would start (dryRun=true): the resolved units, counted by category. */
public record CyclePreview(String cycleId, String rubricVersionId, int unitCount, Map<String, Long> unitsBy,
                           List<OpenCycleRequest.Unit> units) {
}
