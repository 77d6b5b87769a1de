package io.kaohe.scoring.cockpit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The leaders' 驾驶舱: scores, grades and decisions of a cycle in aggregate (leaders and the office only). */
@RestController
@Tag(name = "cockpit", description = "领导驾驶舱：得分分布、等次、自评与审核差距、扣分原因、历年对比 / the leaders' cockpit")
class CockpitController {

    private final Cockpit cockpit;

    CockpitController(Cockpit cockpit) {
        this.cockpit = cockpit;
    }

    @GetMapping("/api/scoring/cycles/{cycleId}/cockpit")
    @Operation(summary = "A cycle in aggregate for the leaders' cockpit (leaders, office)",
            description = "Per unit category: units self-assessed and reviewed, percent histogram (<60, then 10-point "
                    + "buckets), grades; the largest self-vs-reviewed gaps; the most frequent deduction reasons and "
                    + "sources; the cycle's units and categories next to the cycles of earlier years scoring holds and the "
                    + "years imported from their published 汇总表 (source IMPORTED; a year the platform ran shows its cycle).")
    CockpitView cockpit(@PathVariable String cycleId,
                        @Parameter(description = "how many gaps (1–50)") @RequestParam(defaultValue = "10") int gaps,
                        @Parameter(description = "how many reasons and sources (1–50)")
                        @RequestParam(defaultValue = "10") int reasons) {
        return cockpit.view(cycleId, clamp(gaps), clamp(reasons));
    }

    private static int clamp(int n) {
        return Math.max(1, Math.min(50, n));
    }
}
