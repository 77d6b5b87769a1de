package io.kaohe.scoring.surveys;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.List;

/** The office's new survey. */
@Schema(description = "民主测评 / a satisfaction survey scoring one item")
public record SurveyRequest(
        @Schema(description = "the item it scores: its rule converts a 0–100 result (折算 out of 100, or a rate)",
                example = "sat.1") String itemCode,
        @Schema(example = "2015年度群众满意度测评") String title,
        @Schema(description = "SATISFACTION (满意/基本满意/不满意) or SCORE (1–100)", example = "SATISFACTION") String scale,
        @Schema(description = "SATISFACTION: what each answer counts for in the 满意率; default 1 / 0.6 / 0")
        Values values,
        @Schema(description = "share of the issued codes that must be used, in [0, 1]; default 0.5", example = "0.5")
        BigDecimal quorum,
        @Schema(description = "drop each group's highest and lowest rating of a unit (with 3 or more)") Boolean trim,
        @Schema(description = "voter groups, each with its weight and number of codes (1–5000)") List<Group> groups) {

    public record Values(BigDecimal satisfied, BigDecimal basic, BigDecimal dissatisfied) {
    }

    public record Group(@Schema(example = "领导") String name, @Schema(example = "0.4") BigDecimal weight,
                        @Schema(example = "15") Integer codes) {
    }
}
