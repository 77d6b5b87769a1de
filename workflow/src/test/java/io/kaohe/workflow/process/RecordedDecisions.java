package io.kaohe.workflow.process;

import java.util.LinkedHashMap;
import java.util.Map;

/** scoring-service's decisions as the process tests see them: one per finding key, however often recorded. */
final class RecordedDecisions implements ScoringDecisions {

    final Map<String, InspectionFinding> recorded = new LinkedHashMap<>();
    int calls;

    @Override
    public synchronized String recordFinding(String cycleId, String unitCode, String findingKey, InspectionFinding finding,
                                             String inspectedBy) {
        calls++;
        recorded.putIfAbsent(findingKey, finding);
        return "decision-" + findingKey;
    }
}
