package io.kaohe.workflow.cycles;

import io.kaohe.workflow.process.Bpmn;
import java.util.Collection;
import java.util.Map;

/**
 * Where a cycle stands, in the offices' words (the portal names each): the units' year, the office
 * proposing grades, the leaders approving, a returned unit assessed again, the results waiting to be
 * published (通报), published. A person never sees an activity id of the model.
 */
public enum CycleStage {
    /** 进行中: the units' self-assessments, reviews and inspection. */
    ASSESSING,
    /** 拟定等次: the office proposes (or proposes again) the grades. */
    PROPOSING,
    /** 退回重评: a unit the leaders returned goes through the named step again. */
    REWORKING,
    /** 待审定: the leaders approve scores and grades, category by category. */
    APPROVING,
    /** 公示中: approved; the results are shown to the units for the publicity period, appeals are heard. */
    PUBLICITY,
    /** 待通报: approved and the publicity period over with every appeal closed; the office publishes the results. */
    PUBLISHING,
    /** 已通报: the results are published and the cycle's process has ended. */
    PUBLISHED;

    private static final Map<String, CycleStage> BY_ACTIVITY = Map.ofEntries(
            Map.entry(Bpmn.Element.CALL_UNIT_ASSESSMENT, ASSESSING),
            Map.entry(Bpmn.Task.PROPOSE_GRADES, PROPOSING),
            Map.entry(Bpmn.Task.REPROPOSE_GRADES, PROPOSING),
            Map.entry(Bpmn.Element.CALL_REWORK_UNIT, REWORKING),
            Map.entry(Bpmn.Element.CATEGORY_APPROVAL, APPROVING),
            Map.entry(Bpmn.Task.APPROVE_GRADES, APPROVING),
            Map.entry(Bpmn.Element.PUBLISH_GRADES_APPROVED, APPROVING),
            Map.entry(Bpmn.Element.PUBLICITY, PUBLICITY),
            Map.entry(Bpmn.Element.START_PUBLICITY, PUBLICITY),
            Map.entry(Bpmn.Element.PUBLICITY_ENDS, PUBLICITY),
            Map.entry(Bpmn.Element.APPEAL, PUBLICITY),
            Map.entry(Bpmn.Task.ANSWER_APPEAL, PUBLICITY),
            Map.entry(Bpmn.Task.DECIDE_APPEAL, PUBLICITY),
            Map.entry(Bpmn.Element.RECORD_APPEAL_CORRECTION, PUBLICITY),
            Map.entry(Bpmn.Element.APPEAL_RESCORED, PUBLICITY),
            Map.entry(Bpmn.Task.REAPPROVE_UNIT, PUBLICITY),
            Map.entry(Bpmn.Element.PUBLISH_REAPPROVAL, PUBLICITY),
            Map.entry(Bpmn.Element.CLOSE_APPEAL, PUBLICITY),
            Map.entry(Bpmn.Task.PUBLISH_RESULTS, PUBLISHING),
            Map.entry(Bpmn.Element.PUBLISH_CYCLE_PUBLISHED, PUBLISHING));

    /**
     * The stage of a running cycle from the activities its process waits in: the least advanced
     * one, since categories are approved (and units reworked) side by side; null when none is known.
     */
    static CycleStage of(Collection<String> activeActivityIds) {
        // A multi-instance activity also answers as "<id>#multiInstanceBody".
        return activeActivityIds.stream().map(id -> BY_ACTIVITY.get(id.split("#", 2)[0])).filter(s -> s != null)
                .min(Enum::compareTo).orElse(null);
    }
}
