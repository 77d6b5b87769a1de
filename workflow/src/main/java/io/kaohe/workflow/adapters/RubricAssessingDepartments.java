package io.kaohe.workflow.adapters;

import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.contracts.rubric.UnitItems;
import io.kaohe.support.clients.RubricApi;
import io.kaohe.workflow.process.AssessingDepartments;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The departments of a unit's items, from rubric-service's unit-items API (service token). */
@Component
class RubricAssessingDepartments implements AssessingDepartments {

    private final RubricApi rubric;

    RubricAssessingDepartments(RubricApi rubric) {
        this.rubric = rubric;
    }

    @Override
    public Map<String, List<String>> itemsByDepartment(String rubricVersionId, String unitCode) {
        UnitItems items = rubric.unitItems(rubricVersionId, unitCode);
        Map<String, List<String>> byDepartment = new LinkedHashMap<>();
        for (UnitItem item : items.items()) {
            for (String department : item.assessingDepartments()) {
                byDepartment.computeIfAbsent(department, d -> new ArrayList<>()).add(item.itemCode());
            }
        }
        return byDepartment;
    }
}
