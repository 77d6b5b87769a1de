package io.kaohe.rubric.roster;

/** 被考核单位: an assessed unit, its category and the body it belongs to (if any). */
public record Unit(String code, String name, String category, String parent) {
}
