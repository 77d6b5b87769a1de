package io.kaohe.workflow.tasks;

import io.kaohe.contracts.InputLimits;
import io.kaohe.workflow.process.Bpmn;
import io.kaohe.workflow.process.InspectionFinding;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The inspection team's findings for a unit (阶段性考核: 听取汇报、座谈、实地考察、查阅资料). No findings
 * is a valid result; each finding with a proposed deduction becomes a decision in scoring-service,
 * and any finding opens a rectification notice.
 */
@Schema(name = "FindingsForm", description = "督查组检查发现 / inspection findings")
public record FindingsForm(
        @Schema(example = "2015-07-15") @NotNull LocalDate inspectedOn,
        @Schema(description = "how the unit was inspected and the overall impression")
        @NotBlank @Size(max = InputLimits.TEXT_MAX) String summary,
        @NotNull @Size(max = 100) List<@Valid @NotNull Finding> findings) implements TaskForm {

    /** One finding: item, problem, source, proposed deduction (optional), evidence. */
    @Schema(name = "Finding")
    public record Finding(
            @Schema(example = "T.bz-sjw.2") @NotBlank @Pattern(regexp = InputLimits.CODE_OR_BLANK) String itemCode,
            @Schema(example = "中心组集中学习仅5次，未邀请旁听") @NotBlank @Size(max = InputLimits.PARAGRAPH_MAX) String problem,
            @Schema(example = "实地检查") @NotBlank @Size(max = InputLimits.NAME_MAX) String source,
            @Schema(description = "points the team proposes to deduct", example = "0.5")
            @DecimalMin(value = "0.00", inclusive = false) @Digits(integer = 4, fraction = 2) BigDecimal proposedDeduction,
            @Schema(description = "evidence ids or references") @Size(max = 20) List<@NotBlank @Size(max = 500) String> evidence) {
    }

    @Override
    public Map<String, Object> flow(Completion completion) {
        List<InspectionFinding> list = findings.stream().map(f -> new InspectionFinding(f.itemCode().strip(),
                f.problem().strip(), f.source().strip(), f.proposedDeduction(), f.evidence(), inspectedOn.toString()))
                .toList();
        Map<String, Object> flow = new HashMap<>();
        flow.put(Bpmn.Var.FINDINGS, InspectionFinding.toVariables(list));
        flow.put(Bpmn.Var.FINDING_COUNT, list.size());
        flow.put(Bpmn.Var.INSPECTED_BY, completion.username());
        return flow;
    }

    @Override
    public Map<String, Object> record(Completion completion) {
        return Map.of("inspectedOn", inspectedOn.toString(), "inspectionSummary", summary.strip());
    }
}
