package io.kaohe.workflow.tasks;

import io.kaohe.contracts.InputLimits;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.Map;

/** The office's record of the talk (约谈) with the principal of a unit whose grade band calls for a talk
 * (GradeConsequence.TALK_AND_REPORT, whatever the office named the band); the written report is due a week later. */
@Schema(name = "TalkForm", description = "约谈记录 / record of the talk")
public record TalkForm(
        @Schema(example = "2016-02-03") @NotNull LocalDate heldOn,
        @Schema(description = "who was talked to", example = "市纪委主要负责同志") @NotBlank @Size(max = InputLimits.NAME_MAX) String talkedWith,
        @Schema(description = "what was said and required") @NotBlank @Size(max = InputLimits.TEXT_MAX) String summary) implements TaskForm {

    @Override
    public Map<String, Object> record(Completion completion) {
        return Map.of("talkHeldOn", heldOn.toString(), "talkedWith", talkedWith.strip(), "talkSummary", summary.strip(),
                "talkHeldBy", completion.username());
    }
}
