package io.kaohe.workflow.process;

/**
 * Candidate groups encode a role and its scope ({@code unit-reporter:bz-sjw}, {@code dept-reviewer:sfpymj},
 * {@code inspector:bz-zjfy}); the office and leaders act for the whole cycle. The inbox maps a
 * caller's token to these groups, so a unit only ever sees its own unit's tasks.
 */
public final class TaskGroups {

    public static final String OFFICE = "office-admin";
    public static final String LEADER = "leader";

    private TaskGroups() {
    }

    public static String unitReporter(String unitCode) {
        return "unit-reporter:" + unitCode;
    }

    public static String unitHead(String unitCode) {
        return "unit-head:" + unitCode;
    }

    public static String departmentReviewer(String department) {
        return "dept-reviewer:" + department;
    }

    public static String inspector(String unitCode) {
        return "inspector:" + unitCode;
    }
}
