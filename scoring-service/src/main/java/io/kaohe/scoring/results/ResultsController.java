package io.kaohe.scoring.results;

import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.scoring.cycles.Cycle;
import io.kaohe.scoring.cycles.CycleUnit;
import io.kaohe.scoring.cycles.Cycles;
import io.kaohe.support.rubric.RubricReplica;
import io.kaohe.scoring.scores.Decisions;
import io.kaohe.support.audit.Audited;
import io.kaohe.support.exports.ListWorkbook;
import io.kaohe.support.problems.ProblemException;
import io.kaohe.support.security.CurrentUser;
import io.kaohe.support.security.Roles;
import io.kaohe.support.security.SecurityAudit;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The results table (office, leaders) and the per-unit score sheets. A unit sees only its own
 * sheet (another unit's is answered 404 and audited); an inspector the units assigned to it; an
 * assessing department the items it owns, in any unit's sheet.
 */
@RestController
@Tag(name = "results", description = "汇总表与单位得分表 / the results table and unit score sheets")
class ResultsController {

    private final Results results;
    private final Cycles cycles;
    private final RubricReplica rubric;
    private final Decisions decisions;
    private final SecurityAudit audit;

    ResultsController(Results results, Cycles cycles, RubricReplica rubric, Decisions decisions, SecurityAudit audit) {
        this.results = results;
        this.cycles = cycles;
        this.rubric = rubric;
        this.decisions = decisions;
        this.audit = audit;
    }

    @GetMapping("/api/scoring/cycles/{cycleId}/results")
    @Operation(summary = "The results summary table (汇总表) as JSON (office, leaders)")
    ResultsTable table(@PathVariable String cycleId) {
        return results.table(cycleId);
    }

    @GetMapping("/api/scoring/cycles/{cycleId}/results.xlsx")
    @Audited(action = "export", object = "cycle")
    @Operation(summary = "The results summary table (汇总表) as .xlsx in the published layout (office, leaders)")
    ResponseEntity<StreamingResponseBody> tableXlsx(@PathVariable String cycleId) {
        ResultsTable table = results.table(cycleId);
        return xlsx(table.title() + "考核结果汇总表.xlsx", out -> Xlsx.table(table, out));
    }

    @GetMapping("/api/scoring/cycles/{cycleId}/units/{unitCode}/sheet")
    @Operation(summary = "A unit's score sheet: every item's self, reviewed and final score, gap and reasons")
    ScoreSheet sheet(@PathVariable String cycleId, @PathVariable String unitCode, HttpServletRequest http) {
        return visibleSheet(cycleId, unitCode, http);
    }

    @GetMapping("/api/scoring/cycles/{cycleId}/units/{unitCode}/sheet.xlsx")
    @Audited(action = "export", object = "unit")
    @Operation(summary = "A unit's score sheet as .xlsx")
    ResponseEntity<StreamingResponseBody> sheetXlsx(@PathVariable String cycleId, @PathVariable String unitCode,
                                                    HttpServletRequest http) {
        ScoreSheet sheet = visibleSheet(cycleId, unitCode, http);
        return xlsx(sheet.unitName() + sheet.cycleTitle() + "考核得分表.xlsx", out -> Xlsx.sheet(sheet, out));
    }

    @GetMapping("/api/scoring/cycles/{cycleId}/units/{unitCode}/items/{itemCode}/decisions")
    @Operation(summary = "Every decision on an item, superseded ones included, with what superseded each")
    List<Map<String, Object>> history(@PathVariable String cycleId, @PathVariable String unitCode,
                                      @PathVariable String itemCode, HttpServletRequest http) {
        Access access = access(cycleId, unitCode, http);
        UnitItem item = rubric.items(access.cycle().rubricVersionId(), unitCode).item(itemCode);
        if (item == null || !access.visible().test(item)) {
            throw ProblemException.notFound("scoring.item.not-found", itemCode);
        }
        return decisions.history(cycleId, unitCode, itemCode);
    }

    /**
     * What the caller may see of a unit's sheet: which items, whether only some ({@code partial}), and
     * whether its grade: a unit and its inspectors learn the grade from the 通报, not from a proposal.
     */
    private record Access(Cycle cycle, CycleUnit unit, Predicate<UnitItem> visible, boolean partial,
                          boolean gradeShown) {
    }

    private ScoreSheet visibleSheet(String cycleId, String unitCode, HttpServletRequest http) {
        Access access = access(cycleId, unitCode, http);
        return results.sheet(access.cycle(), access.unit(), access.visible(), access.partial(), access.gradeShown());
    }

    private Access access(String cycleId, String unitCode, HttpServletRequest http) {
        Cycle cycle = cycles.get(cycleId);
        CurrentUser user = CurrentUser.get();
        CycleUnit unit = cycles.unit(cycleId, unitCode).orElse(null);
        boolean office = user.hasRole(Roles.OFFICE_ADMIN) || user.hasRole(Roles.LEADER) || user.hasRole(Roles.SERVICE);
        if (unit != null && user.seesWholeUnit(unitCode)) {
            return new Access(cycle, unit, item -> true, false,
                    office || cycles.publication(cycleId).isPresent());
        }
        if (unit != null && user.hasRole(Roles.DEPT_REVIEWER) && user.department() != null) {
            String department = user.department();
            return new Access(cycle, unit, item -> item.assessingDepartments().contains(department), true, false);
        }
        if (unit != null) {
            // Someone else's unit: answered as if it did not exist, and recorded.
            audit.deniedObject(user, http.getMethod(), http.getRequestURI(), 404,
                    "score sheet of unit " + unitCode + " is not the caller's");
        }
        throw ProblemException.notFound("scoring.unit.not-found", unitCode, cycleId);
    }

    private static ResponseEntity<StreamingResponseBody> xlsx(String filename, StreamingResponseBody body) {
        return ListWorkbook.attachment(filename, body);
    }
}
