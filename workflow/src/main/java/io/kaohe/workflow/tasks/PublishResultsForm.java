package io.kaohe.workflow.tasks;

import io.kaohe.contracts.InputLimits;
import io.kaohe.workflow.process.Bpmn;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * The office publishes the approved results (通报) under this title, with the notice's issuing body,
 * document number, date and text as they are to be printed (scoring prints the notice as .docx, .pdf
 * and .ofd with the results table attached). Only the title is required.
 */
@Schema(name = "PublishResultsForm", description = "通报考核结果 / publishing the results")
public record PublishResultsForm(
        @Schema(example = "关于2015年度市党群部门目标绩效考核结果的通报") @NotBlank @Size(max = InputLimits.TITLE_MAX) String noticeTitle,
        @Schema(description = "发文机关", example = "中共巴中市委目标绩效管理办公室") @Size(max = InputLimits.NAME_MAX) String issuingBody,
        @Schema(description = "文号", example = "巴目绩办〔2016〕3号") @Size(max = 100) String documentNumber,
        @Schema(description = "成文日期; default the day of publication", example = "2016-01-28") LocalDate issuedOn,
        @Schema(description = "正文: the notice's text, paragraphs separated by line breaks")
        @Size(max = InputLimits.DOCUMENT_MAX) String body) implements TaskForm {

    /** A publication with only a title. */
    public PublishResultsForm(String noticeTitle) {
        this(noticeTitle, null, null, null, null);
    }

    @Override
    public Map<String, Object> flow(Completion completion) {
        Map<String, Object> flow = new HashMap<>();
        flow.put(Bpmn.Var.NOTICE_TITLE, noticeTitle.strip());
        flow.put(Bpmn.Var.PUBLISHED_BY, completion.username());
        if (issuingBody != null && !issuingBody.isBlank()) {
            flow.put(Bpmn.Var.NOTICE_ISSUING_BODY, issuingBody.strip());
        }
        if (documentNumber != null && !documentNumber.isBlank()) {
            flow.put(Bpmn.Var.NOTICE_NUMBER, documentNumber.strip());
        }
        if (issuedOn != null) {
            flow.put(Bpmn.Var.NOTICE_ISSUED_ON, issuedOn.toString());
        }
        if (body != null && !body.isBlank()) {
            // As bytes: the engine keeps a text variable in a 4,000-character column, a notice can be longer.
            flow.put(Bpmn.Var.NOTICE_BODY, body.strip().getBytes(StandardCharsets.UTF_8));
        }
        return flow;
    }
}
