package io.kaohe.scoring.scores;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * A decision as an assessor enters it. Numbers arrive as raw JSON so that "not a number" is
 * reported at its field like every other fault.
 */
@Schema(description = "扣分、加分、测量值或评定得分 / a deduction, bonus, measurement or judged score")
public record DecisionRequest(
        @Schema(example = "bz-sjw") String unitCode,
        @Schema(example = "T.bz-sjw.2") String itemCode,
        @Schema(description = "DEDUCTION, BONUS, MEASUREMENT, JUDGED or WITHDRAWAL", example = "DEDUCTION") String kind,
        @Schema(description = "points deducted or added (DEDUCTION/BONUS), > 0 and at most the item's points",
                example = "0.1") JsonNode amount,
        @Schema(description = "a count the rule turns into points (incidents, shortfall, items completed)",
                example = "1") JsonNode count,
        @Schema(description = "which of the rule's measures the count is for, when it has several") String measure,
        @Schema(description = "MEASUREMENT: measured values by the rule's measure names") JsonNode measured,
        @Schema(description = "JUDGED: the score, in [0, item points]") JsonNode score,
        @Schema(description = "base-plus-adjustments: the bonus or penalty item (单项不重复计分); default the reason")
        String item,
        @Schema(description = "why; required", example = "防范藏传佛教在非涉藏地区传播不到位") String reason,
        @Schema(description = "e.g. 省委巡视通报, 县委巡察通报, 网信办通报, 督查通报, 实地检查", example = "省委巡视通报")
        String source,
        @Schema(description = "ISO date of the finding or notice", example = "2015-07-15") String date,
        List<String> evidenceRefs,
        @Schema(description = "the decision this one corrects or withdraws") String supersedes) {
}
