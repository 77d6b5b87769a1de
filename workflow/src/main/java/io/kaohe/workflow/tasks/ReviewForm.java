package io.kaohe.workflow.tasks;

import io.kaohe.contracts.InputLimits;
import io.kaohe.workflow.process.Bpmn;
import io.kaohe.workflow.process.ReviewOutcome;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.HashMap;
import java.util.Map;

/**
 * A department's review of a period's self-assessment. Usually the review task follows the item
 * decisions made in evidence-service (SubmissionAccepted / SubmissionReturned); completing it here
 * records a review decided outside the items (e.g. a missing summary).
 */
@Schema(name = "ReviewForm", description = "审核自评 / review of a self-assessment")
public record ReviewForm(
        @Schema(description = "ACCEPTED or RETURNED (退回补充)") @NotNull ReviewOutcome outcome,
        @Schema(description = "what is missing; required when RETURNED") @Size(max = InputLimits.PARAGRAPH_MAX) String comment) implements TaskForm {

    @AssertTrue(message = "{workflow.form.return-needs-comment}")
    @Schema(hidden = true)
    public boolean isCommentGivenWhenReturned() {
        return outcome != ReviewOutcome.RETURNED || (comment != null && !comment.isBlank());
    }

    @Override
    public Map<String, Object> flow(Completion completion) {
        Map<String, Object> flow = new HashMap<>();
        flow.put(Bpmn.Var.REVIEW_OUTCOME, outcome.name());
        flow.put(Bpmn.Var.REVIEW_COMMENT, comment == null ? "" : comment.strip());
        flow.put(Bpmn.Var.REVIEWED_BY, completion.username());
        return flow;
    }
}
