package io.kaohe.scoring.surveys;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.support.audit.Audited;
import io.kaohe.support.exports.ListWorkbook;
import io.kaohe.support.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@RestController
@Tag(name = "surveys", description = "民主测评：创建、发放测评码、开启、结束与结果 / satisfaction surveys")
class SurveysController {

    static final List<ListWorkbook.Column> COLUMNS = List.of(
            new ListWorkbook.Column("序号", 6), new ListWorkbook.Column("被考核单位", 24),
            new ListWorkbook.Column("收回票数", 10), new ListWorkbook.Column("各组结果", 40),
            new ListWorkbook.Column("测评结果", 12), new ListWorkbook.Column("折算得分", 10));

    private final SurveyService surveys;

    SurveysController(SurveyService surveys) {
        this.surveys = surveys;
    }

    @PostMapping("/api/scoring/cycles/{cycleId}/surveys")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a survey (office) for an item whose rule converts a 0–100 result into points",
            description = "The units rated are the cycle's units the item applies to. 400 lists every fault.")
    Survey create(@PathVariable String cycleId, @RequestBody SurveyRequest request) {
        return surveys.create(cycleId, request, CurrentUser.get());
    }

    @GetMapping("/api/scoring/cycles/{cycleId}/surveys")
    @Operation(summary = "The cycle's surveys with their progress (codes used per group)")
    List<Survey> ofCycle(@PathVariable String cycleId) {
        return surveys.ofCycle(cycleId);
    }

    @GetMapping("/api/scoring/surveys/{surveyId}")
    @Operation(summary = "One survey with its progress")
    Survey get(@PathVariable UUID surveyId) {
        return surveys.get(surveyId);
    }

    @PostMapping("/api/scoring/surveys/{surveyId}/codes")
    @Operation(summary = "Issue every group's one-time codes (office), once: shown in this answer only",
            description = "Print them now (the portal prints one QR code per code); only their SM3 is kept. "
                    + "409 when they were issued already or the survey is closed.")
    List<SurveyService.IssuedCode> issue(@PathVariable UUID surveyId) {
        return surveys.issueCodes(surveyId);
    }

    @PostMapping("/api/scoring/surveys/{surveyId}/open")
    @Operation(summary = "Open the survey for ballots (office); its codes must have been issued")
    Survey open(@PathVariable UUID surveyId) {
        return surveys.open(surveyId);
    }

    @PostMapping("/api/scoring/surveys/{surveyId}/close")
    @Operation(summary = "Close the survey (office) and record its results as the item's measured values",
            description = "Below the quorum it closes as NO_QUORUM (未达法定人数) and records nothing; keep it open "
                    + "until enough codes are used. 409 if a unit's final scores are approved (nothing recorded).")
    Survey close(@PathVariable UUID surveyId) {
        return surveys.close(surveyId, CurrentUser.get());
    }

    @GetMapping("/api/scoring/surveys/{surveyId}/results")
    @Operation(summary = "The survey's results table: per unit ballots, per group and weighted result, points")
    List<Map<String, Object>> results(@PathVariable UUID surveyId) {
        return surveys.results(surveyId);
    }

    @GetMapping("/api/scoring/surveys/{surveyId}/results.xlsx")
    @Audited(action = "export", object = "survey")
    @Operation(summary = "The survey's results table as .xlsx")
    ResponseEntity<StreamingResponseBody> resultsXlsx(@PathVariable UUID surveyId) {
        Survey survey = surveys.get(surveyId);
        boolean rate = survey.scale() == Survey.Scale.SATISFACTION;
        List<Object[]> rows = new ArrayList<>();
        int n = 0;
        for (Map<String, Object> row : surveys.results(surveyId)) {
            List<String> groups = new ArrayList<>();
            for (JsonNode g : (JsonNode) row.get("groups")) {
                groups.add(g.path("name").asText() + " " + (g.path("score").isNull() ? "—"
                        : g.path("score").asText() + (rate ? "%" : "分")) + "（" + g.path("ballots").asInt() + "票）");
            }
            rows.add(new Object[] {++n, row.get("unitName"), row.get("ballots"), String.join("；", groups),
                    row.get("score") == null ? null : row.get("score") + (rate ? "%" : "分"), row.get("points")});
        }
        return ListWorkbook.download(survey.title() + "结果.xlsx", "民主测评结果", COLUMNS,
                book -> rows.forEach(book::row));
    }
}
