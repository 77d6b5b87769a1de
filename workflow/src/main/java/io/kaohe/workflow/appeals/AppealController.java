package io.kaohe.workflow.appeals;

import io.kaohe.support.problems.Validated;
import io.kaohe.support.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "appeals", description = "结果公示与申诉复核 / the publicity period and appeals")
class AppealController {

    private final Appeals appeals;
    private final Validated validated;

    AppealController(Appeals appeals, Validated validated) {
        this.appeals = appeals;
        this.validated = validated;
    }

    @PostMapping("/api/workflow/cycles/{cycleId}/appeals")
    @Operation(summary = "File an appeal on one of the unit's items during the publicity period (unit reporter or head)",
            description = "The item's leading assessing department answers it in its inbox, then the office decides. 403 "
                    + "for anyone but the unit's reporter or head (audited); 409 outside the publicity period, after it, "
                    + "or while the item has an open appeal; 400 lists every fault (an item the unit does not have).")
    ResponseEntity<Appeals.AppealView> file(@PathVariable String cycleId, @RequestBody AppealRequest request,
                                            HttpServletRequest http) {
        AppealRequest checked = validated.check(request, "workflow.appeal.invalid");
        Appeals.AppealView filed = appeals.file(cycleId, checked, CurrentUser.get(), http);
        return ResponseEntity.created(URI.create("/api/workflow/cycles/" + cycleId + "/appeals/" + filed.appealId()))
                .body(filed);
    }

    @GetMapping("/api/workflow/cycles/{cycleId}/appeals")
    @Operation(summary = "The cycle's appeals: a unit its own, a department those on its items, office and leaders all",
            description = "Each with its status (OPEN with the step it waits for, or CLOSED with the outcome UPHELD or "
                    + "REJECTED and the office's reason) and the end of the publicity period.")
    List<Appeals.AppealView> list(@PathVariable String cycleId) {
        return appeals.list(cycleId, CurrentUser.get());
    }
}
