package io.kaohe.scoring.scores;

import io.kaohe.contracts.events.ScoresComputed;
import io.kaohe.scoring.cycles.Cycle;
import io.kaohe.scoring.cycles.Cycles;
import io.kaohe.support.problems.ProblemException;
import io.kaohe.support.security.CurrentUser;
import io.kaohe.support.security.SecurityAudit;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "decisions and scores", description = "扣分、加分与评分，重新计算 / decisions and recomputation")
class ScoresController {

    private final DecisionService decisionService;
    private final Scoring scoring;
    private final Cycles cycles;
    private final SecurityAudit audit;

    ScoresController(DecisionService decisionService, Scoring scoring, Cycles cycles, SecurityAudit audit) {
        this.decisionService = decisionService;
        this.scoring = scoring;
        this.cycles = cycles;
        this.audit = audit;
    }

    @GetMapping("/api/scoring/cycles")
    @Operation(summary = "The cycles this service scores",
            description = "With unitCode: only those the unit takes part in, newest first — for the unit itself, the "
                    + "office, leaders and the unit's inspectors; anyone else is refused (403, audited).")
    List<Cycle> cycles(@RequestParam(required = false) String unitCode, HttpServletRequest http) {
        if (unitCode == null) {
            return cycles.all();
        }
        CurrentUser user = CurrentUser.get();
        if (!user.seesWholeUnit(unitCode)) {
            audit.deniedObject(user, http.getMethod(), http.getRequestURI(), 403,
                    "scoring.cycles.unit-not-yours: the cycles of unit " + unitCode);
            throw ProblemException.forbidden("scoring.cycles.unit-not-yours", unitCode);
        }
        return cycles.ofUnit(unitCode);
    }

    @PostMapping("/api/scoring/cycles/{cycleId}/decisions")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Record a decision on one item of one unit",
            description = "By the item's assessing department (dept-reviewer whose department owns the item) or an "
                    + "inspector assigned to the unit. Append-only: a correction supersedes an earlier decision. "
                    + "A reason is required. 400 lists every fault; 403 says why the caller may not decide; "
                    + "409 once the unit's final scores are approved (until the office reopens the approval). "
                    + "A judged score, or a measurement of a value already measured, on an item that has one in "
                    + "force must name it in supersedes: else 409 scoring.decision.supersedes-required, and "
                    + "naming one that was superseded since gives 409 scoring.decision.not-current; both carry "
                    + "`current` (decision, decidedBy, department, recordedAt, itemVersion) to say who decided first.")
    DecisionService.Recorded record(@PathVariable String cycleId, @RequestBody DecisionRequest request,
                                    HttpServletRequest http) {
        try {
            return decisionService.record(cycleId, request, CurrentUser.get(), http.getMethod(), http.getRequestURI());
        } catch (DuplicateKeyException e) {
            // Another transaction took the item's version (or superseded the same decision) first.
            throw decisionService.lostRace(cycleId, request);
        }
    }

    @PostMapping("/api/scoring/cycles/{cycleId}/recompute")
    @Operation(summary = "Recompute every score of the cycle from scratch (office)",
            description = "Gives the same item scores as the incremental computation; publishes ScoresComputed per unit.")
    Scoring.Recomputed recompute(@PathVariable String cycleId) {
        return scoring.recompute(cycleId, List.of(), ScoresComputed.Trigger.FULL_RECOMPUTE);
    }
}
