package io.kaohe.workflow.tasks;

import io.kaohe.contracts.InputLimits;
import io.kaohe.workflow.process.Bpmn;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** The assessing department's answer to a unit's appeal on an item it scored (考核单位答复). */
@Schema(name = "AnswerAppealForm", description = "考核单位答复申诉 / the department's answer to an appeal")
public record AnswerAppealForm(
        @Schema(example = "第四季度中心组学习未见会议记录，扣0.1分有据") @NotBlank @Size(max = InputLimits.PARAGRAPH_MAX)
        String answer) implements TaskForm {

    @Override
    public Map<String, Object> flow(Completion completion) {
        return Map.of(Bpmn.Var.APPEAL_ANSWER, answer.strip(), Bpmn.Var.ANSWERED_BY, completion.username());
    }

    @Override
    public Map<String, Object> record(Completion completion) {
        return Map.of("answer", answer.strip());
    }
}
