package io.kaohe.workflow.tasks;

import io.kaohe.contracts.InputLimits;
import io.kaohe.workflow.process.Bpmn;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/** The unit reports progress on one ledger entry; the assessing body then verifies it. */
@Schema(name = "ProgressForm", description = "整改进展 / progress on a ledger entry")
public record ProgressForm(
        @Schema(example = "已制定《意识形态领域分析研判制度》并印发") @NotBlank @Size(max = InputLimits.TEXT_MAX) String progress,
        @Schema(description = "the unit considers the measure done") boolean completed,
        @Schema(description = "evidence ids or references") @Size(max = 20) List<@NotBlank @Size(max = 500) String> evidence)
        implements TaskForm {

    /** The task-local record of the progress reported (the process's {@code progress} is the flow's). */
    public static final String RECORDED_PROGRESS = "progressReported";

    @Override
    public Map<String, Object> flow(Completion completion) {
        return Map.of(Bpmn.Var.PROGRESS, (completed ? "[已完成] " : "") + progress.strip());
    }

    @Override
    public Map<String, Object> record(Completion completion) {
        // The progress as reported kept on the task too: the ledger (整改台账) reads each entry's latest report from it.
        return Map.of("progressCompleted", completed, "progressEvidence", evidence == null ? "" : String.join("\n", evidence),
                "progressBy", completion.username(), RECORDED_PROGRESS, flow(completion).get(Bpmn.Var.PROGRESS));
    }
}
