package io.kaohe.scoring.scores;

import io.kaohe.contracts.rubric.InvalidMeasurementException;
import io.kaohe.contracts.rubric.Measurements;
import io.kaohe.contracts.InputLimits;
import io.kaohe.support.problems.Faults;
import com.fasterxml.jackson.databind.node.DecimalNode;
import io.kaohe.contracts.events.RecordDecision;
import io.kaohe.contracts.rubric.Judged;
import io.kaohe.contracts.rubric.MeasureSpec;
import io.kaohe.contracts.rubric.ScoringRule;
import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.scoring.cycles.Cycle;
import io.kaohe.scoring.cycles.CycleUnit;
import io.kaohe.scoring.cycles.Cycles;
import io.kaohe.support.rubric.RubricReplica;
import io.kaohe.support.audit.AuditTrail;
import io.kaohe.support.problems.ProblemError;
import io.kaohe.support.problems.ProblemException;
import io.kaohe.support.security.CurrentUser;
import io.kaohe.support.security.Roles;
import io.kaohe.support.security.SecurityAudit;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records decisions: checks who may decide on the item (or takes the person a RecordDecision
 * command names), refuses bad input with every fault located (nothing recorded), appends the
 * decision, re-scores the item and publishes the unit's totals, all in one transaction.
 */
@Service
public class DecisionService {

    private final Cycles cycles;
    private final RubricReplica rubric;
    private final Decisions decisions;
    private final Scoring scoring;
    private final SecurityAudit audit;
    private final MessageSource messages;
    private final EvidenceOwners evidenceOwners;
    private final OverwriteRule overwriteRule;

    DecisionService(Cycles cycles, RubricReplica rubric, Decisions decisions, Scoring scoring, SecurityAudit audit,
                    MessageSource messages, EvidenceOwners evidenceOwners, OverwriteRule overwriteRule) {
        this.cycles = cycles;
        this.rubric = rubric;
        this.decisions = decisions;
        this.scoring = scoring;
        this.audit = audit;
        this.messages = messages;
        this.evidenceOwners = evidenceOwners;
        this.overwriteRule = overwriteRule;
    }

    /** The decision recorded and the item's new score. */
    public record Recorded(Decision decision, ItemResult score) {
    }

    /** Who decided, and in what capacity (see {@link Decision#actingAs()}). */
    private record Decider(String decidedBy, String actingAs) {
    }

    @Transactional
    public Recorded record(String cycleId, DecisionRequest request, CurrentUser user, String method, String path) {
        refuseOutsideScope(user, request, method, path);
        return record(cycleId, request, UUID.randomUUID(),
                (unit, item) -> new Decider(user.username(), authorize(user, unit, item, method, path)))
                .orElseThrow();
    }

    /**
     * A decision recorded in the caller's transaction under an id the caller derives (one row of a
     * department's workbook, {@link DecisionWorkbooks}; an accepted bonus application): every check of
     * {@link #record(String, DecisionRequest, CurrentUser, String, String)}; empty when a decision with that id
     * is recorded already (the workbook or the acceptance came before).
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public Optional<Recorded> recordRow(String cycleId, DecisionRequest request, UUID id, CurrentUser user, String method,
                                 String path) {
        refuseOutsideScope(user, request, method, path);
        return record(cycleId, request, id,
                (unit, item) -> new Decider(user.username(), authorize(user, unit, item, method, path)));
    }

    /**
     * Records the decision a {@link RecordDecision} command carries, with every check of a decision
     * entered through the API but the caller's (the sending service authorized the person it names),
     * under the command's id: empty if a decision with that id is recorded already, however it came.
     *
     * @throws ProblemException if the command can never apply (4xx), or not now (5xx)
     */
    @Transactional
    public Optional<Recorded> record(RecordDecision command) {
        UUID id;
        try {
            id = UUID.fromString(String.valueOf(command.decisionId()));
        } catch (IllegalArgumentException e) {
            new Faults(messages).add("decisionId", "scoring.decision.id-invalid", command.decisionId())
                    .throwIfAny("scoring.decision.invalid");
            throw e;
        }
        DecisionRequest request = new DecisionRequest(command.unitCode(), command.itemCode(), command.kind(),
                command.amount() == null ? null : DecimalNode.valueOf(command.amount()), null, null, null, null, null,
                command.reason(), command.source(), command.date() == null ? null : command.date().toString(),
                command.evidenceRefs(), command.supersedes());
        return record(command.cycleId(), request, id,
                (unit, item) -> new Decider(command.onBehalfOf(), "command:" + command.requestedBy()));
    }

