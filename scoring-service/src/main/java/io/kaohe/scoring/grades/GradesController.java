package io.kaohe.scoring.grades;

import io.kaohe.support.problems.ProblemException;
import io.kaohe.support.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import io.kaohe.contracts.InputLimits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "grades", description = "等次：划分、名额、拟定、审定与重新开启 / grades")
class GradesController {

    private final Grades grades;

    GradesController(Grades grades) {
        this.grades = grades;
    }

    @GetMapping("/api/scoring/cycles/{cycleId}/grading")
    @Operation(summary = "The cycle's grading scheme (the standard 好/较好/一般/较差 bands if none was set)")
    GradingScheme scheme(@PathVariable String cycleId) {
        return grades.scheme(cycleId);
    }

    @PutMapping("/api/scoring/cycles/{cycleId}/grading")
    @Operation(summary = "Set the grading scheme: bands, quotas per unit category, veto caps (office)")
    GradingScheme setScheme(@PathVariable String cycleId, @Valid @RequestBody GradingScheme scheme) {
        return grades.setScheme(cycleId, scheme, CurrentUser.get().username());
    }

    @PostMapping("/api/scoring/cycles/{cycleId}/grades/proposals")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Propose grades on the current reviewed totals; publishes GradesProposed (office)",
            description = "Ties: units with equal percentages share the better grade only if the quota allows all "
                    + "of them; otherwise all of them (and every unit below) drop to the next grade.")
    Grades.Proposal propose(@PathVariable String cycleId) {
        return grades.propose(cycleId, CurrentUser.get().username());
    }

    @GetMapping("/api/scoring/cycles/{cycleId}/grades/preview")
    @Operation(summary = "The grades a proposal would give now, with the cycle's scheme; nothing is stored or published",
            description = "For the office to see (and tune the scheme) before it proposes.")
    Grades.Preview preview(@PathVariable String cycleId) {
        return grades.preview(cycleId);
    }

    @GetMapping("/api/scoring/cycles/{cycleId}/grades")
    @Operation(summary = "The latest proposal with its grades, and the approval log")
    Map<String, Object> latest(@PathVariable String cycleId) {
        return Map.of("proposal", grades.latest(cycleId).orElseThrow(
                        () -> ProblemException.notFound("scoring.grades.none", cycleId)),
                "approvals", grades.approvalLog(cycleId));
    }

    /** Why and which units (all frozen ones when empty). */
    record ReopenRequest(@Size(max = InputLimits.TEXT_MAX) String reason,
                         @Size(max = InputLimits.LIST_MAX) List<@Pattern(regexp = InputLimits.CODE_PATTERN) String> unitCodes) {
    }

    @PostMapping("/api/scoring/cycles/{cycleId}/approval/reopen")
    @Operation(summary = "Reopen approved final scores so decisions are accepted again (office; recorded with why)")
    Grades.Reopened reopen(@PathVariable String cycleId, @Valid @RequestBody ReopenRequest request) {
        return grades.reopen(cycleId, request.unitCodes(), request.reason(), CurrentUser.get().username());
    }
}
