package io.kaohe.rubric.roster;

/** 考核单位 / 牵头单位: a department that scores the items it is named on; inactive once dropped from the roster. */
public record AssessingDepartment(String code, String name, Boolean active) {

    public AssessingDepartment {
        active = active == null || active;
    }

    public AssessingDepartment(String code, String name) {
        this(code, name, true);
    }
}
