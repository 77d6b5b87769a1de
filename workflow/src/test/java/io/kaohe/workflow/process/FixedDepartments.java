package io.kaohe.workflow.process;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rubric's unit items, as fixed data: every unit's items are assessed by 市扶贫移民局 and 市委组织部. */
final class FixedDepartments implements AssessingDepartments {

    static final String FPYMJ = "sfpymj";
    static final String SWZZB = "swzzb";

    @Override
    public Map<String, List<String>> itemsByDepartment(String rubricVersionId, String unitCode) {
        Map<String, List<String>> items = new LinkedHashMap<>();
        items.put(FPYMJ, List.of("T." + unitCode + ".1", "T." + unitCode + ".2"));
        items.put(SWZZB, List.of("T." + unitCode + ".3"));
        return items;
    }
}
