package io.kaohe.workflow.tasks;

import io.kaohe.contracts.InputLimits;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/** One ledger entry (整改台账): the problem, the measure, who is responsible and by when. */
@Schema(name = "Measure")
public record Measure(
        @Schema(example = "意识形态领域分析研判制度不健全") @NotBlank @Size(max = InputLimits.PARAGRAPH_MAX) String problem,
        @Schema(example = "制定《意识形态领域分析研判制度》，每半年研判一次") @NotBlank @Size(max = InputLimits.PARAGRAPH_MAX) String measure,
        @Schema(description = "责任领导", example = "党组副书记") @NotBlank @Size(max = InputLimits.NAME_MAX) String responsibleLeader,
        @Schema(description = "责任科室", example = "办公室") @NotBlank @Size(max = InputLimits.NAME_MAX) String responsibleOffice,
        @Schema(description = "整改时限", example = "2016-03-31") @NotNull LocalDate deadline) {
}
