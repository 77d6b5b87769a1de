package io.kaohe.workflow.process;

/** The CloudEvents subjects of workflow's events. */
final class Subjects {

    private Subjects() {
    }

    static String task(String cycleId, String unitCode, String taskType, String period) {
        return "cycles/" + cycleId + (unitCode == null ? "" : "/units/" + unitCode) + "/" + taskType
                + (period == null ? "" : "/" + period);
    }

    static String decision(String cycleId, String unitCode, String decisionId) {
        return "cycles/" + cycleId + "/units/" + unitCode + "/decisions/" + decisionId;
    }

    static String appeal(String cycleId, String unitCode, String appealId) {
        return "cycles/" + cycleId + "/units/" + unitCode + "/appeals/" + appealId;
    }

    static String rectification(String rectificationId) {
        return "rectifications/" + rectificationId;
    }
}
