package io.kaohe.workflow.tasks;

import io.kaohe.contracts.InputLimits;
import io.kaohe.workflow.process.Bpmn;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The leader approves again the one unit whose appeal was upheld, with its corrected score (the
 * approval task's shape for that unit only: GradesApproved names it alone).
 */
@Schema(name = "ReapprovalForm", description = "重新审定该单位 / the leader approves the unit again")
public record ReapprovalForm(
        @Schema(example = "同意更正后的得分") @Size(max = InputLimits.PARAGRAPH_MAX) String comment) implements TaskForm {

    @Override
    public Map<String, Object> flow(Completion completion) {
        Map<String, Object> flow = new HashMap<>();
        flow.put(Bpmn.Var.APPROVED_UNITS, new ArrayList<>(List.of(String.valueOf(
                completion.taskVariables().get(Bpmn.Var.UNIT_CODE)))));
        flow.put(Bpmn.Var.APPROVED_BY, completion.username());
        return flow;
    }

    @Override
    public Map<String, Object> record(Completion completion) {
        return comment == null || comment.isBlank() ? Map.of() : Map.of("comment", comment.strip());
    }
}
