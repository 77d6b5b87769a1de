package io.kaohe.workflow.tasks;

import io.kaohe.workflow.process.Bpmn;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** The office publishes the approved results (通报) under this title. */
@Schema(name = "PublishResultsForm", description = "通报考核结果 / publishing the results")
public record PublishResultsForm(
        @Schema(example = "关于2015年度市党群部门目标绩效考核结果的通报") @NotBlank @Size(max = 500) String noticeTitle)
        implements TaskForm {

    @Override
    public Map<String, Object> flow(Completion completion) {
        return Map.of(Bpmn.Var.NOTICE_TITLE, noticeTitle.strip(), Bpmn.Var.PUBLISHED_BY, completion.username());
    }
}
