package io.kaohe.scoring.publication;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The notice as the office is writing it, to preview before publishing: the fields of workflow's
 * PublishResultsForm. The date arrives as text so that a wrong one is reported at its field.
 */
@Schema(name = "NoticeDraft", description = "通报草稿 / the notice before publication")
record NoticeDraft(
        @Schema(example = "关于2015年度市党群部门目标绩效考核结果的通报") String noticeTitle,
        @Schema(description = "发文机关", example = "中共巴中市委目标绩效管理办公室") String issuingBody,
        @Schema(description = "文号", example = "巴目绩办〔2016〕3号") String documentNumber,
        @Schema(description = "成文日期 (ISO); default today", example = "2016-01-28") String issuedOn,
        @Schema(description = "正文, paragraphs separated by line breaks") String body) {

    static final int TITLE_MAX = io.kaohe.contracts.InputLimits.TITLE_MAX;
    static final int ISSUING_BODY_MAX = io.kaohe.contracts.InputLimits.NAME_MAX;
    static final int NUMBER_MAX = 100;
    /** A notice's body is several pages, so longer than a text (InputLimits.TEXT_MAX). */
    static final int BODY_MAX = 20000;
}
