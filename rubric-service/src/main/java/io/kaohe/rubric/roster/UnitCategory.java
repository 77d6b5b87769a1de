package io.kaohe.rubric.roster;

/** A configurable kind of unit (乡镇/街道, 县级部门, 中省属单位, 市直单位 …); rubric nodes apply to categories. */
public record UnitCategory(String code, String name) {
}
