package io.kaohe.scoring.scores;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.scoring.cycles.Cycle;
import io.kaohe.scoring.cycles.CycleUnit;
import io.kaohe.scoring.cycles.Cycles;
import io.kaohe.support.rubric.RubricReplica;
import io.kaohe.support.problems.Faults;
import io.kaohe.support.problems.ProblemException;
import io.kaohe.support.security.CurrentUser;
import io.kaohe.support.security.Roles;
import io.kaohe.support.security.SecurityAudit;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The points an item's rule gives for the values a unit is typing into its self-assessment,
 * computed here so the portal never re-implements a rule. Nothing is stored or published.
 * A unit previews its own items (another unit's are answered 404 and audited); a department the
 * items it assesses; the office and leaders any.
 */
@RestController
@Tag(name = "decisions and scores")
class PreviewController {

    private final Cycles cycles;
    private final RubricReplica rubric;
    private final SecurityAudit audit;
    private final MessageSource messages;

    PreviewController(Cycles cycles, RubricReplica rubric, SecurityAudit audit, MessageSource messages) {
        this.cycles = cycles;
        this.rubric = rubric;
        this.audit = audit;
        this.messages = messages;
    }

    /** The self-assessment's values for one item: {@code measured} by name, and the self-score. */
    record PreviewRequest(JsonNode measured, JsonNode selfScore) {
    }

    @PostMapping("/api/scoring/cycles/{cycleId}/units/{unitCode}/items/{itemCode}/preview")
    @Operation(summary = "The points the item's rule gives for these measured values (nothing is recorded)",
            description = "Body {\"measured\": {name: value}, \"selfScore\": n} as the self-assessment carries them; "
                    + "the self-score stands for the judged score of a judged item. Answers points (null while "
                    + "values are missing, listed in missing), maximum, deducted and the rule's explanation. "
                    + "400 locates each bad value at measured.<name>.")
    SelfScorePreview.Preview preview(@PathVariable String cycleId, @PathVariable String unitCode,
                                     @PathVariable String itemCode, @RequestBody(required = false) PreviewRequest body,
                                     HttpServletRequest http) {
        Cycle cycle = cycles.get(cycleId);
        CurrentUser user = CurrentUser.get();
        CycleUnit unit = cycles.unit(cycleId, unitCode).orElse(null);
        boolean everyItem = user.hasRole(Roles.OFFICE_ADMIN) || user.hasRole(Roles.LEADER) || user.actsForUnit(unitCode);
        boolean department = user.hasRole(Roles.DEPT_REVIEWER) && user.department() != null;
        if (unit == null || !(everyItem || department)) {
            if (unit != null) {
                // Someone else's unit: answered as if it did not exist, and recorded.
                audit.deniedObject(user, http.getMethod(), http.getRequestURI(), 404,
                        "preview on unit " + unitCode + " is not the caller's");
            }
            throw ProblemException.notFound("scoring.unit.not-found", unitCode, cycleId);
        }
        UnitItem item = rubric.items(cycle.rubricVersionId(), unitCode).item(itemCode);
        if (item != null && !everyItem && !item.assessingDepartments().contains(user.department())) {
            audit.deniedObject(user, http.getMethod(), http.getRequestURI(), 404,
                    "preview of item " + unitCode + "/" + itemCode + " not assessed by " + user.department());
            item = null;
        }
        if (item == null) {
            throw ProblemException.notFound("scoring.item.not-found", itemCode);
        }

        Faults faults = new Faults(messages);
        Map<String, Object> measured = MeasuredJson.toJava(body == null ? null : body.measured());
        if (body != null && body.measured() != null && !body.measured().isNull() && !body.measured().isObject()) {
            faults.add("measured", "scoring.preview.measured-object");
        }
        BigDecimal selfScore = null;
        JsonNode score = body == null ? null : body.selfScore();
        if (score != null && !score.isNull()) {
            if (score.isNumber()) {
                selfScore = score.decimalValue();
            } else {
                faults.add("selfScore", "scoring.decision.not-a-number", score.asText());
            }
        }
        faults.throwIfAny("scoring.preview.invalid");
        return SelfScorePreview.of(item, measured, selfScore, messages, LocaleContextHolder.getLocale());
    }
}
