package io.kaohe.workflow.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * Before the review: which departments own items of this unit (from rubric-service's unit items),
 * one review per department, and which items each must accept before its review is done.
 */
class LoadAssessingDepartments implements JavaDelegate {

    private final AssessingDepartments departments;

    LoadAssessingDepartments(AssessingDepartments departments) {
        this.departments = departments;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Map<String, List<String>> items = departments.itemsByDepartment(
                Variables.required(execution, Bpmn.Var.RUBRIC_VERSION_ID), Variables.required(execution, Bpmn.Var.UNIT_CODE));
        execution.setVariable(Bpmn.Var.REVIEW_DEPARTMENTS, new ArrayList<>(items.keySet()));
        items.forEach((department, codes) ->
                execution.setVariable(Bpmn.Var.DEPARTMENT_ITEMS_ + department, String.join(",", codes)));
    }
}
