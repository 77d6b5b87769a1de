package io.kaohe.workflow.rectification;

import io.kaohe.support.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "rectification", description = "整改与整改台账 / rectifications and their ledgers")
class RectificationController {

    private final Rectifications rectifications;

    RectificationController(Rectifications rectifications) {
        this.rectifications = rectifications;
    }

    @GetMapping("/api/workflow/rectifications")
    @Operation(summary = "Rectifications with their ledgers (a unit sees its own)")
    List<Rectifications.Rectification> list(@RequestParam(required = false) String cycleId,
                                            @RequestParam(required = false) String unitCode) {
        return rectifications.list(cycleId, unitCode, CurrentUser.get());
    }
}
