package io.kaohe.workflow.process;

/**
 * scoring-service's decisions, as the inspection's findings become deductions there. Recording the
 * same finding key again must not record a second decision (the sending job may run twice).
 */
public interface ScoringDecisions {

    /** Records the finding's proposed deduction as a decision; returns the decision's id. */
    String recordFinding(String cycleId, String unitCode, String findingKey, InspectionFinding finding,
                         String inspectedBy);
}