    /**
     * A survey's (民主测评) result for one unit's item, recorded in the caller's transaction as a MEASUREMENT
     * decided by the person who closed the survey (acting as {@code survey:<id>}), with source 民主测评, under
     * a deterministic id: empty if it is recorded already. It supersedes the measurement of the same value in
     * force, if any: closing the survey is the office's decision that its result replaces it (the ledger keeps
     * both). Every other check of a decision applies (a frozen unit refuses it, 409).
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public Optional<Recorded> recordSurveyResult(String cycleId, String unitCode, String itemCode,
                                                 Map<String, BigDecimal> measured, String reason, String surveyId,
                                                 UUID id, String closedBy) {
        var values = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        measured.forEach((name, value) -> values.set(name, DecimalNode.valueOf(value)));
        Decision current = OverwriteRule.overwritten(decisions.effective(cycleId, unitCode, itemCode),
                DecisionKind.MEASUREMENT, measured.keySet());
        DecisionRequest request = new DecisionRequest(unitCode, itemCode, DecisionKind.MEASUREMENT.name(), null, null,
                null, values, null, null, reason, "民主测评", null, List.of("民主测评 " + surveyId),
                current == null || current.id().equals(id) ? null : current.id().toString());
        return record(cycleId, request, id, (unit, item) -> new Decider(closedBy, "survey:" + surveyId));
    }

    private Optional<Recorded> record(String cycleId, DecisionRequest request, UUID id,
                                      BiFunction<CycleUnit, UnitItem, Decider> decider) {
        Cycle cycle = cycles.get(cycleId);
        Faults required = new Faults(messages);
        if (blank(request.unitCode())) {
            required.add("unitCode", "scoring.decision.required", "unitCode");
        }
        if (blank(request.itemCode())) {
            required.add("itemCode", "scoring.decision.required", "itemCode");
        }
        withinLimits(request, required);
        required.throwIfAny("scoring.decision.invalid");

        CycleUnit unit = cycles.lockUnit(cycleId, request.unitCode()).orElseThrow(() -> new ProblemException(
                HttpStatus.BAD_REQUEST, "scoring.decision.unit-not-in-cycle", request.unitCode(), cycleId));
        if (decisions.find(id).isPresent()) {
            // A command sent again (its job ran twice) or delivered again: recorded once.
            return Optional.empty();
        }
        UnitItem item = rubric.items(cycle.rubricVersionId(), unit.unitCode()).item(request.itemCode());
        if (item == null) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "scoring.decision.item-not-applicable",
                    request.itemCode(), unit.unitCode());
        }
        Decider by = decider.apply(unit, item);
        if (unit.frozen()) {
            throw ProblemException.conflict("scoring.decision.frozen", unit.unitCode(), cycleId);
        }

        Decision decision = validate(cycle, unit, item, request, id, by);
        decisions.insert(decision, overwriteRule.assessmentVersion(decision));
        ItemResult score;
        try {
            score = scoring.rescoreItem(cycle, unit, item);
        } catch (InvalidMeasurementException e) {
            // The decision is fine alone but not with those in force: refuse it (the transaction rolls back).
            throw new ProblemException(HttpStatus.BAD_REQUEST, "scoring.decision.invalid",
                    List.of(new ProblemError("measured." + e.measure(), e.getMessage())), 1);
        }
        Decision recorded = decisions.find(decision.id()).orElseThrow();
        AuditTrail.object("decide", "decision", recorded.id().toString());
        AuditTrail.concerns(cycleId, unit.unitCode());
        AuditTrail.change(null, new Recorded(recorded, score));
        return Optional.of(new Recorded(recorded, score));
    }

    /**
     * Before anything is looked up: a caller who is no assessor, or an inspector (only) naming a unit
     * it does not inspect, is refused at once, so no answer tells whether the cycle, the unit or the
     * item exists or applies there.
     */
    private void refuseOutsideScope(CurrentUser user, DecisionRequest request, String method, String path) {
        boolean department = user.hasRole(Roles.DEPT_REVIEWER) && user.department() != null;
        boolean inspector = user.hasRole(Roles.INSPECTOR);
        String code;
        Object[] args;
        if (!department && !inspector) {
            code = "scoring.decision.role";
            args = new Object[0];
        } else if (!department && !blank(request.unitCode())
                && !user.inspectionUnits().contains(request.unitCode().strip())) {
            code = "scoring.decision.not-assigned";
            args = new Object[] {request.unitCode().strip()};
        } else {
            return;
        }
        audit.deniedObject(user, method, path, 403, code + " " + request.unitCode() + "/" + request.itemCode());
        throw ProblemException.forbidden(code, args);
    }

