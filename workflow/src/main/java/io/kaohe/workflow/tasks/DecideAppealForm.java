package io.kaohe.workflow.tasks;

import io.kaohe.contracts.InputLimits;
import io.kaohe.workflow.process.Bpmn;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * The office's decision on an appeal (考核办复核): upheld, with the correcting decision that replaces
 * the contested one (a smaller deduction, or its withdrawal), or rejected; the reason is what the
 * unit reads either way.
 */
@Schema(name = "DecideAppealForm", description = "考核办复核决定 / the office's decision on an appeal")
public record DecideAppealForm(
        @Schema(description = "UPHELD or REJECTED") @NotNull Outcome outcome,
        @Schema(example = "经复核，扣分依据不足，撤销该项扣分") @NotBlank @Size(max = InputLimits.PARAGRAPH_MAX) String reason,
        @Schema(description = "UPHELD: the correcting decision") @Valid Correction correction) implements TaskForm {

    /** Whether the appeal stands. */
    public enum Outcome {
        UPHELD, REJECTED
    }

    /** What replaces the contested decision. */
    @Schema(name = "AppealCorrection")
    public record Correction(
            @Schema(description = "the contested decision's id in scoring") @NotBlank
            @Pattern(regexp = "[0-9a-fA-F-]{36}", message = "{workflow.form.appeal-decision-id}") String supersedes,
            @Schema(description = "WITHDRAWAL (the deduction is dropped) or DEDUCTION (a corrected amount)")
            @NotNull Kind kind,
            @Schema(description = "DEDUCTION: the corrected points deducted", example = "0.05")
            @DecimalMin(value = "0.01") @Digits(integer = 4, fraction = 2) BigDecimal amount) {
    }

    /** The kinds of correcting decision an appeal can lead to. */
    public enum Kind {
        WITHDRAWAL, DEDUCTION
    }

    @AssertTrue(message = "{workflow.form.appeal-correction}")
    @Schema(hidden = true)
    public boolean isCorrectionGivenExactlyWhenUpheld() {
        if (outcome != Outcome.UPHELD) {
            return correction == null;
        }
        return correction != null && (correction.kind() != Kind.DEDUCTION) == (correction.amount() == null);
    }

    @Override
    public Map<String, Object> flow(Completion completion) {
        Map<String, Object> flow = new HashMap<>();
        flow.put(Bpmn.Var.APPEAL_OUTCOME, outcome.name());
        flow.put(Bpmn.Var.APPEAL_DECISION, reason.strip());
        flow.put(Bpmn.Var.DECIDED_BY, completion.username());
        if (correction != null) {
            flow.put(Bpmn.Var.SUPERSEDES, correction.supersedes().strip());
            flow.put(Bpmn.Var.CORRECTION_KIND, correction.kind().name());
            flow.put(Bpmn.Var.CORRECTION_AMOUNT, correction.amount() == null ? null : correction.amount().toPlainString());
        }
        return flow;
    }

    @Override
    public Map<String, Object> record(Completion completion) {
        return Map.of("outcome", outcome.name(), "decisionReason", reason.strip());
    }
}
