package io.kaohe.workflow.process;

/** A unit has at most one rectification per cause and cycle, so its id is derived, never random. */
public final class RectificationIds {

    private RectificationIds() {
    }

    public static String inspection(String cycleId, String unitCode) {
        return cycleId + ":" + unitCode + ":inspection";
    }

    public static String grade(String cycleId, String unitCode) {
        return cycleId + ":" + unitCode + ":grade";
    }
}
