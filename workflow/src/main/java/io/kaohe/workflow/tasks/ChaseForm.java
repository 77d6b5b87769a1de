package io.kaohe.workflow.tasks;

import io.kaohe.contracts.InputLimits;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** The office's record of chasing an overdue unit (督促): whom it reached and what was agreed. */
@Schema(name = "ChaseForm", description = "督促逾期事项 / chasing an overdue item")
public record ChaseForm(
        @Schema(description = "what was done and agreed", example = "已电话督促，单位承诺3日内签发")
        @NotBlank @Size(max = InputLimits.PARAGRAPH_MAX) String note,
        @Schema(description = "whom the office reached", example = "办公室主任") @Size(max = InputLimits.NAME_MAX) String contacted)
        implements TaskForm {

    @Override
    public Map<String, Object> record(Completion completion) {
        return Map.of("chaseNote", note.strip(), "chaseContacted", contacted == null ? "" : contacted.strip(),
                "chasedBy", completion.username());
    }
}
