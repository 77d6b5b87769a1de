package io.kaohe.workflow.tasks;

import io.kaohe.contracts.InputLimits;
import io.kaohe.workflow.process.Bpmn;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The office's record of chasing overdue units (督促): whom it reached and what was agreed. On a chase
 * of several units (UserTask_ChaseLateUnits) it is recorded for every unit listed when it is completed:
 * the task keeps them ({@code chasedUnits}, each with what it missed) beside the note.
 */
@Schema(name = "ChaseForm", description = "督促逾期事项 / chasing overdue units")
public record ChaseForm(
        @Schema(description = "what was done and agreed", example = "已电话督促，单位承诺3日内签发")
        @NotBlank @Size(max = InputLimits.PARAGRAPH_MAX) String note,
        @Schema(description = "whom the office reached", example = "办公室主任") @Size(max = InputLimits.NAME_MAX) String contacted)
        implements TaskForm {

    @Override
    public Map<String, Object> record(Completion completion) {
        Map<String, Object> record = new HashMap<>();
        record.put("chaseNote", note.strip());
        record.put("chaseContacted", contacted == null ? "" : contacted.strip());
        record.put("chasedBy", completion.username());
        ArrayList<HashMap<String, String>> chased = chasedUnits(completion.taskVariables());
        if (!chased.isEmpty()) {
            record.put(Bpmn.Var.CHASED_UNITS, chased);
        }
        return record;
    }

    /** The late units a chase lists (its lateUnit_ variables), in the order of their names. */
    static ArrayList<HashMap<String, String>> chasedUnits(Map<String, Object> variables) {
        TreeMap<String, HashMap<String, String>> listed = new TreeMap<>();
        variables.forEach((name, value) -> {
            if (name.startsWith(Bpmn.Var.LATE_UNIT_) && value instanceof Map<?, ?> entry) {
                HashMap<String, String> copy = new HashMap<>();
                entry.forEach((k, v) -> copy.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
                listed.put(name, copy);
            }
        });
        return new ArrayList<>(listed.values());
    }
}
