package io.kaohe.workflow.process;

import java.util.List;
import java.util.Map;

/** Which assessing departments (考核单位) score which of a unit's items in a rubric version. */
public interface AssessingDepartments {

    /**
     * Department code → the item codes it assesses for the unit, in the rubric's order. Every
     * assessing department of an item counts (the first one leads).
     */
    Map<String, List<String>> itemsByDepartment(String rubricVersionId, String unitCode);
}
