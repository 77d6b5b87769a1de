package io.kaohe.rubric.roster;

/**
 * 被考核单位: an assessed unit, its category and the body it belongs to (if any). An inactive unit
 * was dropped from the roster (a re-import without it) but is kept for the cycles that named it.
 */
public record Unit(String code, String name, String category, String parent, Boolean active) {

    public Unit {
        active = active == null || active;
    }

    public Unit(String code, String name, String category, String parent) {
        this(code, name, category, parent, true);
    }
}
