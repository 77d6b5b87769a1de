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

    UnitItemsController(RubricVersions versions, Roster roster) {
        this.versions = versions;
        this.roster = roster;
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
                       + "version does not assess.")
    UnitItems items(@PathVariable UUID versionId, @PathVariable String unitCode) {
        RubricVersion version = versions.find(versionId)
                .filter(v -> v.status() == RubricVersion.Status.PUBLISHED || CurrentUser.get().hasRole(Roles.OFFICE_ADMIN))
                .orElseThrow(() -> ProblemException.notFound("rubric.version.not-found", versionId));
        Unit unit = roster.unit(unitCode)
                .orElseThrow(() -> ProblemException.notFound("rubric.roster.unit.not-found", unitCode));
        return UnitItemsAssembler.assemble(version.id().toString(), versions.content(versionId), unit)
                .orElseThrow(() -> ProblemException.notFound("rubric.unit.not-assessed", unitCode, version.title()));
    }
}
