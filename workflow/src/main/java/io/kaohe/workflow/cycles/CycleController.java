package io.kaohe.workflow.cycles;

import io.kaohe.support.problems.ProblemException;
import io.kaohe.support.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.kaohe.support.problems.Validated;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "cycles", description = "考核年度：开启、日历与进度 / opening a cycle, its calendar and progress")
class CycleController {

    private final Cycles cycles;
    private final Validated validated;

    CycleController(Cycles cycles, Validated validated) {
        this.cycles = cycles;
        this.validated = validated;
    }

    @PostMapping("/api/workflow/cycles")
    @Operation(summary = "Open a cycle (office): publishes CycleOpened and starts one unit assessment per unit",
            description = "Units in one choice: whole 'categories', a saved 'unitList', or 'assessedUnits' (every unit the "
                    + "version assesses), and/or 'units' one by one, less 'except'. Every unit must be an active roster "
                    + "unit the version assesses, of the category given. The rubric version must be published. The "
                    + "calendar defaults to seed 003's (quarters due on their last day, inspection in July, year-end in "
                    + "December, approval in January); 'clock' runs the year compressed (e.g. yearIn PT10M) for demos "
                    + "and tests. dryRun=true answers the units it would open for (200) and opens nothing. 400 lists "
                    + "every fault; 409 if the cycle exists; 503 when rubric-service cannot be asked (try again).")
    ResponseEntity<?> open(@RequestBody OpenCycleRequest request,
                           @RequestParam(defaultValue = "false") boolean dryRun) {
        OpenCycleRequest checked = validated.check(request, "workflow.cycle.invalid", (r, faults) -> {
            if (!r.choosesUnits()) {
                faults.add("units", "workflow.cycle.no-units-chosen");
            }
        });
        if (dryRun) {
            return ResponseEntity.ok(cycles.preview(checked));
        }
        CycleView opened = cycles.open(checked, CurrentUser.get());
        return ResponseEntity.created(URI.create("/api/workflow/cycles/" + opened.cycleId())).body(opened);
    }

    @GetMapping("/api/workflow/cycles")
    @Operation(summary = "The cycles, newest first")
    List<CycleView> all() {
        return cycles.all();
    }

    @GetMapping("/api/workflow/cycles/{cycleId}")
    @Operation(summary = "A cycle: its calendar on the cycle's clock and where its process is")
    CycleView one(@PathVariable String cycleId) {
        return cycles.view(cycleId).orElseThrow(() -> ProblemException.notFound("workflow.cycle.unknown", cycleId));
    }
}
