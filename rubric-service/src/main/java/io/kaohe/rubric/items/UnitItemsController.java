package io.kaohe.rubric.items;

import io.kaohe.contracts.rubric.UnitItems;
import io.kaohe.rubric.roster.Roster;
import io.kaohe.rubric.roster.Unit;
import io.kaohe.rubric.versions.RubricVersion;
import io.kaohe.rubric.versions.RubricVersions;
import io.kaohe.rubric.versions.VersionContent;
import io.kaohe.support.problems.ProblemException;
import io.kaohe.support.security.CurrentUser;
import io.kaohe.support.security.Roles;
import io.kaohe.support.security.SecurityAudit;
import jakarta.servlet.http.HttpServletRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "单位考核条目 / unit items", description = "What evidence-service and scoring-service work on")
class UnitItemsController {

    private final RubricVersions versions;
    private final Roster roster;
    private final SecurityAudit audit;

    UnitItemsController(RubricVersions versions, Roster roster, SecurityAudit audit) {
        this.versions = versions;
        this.roster = roster;
        this.audit = audit;
    }

    @GetMapping("/api/rubric/versions/{versionId}/units")
    @Operation(summary = "The roster's active units a published version assesses, in the office's order",
               description = "A system: the units of the categories it applies to (every unit when it names none); "
                       + "per-unit targets: the units that have targets. What opening a cycle on the version offers as "
                       + "'the units the version covers'. Drafts only for the office.")
    List<Unit> assessed(@PathVariable UUID versionId) {
        RubricVersion version = versions.find(versionId)
                .filter(v -> v.status() == RubricVersion.Status.PUBLISHED || CurrentUser.get().hasRole(Roles.OFFICE_ADMIN))
                .orElseThrow(() -> ProblemException.notFound("rubric.version.not-found", versionId));
        VersionContent content = versions.content(version.id());
        return roster.units().stream().filter(Unit::active).filter(u -> UnitItemsAssembler.assesses(content, u)).toList();
    }

    @GetMapping("/api/rubric/versions/{versionId}/units/{unitCode}/items")
    @Operation(summary = "Every item a unit is assessed on in a published version, with its maximum",
               description = "Leaves of the system applicable to the unit's category, or the unit's own targets "
                       + "(item codes T.<unit>.<n>). Drafts only for the office; 404 for an unknown unit or one the "
                       + "version does not assess. An inspector reads only the units it inspects: any other is 403 "
                       + "before every other check, so the answer never tells which items apply there.")
    UnitItems items(@PathVariable UUID versionId, @PathVariable String unitCode, HttpServletRequest request) {
        CurrentUser user = CurrentUser.get();
        if (inspectorOnly(user) && !user.inspectionUnits().contains(unitCode)) {
            audit.deniedObject(user, request.getMethod(), request.getRequestURI(), 403,
                    "items of unit " + unitCode + ", not inspected by the caller");
            throw ProblemException.forbidden("rubric.unit-items.not-inspected", unitCode);
        }
        RubricVersion version = versions.find(versionId)
                .filter(v -> v.status() == RubricVersion.Status.PUBLISHED || CurrentUser.get().hasRole(Roles.OFFICE_ADMIN))
                .orElseThrow(() -> ProblemException.notFound("rubric.version.not-found", versionId));
        Unit unit = roster.unit(unitCode)
                .orElseThrow(() -> ProblemException.notFound("rubric.roster.unit.not-found", unitCode));
        return UnitItemsAssembler.assemble(version.id().toString(), versions.content(versionId), unit)
                .orElseThrow(() -> ProblemException.notFound("rubric.unit.not-assessed", unitCode, version.title()));
    }

    /** An inspector with no role that reads every unit's items (office, leader, assessing department, service). */
    private static boolean inspectorOnly(CurrentUser user) {
        return user.hasRole(Roles.INSPECTOR) && !user.hasRole(Roles.OFFICE_ADMIN) && !user.hasRole(Roles.LEADER)
                && !user.hasRole(Roles.DEPT_REVIEWER) && !user.hasRole(Roles.SERVICE);
    }
}
