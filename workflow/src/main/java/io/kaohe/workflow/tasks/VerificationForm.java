package io.kaohe.workflow.tasks;

import io.kaohe.contracts.InputLimits;
import io.kaohe.workflow.process.Bpmn;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** The assessing body's verification of a ledger entry: closed (销号) or not yet resolved. */
@Schema(name = "VerificationForm", description = "核查销号 / verification")
public record VerificationForm(
        @Schema(description = "CLOSED (销号) or NOT_RESOLVED") @NotNull Verdict verdict,
        @Schema(example = "经实地核查，制度已建立并执行") @NotBlank @Size(max = InputLimits.TEXT_MAX) String comment) implements TaskForm {

    /** Whether the problem is resolved. */
    public enum Verdict {
        CLOSED, NOT_RESOLVED
    }

    @Override
    public Map<String, Object> flow(Completion completion) {
        return Map.of(Bpmn.Var.VERDICT, verdict.name(), Bpmn.Var.VERIFIED_BY, completion.username(),
                Bpmn.Var.VERIFICATION_NOTE, comment.strip());
    }

    /** The task-local record of the verdict given (not the process's {@code verdict}, which the flow sets). */
    public static final String RECORDED_VERDICT = "verdictGiven";

    @Override
    public Map<String, Object> record(Completion completion) {
        // The verdict kept on the task too: the ledger (整改台账) reads each entry's latest verification from its task.
        return Map.of("verificationComment", comment.strip(), RECORDED_VERDICT, verdict.name());
    }
}
