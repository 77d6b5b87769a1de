package io.kaohe.rubric.roster;

/** 考核单位 / 牵头单位: a department that scores the items it is named on. */
public record AssessingDepartment(String code, String name) {
}
