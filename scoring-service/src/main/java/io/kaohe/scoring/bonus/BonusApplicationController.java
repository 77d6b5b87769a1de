package io.kaohe.scoring.bonus;

import io.kaohe.support.problems.ProblemException;
import io.kaohe.support.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "bonus applications", description = "加分申报 / a unit applies for bonus points, the department answers")
class BonusApplicationController {

    private final BonusApplicationService service;

    BonusApplicationController(BonusApplicationService service) {
        this.service = service;
    }

    /** A department's refusal. */
    record Refusal(String reason) {
    }

    @GetMapping("/api/scoring/cycles/{cycleId}/units/{unitCode}/bonus-items")
    @Operation(summary = "The unit's bonus items: what each takes (amount or count), its cap, what is left, the "
            + "matters already counted (the unit's people, the office and leaders)")
    List<BonusApplicationService.BonusItem> items(@PathVariable String cycleId, @PathVariable String unitCode,
                                                  HttpServletRequest http) {
        return service.items(cycleId, unitCode, CurrentUser.get(), http.getMethod(), http.getRequestURI());
    }

    @PostMapping("/api/scoring/cycles/{cycleId}/units/{unitCode}/bonus-applications")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "File a bonus application for the caller's own unit",
            description = "By the unit's reporter, on a bonus item of the unit (base plus adjustments: amount; points "
                    + "per completed item: count), with a matter, a reason and the unit's evidence ids of the cycle. "
                    + "403 for another unit (audited); 400 lists every fault; 409 scoring.bonus.matter-counted when "
                    + "the matter is already counted or applied for on the item (单项不重复计分), "
                    + "scoring.bonus.cap-exceeded (with cap and left) when the item's cap leaves less room.")
    BonusApplication file(@PathVariable String cycleId, @PathVariable String unitCode,
                          @RequestBody BonusApplicationService.Filing filing, HttpServletRequest http) {
        return service.file(cycleId, unitCode, filing, CurrentUser.get(), http.getMethod(), http.getRequestURI());
    }

    @GetMapping("/api/scoring/cycles/{cycleId}/bonus-applications")
    @Operation(summary = "Bonus applications: a unit's own, a department's on the items it assesses, all for the "
            + "office and leaders")
    List<BonusApplication> list(@PathVariable String cycleId, HttpServletRequest http) {
        return service.list(cycleId, CurrentUser.get(), http.getMethod(), http.getRequestURI());
    }

    @PostMapping("/api/scoring/cycles/{cycleId}/bonus-applications/{id}/accept")
    @Operation(summary = "Accept: recorded as a BONUS decision (source 加分申报, the application in its evidence "
            + "refs) and the item re-scored; the cap and 单项不重复计分 are checked again. Idempotent.")
    BonusApplication accept(@PathVariable String cycleId, @PathVariable String id, HttpServletRequest http) {
        return service.accept(cycleId, uuid(id), CurrentUser.get(), http.getMethod(), http.getRequestURI());
    }

    @PostMapping("/api/scoring/cycles/{cycleId}/bonus-applications/{id}/refuse")
    @Operation(summary = "Refuse with a reason the unit reads. Idempotent.")
    BonusApplication refuse(@PathVariable String cycleId, @PathVariable String id, @RequestBody Refusal refusal,
                            HttpServletRequest http) {
        return service.refuse(cycleId, uuid(id), refusal == null ? null : refusal.reason(), CurrentUser.get(),
                http.getMethod(), http.getRequestURI());
    }

    @PostMapping("/api/scoring/cycles/{cycleId}/bonus-applications/{id}/withdraw")
    @Operation(summary = "The unit withdraws its application before it is answered. Idempotent.")
    BonusApplication withdraw(@PathVariable String cycleId, @PathVariable String id, HttpServletRequest http) {
        return service.withdraw(cycleId, uuid(id), CurrentUser.get(), http.getMethod(), http.getRequestURI());
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("scoring.bonus.not-found", id);
        }
    }
}
