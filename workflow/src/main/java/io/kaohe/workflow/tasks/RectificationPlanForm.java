package io.kaohe.workflow.tasks;

import io.kaohe.contracts.InputLimits;
import io.kaohe.workflow.process.Bpmn;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The unit's answer to a rectification notice: a measure for every problem of the notice (整改台账). */
@Schema(name = "RectificationPlanForm", description = "整改通知书的整改措施 / measures for a notice's problems")
public record RectificationPlanForm(
        @NotEmpty @Size(max = 100) List<@Valid @NotNull PlannedMeasure> measures) implements TaskForm {

    /** The measure for one problem of the notice. */
    @Schema(name = "PlannedMeasure")
    public record PlannedMeasure(
            @Schema(description = "the notice's problem id", example = "F1") @NotBlank String problemId,
            @NotBlank @Size(max = InputLimits.PARAGRAPH_MAX) String measure,
            @NotBlank @Size(max = InputLimits.NAME_MAX) String responsibleLeader,
            @NotBlank @Size(max = InputLimits.NAME_MAX) String responsibleOffice,
            @NotNull LocalDate deadline) {
    }

    @Override
    public List<FormFault> faults(Completion completion) {
        Map<String, String> problems = noticeProblems(completion);
        List<FormFault> faults = new ArrayList<>();
        List<String> planned = new ArrayList<>();
        for (int i = 0; i < measures.size(); i++) {
            String id = measures.get(i).problemId();
            if (!problems.containsKey(id)) {
                faults.add(new FormFault("measures[" + i + "].problemId", "workflow.form.plan-unknown-problem", id));
            } else if (planned.contains(id)) {
                faults.add(new FormFault("measures[" + i + "].problemId", "workflow.form.plan-problem-twice", id));
            }
            planned.add(id);
        }
        problems.keySet().stream().filter(id -> !planned.contains(id))
                .forEach(id -> faults.add(new FormFault("measures", "workflow.form.plan-problem-missing", id)));
        return faults;
    }

    @Override
    public Map<String, Object> flow(Completion completion) {
        Map<String, String> problems = noticeProblems(completion);
        List<String> ids = new ArrayList<>();
        List<Measure> ledger = new ArrayList<>();
        for (PlannedMeasure m : measures) {
            ids.add(m.problemId());
            ledger.add(new Measure(problems.get(m.problemId()), m.measure(), m.responsibleLeader(),
                    m.responsibleOffice(), m.deadline()));
        }
        return Ledger.variables(ids, ledger, completion.clock());
    }

    /** The notice's problems by id, with their descriptions. */
    @SuppressWarnings("unchecked")
    static Map<String, String> noticeProblems(Completion completion) {
        Map<String, String> problems = new LinkedHashMap<>();
        Object value = completion.taskVariables().get(Bpmn.Var.NOTICE_PROBLEMS);
        if (value instanceof Collection<?> list) {
            for (Object p : list) {
                Map<String, String> problem = (Map<String, String>) p;
                problems.put(problem.get("problemId"), problem.get("description"));
            }
        }
        return problems;
    }

}
