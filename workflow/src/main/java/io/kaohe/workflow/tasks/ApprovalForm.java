package io.kaohe.workflow.tasks;

import io.kaohe.contracts.InputLimits;
import io.kaohe.workflow.process.Bpmn;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A leader's decision on one unit category's proposed grades: the units approved (in bulk) and
 * the units returned, each with the reason and the earlier step it goes back to. Every unit of the
 * category still awaiting approval must be in exactly one of the two lists.
 */
@Schema(name = "ApprovalForm", description = "审定得分与等次 / approval of a category's scores and grades")
public record ApprovalForm(
        @Schema(description = "units approved as proposed") @NotNull @Size(max = 5000) List<@NotBlank String> approve,
        @Schema(description = "units sent back") @Size(max = 5000) List<@Valid @NotNull Return> returns) implements TaskForm {

    /** A unit sent back to an earlier step, and why. */
    @Schema(name = "ApprovalReturn")
    public record Return(
            @Schema(example = "bz-zjfy") @NotBlank String unitCode,
            @Schema(example = "第三季度佐证材料与审核分不符，请重新终审") @NotBlank @Size(max = InputLimits.PARAGRAPH_MAX) String reason,
            @Schema(description = "YEAR_SELF_ASSESSMENT, YEAR_END_REVIEW or SCORING") @NotNull ReturnStep returnTo) {
    }

    /** The named earlier steps a unit can be sent back to. */
    public enum ReturnStep {
        YEAR_SELF_ASSESSMENT, YEAR_END_REVIEW, SCORING
    }

    public List<Return> returnsOrEmpty() {
        return returns == null ? List.of() : returns;
    }

    @AssertTrue(message = "{workflow.form.approval-empty}")
    @Schema(hidden = true)
    public boolean isAnythingDecided() {
        return (approve != null && !approve.isEmpty()) || !returnsOrEmpty().isEmpty();
    }

    @AssertTrue(message = "{workflow.form.approval-twice}")
    @Schema(hidden = true)
    public boolean isEachUnitDecidedOnce() {
        Set<String> seen = new HashSet<>();
        for (String unit : approve == null ? List.<String>of() : approve) {
            if (!seen.add(unit)) {
                return false;
            }
        }
        for (Return r : returnsOrEmpty()) {
            if (r != null && !seen.add(r.unitCode())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Map<String, Object> flow(Completion completion) {
        Map<String, Object> flow = new HashMap<>();
        flow.put(Bpmn.Var.APPROVED_UNITS, new ArrayList<>(approve));
        ArrayList<String> returned = new ArrayList<>();
        for (Return r : returnsOrEmpty()) {
            returned.add(r.unitCode());
            flow.put(Bpmn.Var.RETURN_TO_ + r.unitCode(), r.returnTo().name());
            flow.put(Bpmn.Var.RETURN_REASON_ + r.unitCode(), r.reason().strip());
        }
        flow.put(Bpmn.Var.RETURNED_UNITS, returned);
        flow.put(Bpmn.Var.APPROVED_BY, completion.username());
        return flow;
    }
}
