package io.kaohe.workflow.appeals;

import io.kaohe.contracts.InputLimits;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A unit's appeal (申诉) on one of its items during the publicity period. */
@Schema(name = "AppealRequest", description = "单位对某考核项目得分的申诉 / a unit's appeal on an item's score")
record AppealRequest(
        @Schema(example = "bz-sjw") @NotBlank @Pattern(regexp = InputLimits.CODE_PATTERN) String unitCode,
        @Schema(example = "T.bz-sjw.2") @NotBlank @Size(max = InputLimits.CODE_MAX) String itemCode,
        @Schema(example = "第四季度中心组学习已开展，会议记录见佐证材料，扣分有误") @NotBlank
        @Size(max = InputLimits.PARAGRAPH_MAX) String reason,
        @Schema(description = "evidence ids or descriptions the appeal rests on (佐证材料)")
        @Size(max = 20) List<@NotBlank @Size(max = InputLimits.NAME_MAX) String> evidence) {
}
