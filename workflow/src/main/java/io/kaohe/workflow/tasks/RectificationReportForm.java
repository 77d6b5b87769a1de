package io.kaohe.workflow.tasks;

import io.kaohe.contracts.InputLimits;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The unit's written report (a band with TALK_AND_REPORT: measures and time limits after the talk;
 * WRITTEN_EXPLANATION: an explanation in the name of its Party organization with measures). Each measure becomes a ledger entry P1, P2, …
 */
@Schema(name = "RectificationReportForm", description = "整改报告或书面说明 / written report or explanation")
public record RectificationReportForm(
        @Schema(description = "the report's or explanation's text") @NotBlank @Size(max = InputLimits.DOCUMENT_MAX) String summary,
        @NotEmpty @Size(max = 100) List<@Valid @NotNull Measure> measures) implements TaskForm {

    @Override
    public Map<String, Object> flow(Completion completion) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < measures.size(); i++) {
            ids.add("P" + (i + 1));
        }
        return Ledger.variables(ids, measures, completion.clock());
    }

    @Override
    public Map<String, Object> record(Completion completion) {
        return Map.of("reportSummary", summary.strip(), "reportedBy", completion.username());
    }
}