    /**
     * Assessing departments decide on the items they own; inspectors on the units assigned to
     * them. A refusal is audited and says why.
     */
    private String authorize(CurrentUser user, CycleUnit unit, UnitItem item, String method, String path) {
        if (user.hasRole(Roles.DEPT_REVIEWER) && user.department() != null
                && item.assessingDepartments().contains(user.department())) {
            return "department:" + user.department();
        }
        if (user.hasRole(Roles.INSPECTOR) && user.inspectionUnits().contains(unit.unitCode())) {
            return "inspector";
        }
        String code;
        Object[] args;
        if (user.hasRole(Roles.DEPT_REVIEWER)) {
            code = "scoring.decision.not-owner";
            args = new Object[] {user.department(), item.itemCode(), String.join("、", item.assessingDepartments())};
        } else if (user.hasRole(Roles.INSPECTOR)) {
            code = "scoring.decision.not-assigned";
            args = new Object[] {unit.unitCode()};
        } else {
            code = "scoring.decision.role";
            args = new Object[0];
        }
        audit.deniedObject(user, method, path, 403, code + " " + unit.unitCode() + "/" + item.itemCode());
        throw ProblemException.forbidden(code, args);
    }

    private Decision validate(Cycle cycle, CycleUnit unit, UnitItem item, DecisionRequest r, UUID id, Decider by) {
        Faults faults = new Faults(messages);
        ScoringRule rule = item.rule();
        BigDecimal points = item.points();
        if (blank(r.reason())) {
            faults.add("reason", "scoring.decision.reason-required");
        }
        if (blank(by.decidedBy())) {
            faults.add("onBehalfOf", "scoring.decision.on-behalf-required");
        }
        DecisionKind kind = null;
        if (blank(r.kind())) {
            faults.add("kind", "scoring.decision.required", "kind");
        } else {
            try {
                kind = DecisionKind.valueOf(r.kind().strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                faults.add("kind", "scoring.decision.kind-unknown", r.kind());
            }
        }
        BigDecimal amount = JsonNumbers.decimal(faults, "amount", r.amount());
        BigDecimal quantity = JsonNumbers.decimal(faults, "count", r.count());
        BigDecimal score = JsonNumbers.decimal(faults, "score", r.score());
        String measure = blank(r.measure()) ? null : r.measure().strip();
        Map<String, Object> measured = new LinkedHashMap<>();
        LocalDate date = null;
        if (!blank(r.date())) {
            try {
                date = LocalDate.parse(r.date().strip());
            } catch (DateTimeParseException e) {
                faults.add("date", "scoring.decision.date-invalid", r.date());
            }
        }
        UUID supersedes = null;
        if (!blank(r.supersedes())) {
            try {
                supersedes = UUID.fromString(r.supersedes().strip());
            } catch (IllegalArgumentException e) {
                faults.add("supersedes", "scoring.decision.supersedes-unknown", r.supersedes());
            }
        }

        if (kind == DecisionKind.DEDUCTION || kind == DecisionKind.BONUS) {
            boolean hasAmount = r.amount() != null && !r.amount().isNull();
            boolean hasCount = r.count() != null && !r.count().isNull();
            if (hasAmount == hasCount) {
                faults.add(hasAmount ? "count" : "amount", "scoring.decision.amount-or-count");
            } else if (amount != null) {
                if (amount.signum() <= 0 || amount.compareTo(points) > 0) {
                    faults.add("amount", "scoring.decision.amount-range", amount.toPlainString(), points.toPlainString());
                } else if (amount.stripTrailingZeros().scale() > 2) {
                    faults.add("amount", "scoring.decision.too-many-decimals", amount.toPlainString());
                }
            } else if (quantity != null) {
                List<MeasureSpec> countable = ItemScorer.countableMeasures(rule, kind);
                List<String> names = countable.stream().map(MeasureSpec::name).toList();
                MeasureSpec target = null;
                if (countable.isEmpty()) {
                    faults.add("count", "scoring.decision.count-not-applicable", rule.wording());
                } else if (measure == null && countable.size() > 1) {
                    faults.add("measure", "scoring.decision.measure-required", String.join("、", names));
                } else if (measure != null && !names.contains(measure)) {
                    faults.add("measure", "scoring.decision.measure-unknown", measure, String.join("、", names));
                } else {
                    target = measure == null ? countable.get(0) : countable.get(names.indexOf(measure));
                }
                if (target != null) {
                    try {
                        Measurements.check(target, quantity);
                    } catch (InvalidMeasurementException e) {
                        faults.addText("count", e.getMessage());
                    }
                    measure = target.name();
                }
            }
        } else if (kind == DecisionKind.MEASUREMENT) {
            if (r.measured() == null || !r.measured().isObject() || r.measured().isEmpty()) {
                faults.add("measured", "scoring.decision.measured-required",
                        String.join("、", rule.measures().stream().map(MeasureSpec::name).toList()));
            } else {
                Map<String, MeasureSpec> specs = new LinkedHashMap<>();
                rule.measures().forEach(spec -> specs.put(spec.name(), spec));
                var fields = r.measured().fields();
                while (fields.hasNext()) {
                    var field = fields.next();
                    MeasureSpec spec = specs.get(field.getKey());
                    if (spec == null || rule instanceof Judged) {
                        faults.add("measured." + field.getKey(), "scoring.decision.measure-unknown", field.getKey(),
                                String.join("、", specs.keySet()));
                        continue;
                    }
                    try {
                        measured.put(spec.name(), Measurements.check(spec, MeasuredJson.value(field.getValue())));
                    } catch (InvalidMeasurementException e) {
                        faults.addText("measured." + field.getKey(), e.getMessage());
                    }
                }
            }
        } else if (kind == DecisionKind.JUDGED) {
            if (!(rule instanceof Judged)) {
                faults.add("kind", "scoring.decision.judged-only", rule.wording());
            } else if (score == null && (r.score() == null || r.score().isNull())) {
                faults.add("score", "scoring.decision.required", "score");
            } else if (score != null && (score.signum() < 0 || score.compareTo(points) > 0)) {
                faults.add("score", "scoring.decision.score-range", score.toPlainString(), points.toPlainString());
            } else if (score != null && score.stripTrailingZeros().scale() > 2) {
                faults.add("score", "scoring.decision.too-many-decimals", score.toPlainString());
            }
        } else if (kind == DecisionKind.WITHDRAWAL && supersedes == null && blank(r.supersedes())) {
            faults.add("supersedes", "scoring.decision.withdrawal-needs-supersedes");
        }

        if (supersedes != null) {
            Optional<Decision> old = decisions.find(supersedes);
            if (old.isEmpty() || !old.get().cycleId().equals(cycle.cycleId())
                    || !old.get().unitCode().equals(unit.unitCode()) || !old.get().itemCode().equals(item.itemCode())) {
                faults.add("supersedes", "scoring.decision.supersedes-unknown", r.supersedes());
            }
        }
        List<String> refs = r.evidenceRefs() == null ? List.of()
                : r.evidenceRefs().stream().filter(ref -> !blank(ref)).map(String::strip).toList();
        Map<String, EvidenceOwners.Owner> owners = evidenceOwners.of(refs);
        for (int i = 0; i < refs.size(); i++) {
            EvidenceOwners.Owner owner = owners.get(refs.get(i));
            // A known evidence file of another unit or cycle; other references (a notice's number) are text.
            if (owner != null && !(owner.cycleId().equals(cycle.cycleId()) && owner.unitCode().equals(unit.unitCode()))) {
                faults.add("evidenceRefs[" + i + "]", "scoring.decision.evidence-foreign", refs.get(i),
                        unit.unitCode(), cycle.cycleId());
            }
        }
        faults.throwIfAny("scoring.decision.invalid");
        overwriteRule.check(cycle, unit, item, kind, measured.keySet(), supersedes);
        return new Decision(id, 0, cycle.cycleId(), unit.unitCode(), item.itemCode(), kind,
                kind == DecisionKind.DEDUCTION || kind == DecisionKind.BONUS ? amount : null,
                kind == DecisionKind.DEDUCTION || kind == DecisionKind.BONUS ? quantity : null,
                kind == DecisionKind.DEDUCTION || kind == DecisionKind.BONUS ? measure : null,
                measured, kind == DecisionKind.JUDGED ? score : null, blank(r.item()) ? null : r.item().strip(),
                r.reason().strip(), blank(r.source()) ? null : r.source().strip(), date, new ArrayList<>(refs),
                by.decidedBy().strip(), by.actingAs(), supersedes, null);
    }

    /** The 409 for a request that lost a race to another transaction ({@link OverwriteRule#lostRace}). */
    @Transactional(readOnly = true)
    public ProblemException lostRace(String cycleId, DecisionRequest request) {
        return overwriteRule.lostRace(cycleId, request);
    }

    /**
     * The request's shape within the platform's {@link InputLimits}, before anything is looked up: a
     * reason of 1 MB is never recorded (nor then breaks the cycle's .xlsx exports), a code that is not a
     * code is never looked for, and no refused value is echoed whole.
     */
    private static void withinLimits(DecisionRequest r, Faults faults) {
        faults.add("unitCode", blank(r.unitCode()) ? java.util.Optional.empty() : InputLimits.code(r.unitCode()));
        faults.add("itemCode", blank(r.itemCode()) ? java.util.Optional.empty() : InputLimits.code(r.itemCode()));
        faults.add("kind", InputLimits.text(r.kind(), InputLimits.CODE_MAX));
        faults.add("measure", InputLimits.text(r.measure(), InputLimits.NAME_MAX));
        faults.add("item", InputLimits.text(r.item(), InputLimits.TITLE_MAX));
        // Printed whole in every results table and score sheet (an .xlsx cell holds at most 32,767).
        faults.add("reason", InputLimits.text(r.reason(), InputLimits.PARAGRAPH_MAX));
        faults.add("source", InputLimits.text(r.source(), InputLimits.NAME_MAX));
        faults.add("date", InputLimits.text(r.date(), InputLimits.CODE_MAX));
        faults.add("supersedes", InputLimits.text(r.supersedes(), InputLimits.CODE_MAX));
        faults.add("evidenceRefs", InputLimits.list(r.evidenceRefs(), 100));
        if (r.evidenceRefs() != null && r.evidenceRefs().size() <= 100) {
            for (int i = 0; i < r.evidenceRefs().size(); i++) {
                faults.add("evidenceRefs[" + i + "]", InputLimits.text(r.evidenceRefs().get(i), InputLimits.TITLE_MAX));
            }
        }
        if (r.measured() != null && r.measured().size() > 100) {
            faults.add("measured", "input.too-many", 100, r.measured().size());
        }
    }


    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
