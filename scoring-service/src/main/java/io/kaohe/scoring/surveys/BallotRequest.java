package io.kaohe.scoring.surveys;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;

/** A ballot, cast without an account: the one-time code and the ratings by unit code. */
@Schema(description = "一张测评票 / one anonymous ballot")
public record BallotRequest(
        @Schema(description = "the one-time code, as printed", example = "K7Q2-9XMD-3HTA-0PZB") String code,
        @Schema(description = "unit code → SATISFIED, BASIC or DISSATISFIED (SATISFACTION), or 1–100 (SCORE); "
                + "a unit left out is not rated by this ballot") JsonNode ratings) {
}
