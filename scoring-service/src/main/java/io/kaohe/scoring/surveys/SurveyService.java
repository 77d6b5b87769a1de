package io.kaohe.scoring.surveys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaohe.contracts.InputLimits;
import io.kaohe.contracts.rubric.Converted;
import io.kaohe.contracts.rubric.QuantifiedRate;
import io.kaohe.contracts.rubric.ScoringRule;
import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.scoring.cycles.Cycle;
import io.kaohe.scoring.cycles.CycleUnit;
import io.kaohe.scoring.cycles.Cycles;
import io.kaohe.scoring.scores.DecisionService;
import io.kaohe.support.audit.AuditTrail;
import io.kaohe.support.problems.Faults;
import io.kaohe.support.problems.ProblemException;
import io.kaohe.support.rubric.RubricReplica;
import io.kaohe.support.security.CurrentUser;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The office's surveys (民主测评): created for an item whose rule turns a 0–100 result into points
 * ({@link Converted} out of 100 or any maximum, or a {@link QuantifiedRate}), codes issued once and shown once,
 * opened, closed. On close below the quorum the survey ends as NO_QUORUM and records nothing (the office sees
 * codes used / issued while it is open and keeps it open until enough have voted: that is how it "extends");
 * otherwise each unit's weighted result becomes the item's measured value through
 * {@link DecisionService#recordSurveyResult}, so the item's score, the unit's totals and the results table follow.
 */
@Service
class SurveyService {

    static final BigDecimal DEFAULT_QUORUM = new BigDecimal("0.5");
    static final Survey.Values DEFAULT_VALUES = new Survey.Values(BigDecimal.ONE, new BigDecimal("0.6"), BigDecimal.ZERO);
    private static final int MAX_GROUPS = 10;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final Surveys surveys;
    private final Cycles cycles;
    private final RubricReplica rubric;
    private final DecisionService decisions;
    private final MessageSource messages;
    private final ObjectMapper json;

    SurveyService(Surveys surveys, Cycles cycles, RubricReplica rubric, DecisionService decisions,
                  MessageSource messages, ObjectMapper json) {
        this.surveys = surveys;
        this.cycles = cycles;
        this.rubric = rubric;
        this.decisions = decisions;
        this.messages = messages;
        this.json = json;
    }

    /** A code as issued: shown once, never stored. */
    record IssuedCode(int group, String groupName, String code) {
    }

    @Transactional
    public Survey create(String cycleId, SurveyRequest r, CurrentUser user) {
        Cycle cycle = cycles.get(cycleId);
        Faults faults = new Faults(messages);
        String itemCode = blank(r.itemCode()) ? null : r.itemCode().strip();
        if (itemCode == null) {
            faults.add("itemCode", "scoring.decision.required", "itemCode");
        } else {
            faults.add("itemCode", InputLimits.code(itemCode));
        }
        if (blank(r.title())) {
            faults.add("title", "scoring.decision.required", "title");
        } else {
            faults.add("title", InputLimits.text(r.title(), InputLimits.TITLE_MAX));
        }
        Survey.Scale scale = null;
        if (blank(r.scale())) {
            faults.add("scale", "scoring.decision.required", "scale");
        } else {
            try {
                scale = Survey.Scale.valueOf(r.scale().strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                faults.add("scale", "scoring.survey.scale-unknown", InputLimits.excerpt(r.scale()));
            }
        }
        Survey.Values values = r.values() == null ? DEFAULT_VALUES : new Survey.Values(
                value(faults, "values.satisfied", r.values().satisfied(), DEFAULT_VALUES.satisfied()),
                value(faults, "values.basic", r.values().basic(), DEFAULT_VALUES.basic()),
                value(faults, "values.dissatisfied", r.values().dissatisfied(), DEFAULT_VALUES.dissatisfied()));
        BigDecimal quorum = value(faults, "quorum", r.quorum(), DEFAULT_QUORUM);
        List<Survey.VoterGroup> groups = new ArrayList<>();
        if (r.groups() == null || r.groups().isEmpty()) {
            faults.add("groups", "scoring.survey.groups-required");
        } else if (r.groups().size() > MAX_GROUPS) {
            faults.add("groups", "input.too-many", MAX_GROUPS, r.groups().size());
        } else {
            for (int i = 0; i < r.groups().size(); i++) {
                SurveyRequest.Group g = r.groups().get(i);
                String at = "groups[" + i + "]";
                if (g == null || blank(g.name())) {
                    faults.add(at + ".name", "scoring.decision.required", "name");
                    continue;
                }
                faults.add(at + ".name", InputLimits.text(g.name(), InputLimits.NAME_MAX));
                BigDecimal weight = g.weight() == null ? BigDecimal.ONE : g.weight();
                if (weight.signum() <= 0 || weight.compareTo(HUNDRED) > 0 || weight.stripTrailingZeros().scale() > 4) {
                    faults.add(at + ".weight", "scoring.survey.weight-range", weight.toPlainString());
                }
                if (g.codes() == null || g.codes() < 1 || g.codes() > 5000) {
                    faults.add(at + ".codes", "scoring.survey.codes-range", String.valueOf(g.codes()));
                }
                groups.add(new Survey.VoterGroup(i, g.name().strip(), weight, g.codes() == null ? 0 : g.codes(), 0));
            }
        }
        faults.throwIfAny("scoring.survey.invalid");

        List<String> units = new ArrayList<>();
        for (CycleUnit unit : cycles.units(cycleId)) {
            UnitItem item = rubric.items(cycle.rubricVersionId(), unit.unitCode()).item(itemCode);
            if (item != null) {
                units.add(unit.unitCode());
                if (!(item.rule() instanceof Converted || item.rule() instanceof QuantifiedRate)) {
                    faults.add("itemCode", "scoring.survey.rule-not-convertible", itemCode, unit.unitCode(),
                            item.rule().wording());
                    break;
                }
            }
        }
        if (units.isEmpty()) {
            faults.add("itemCode", "scoring.survey.item-unknown", itemCode, cycleId);
        }
        faults.throwIfAny("scoring.survey.invalid");
        Survey survey = new Survey(UUID.randomUUID(), cycleId, itemCode, r.title().strip(), scale, values, quorum,
                Boolean.TRUE.equals(r.trim()), Survey.State.DRAFT, false, groups, units, user.username(), null, null,
                null, null);
        surveys.insert(survey);
        Survey created = surveys.find(survey.id()).orElseThrow();
        AuditTrail.object("create", "survey", created.id().toString());
        AuditTrail.concerns(cycleId, null);
        AuditTrail.change(null, created);
        return created;
    }

    @Transactional(readOnly = true)
    public Survey get(UUID id) {
        return surveys.find(id).orElseThrow(() -> ProblemException.notFound("scoring.survey.not-found", id));
    }

    @Transactional(readOnly = true)
    public List<Survey> ofCycle(String cycleId) {
        cycles.get(cycleId);
        return surveys.ofCycle(cycleId);
    }

    /** Issues every group's codes, once: they are returned here and never again (only their SM3 is kept). */
    @Transactional
    public List<IssuedCode> issueCodes(UUID id) {
        Survey survey = lock(id);
        if (survey.codesIssued()) {
            throw ProblemException.conflict("scoring.survey.codes-issued", survey.title());
        }
        requireState(survey, "issue", Survey.State.DRAFT, Survey.State.OPEN);
        List<IssuedCode> issued = new ArrayList<>();
        for (Survey.VoterGroup group : survey.groups()) {
            for (int i = 0; i < group.codes(); i++) {
                String code = BallotCodes.next();
                surveys.insertCode(id, group.position(), BallotCodes.hash(code).orElseThrow());
                issued.add(new IssuedCode(group.position(), group.name(), code));
            }
        }
        surveys.markCodesIssued(id);
        AuditTrail.object("issue-codes", "survey", id.toString());
        AuditTrail.concerns(survey.cycleId(), null);
        return issued;
    }

    @Transactional
    public Survey open(UUID id) {
        Survey survey = lock(id);
        requireState(survey, "open", Survey.State.DRAFT);
        if (!survey.codesIssued()) {
            throw ProblemException.conflict("scoring.survey.no-codes", survey.title());
        }
        surveys.open(id);
        AuditTrail.object("open", "survey", id.toString());
        AuditTrail.concerns(survey.cycleId(), null);
        return surveys.find(id).orElseThrow();
    }

    /**
     * Closes the survey: waits for ballots being cast (they hold the survey's row shared), checks the quorum,
     * and records each rated unit's result as the item's measured value — all or nothing.
     */
    @Transactional
    public Survey close(UUID id, CurrentUser user) {
        Survey survey = lock(id);
        requireState(survey, "close", Survey.State.OPEN);
        int issued = survey.codesPlanned();
        boolean quorate = BigDecimal.valueOf(survey.codesUsed())
                .compareTo(survey.quorum().multiply(BigDecimal.valueOf(issued))) >= 0 && survey.codesUsed() > 0;
        AuditTrail.object("close", "survey", id.toString());
        AuditTrail.concerns(survey.cycleId(), null);
        if (!quorate) {
            surveys.close(id, Survey.State.NO_QUORUM, user.username());
            return surveys.find(id).orElseThrow();
        }
        Cycle cycle = cycles.get(survey.cycleId());
        List<SurveyTally.Group> groups = survey.groups().stream()
                .map(g -> new SurveyTally.Group(g.position(), g.name(), g.weight())).toList();
        BigDecimal factor = survey.scale() == Survey.Scale.SATISFACTION ? HUNDRED : BigDecimal.ONE;
        Map<String, Map<Integer, List<BigDecimal>>> ratings = surveys.ratings(id);
        for (String unitCode : survey.unitCodes()) {
            SurveyTally.UnitResult result = SurveyTally.unit(unitCode, groups,
                    ratings.getOrDefault(unitCode, Map.of()), survey.trim(), factor);
            BigDecimal points = null;
            UUID decisionId = null;
            if (result.score() != null) {
                UnitItem item = rubric.items(cycle.rubricVersionId(), unitCode).item(survey.itemCode());
                decisionId = UUID.nameUUIDFromBytes(("survey:" + id + ":" + unitCode).getBytes(StandardCharsets.UTF_8));
                Optional<DecisionService.Recorded> recorded = decisions.recordSurveyResult(survey.cycleId(), unitCode,
                        survey.itemCode(), measured(item.rule(), result.score()), reason(survey, result), id.toString(),
                        decisionId, user.username());
                points = recorded.map(r -> r.score().reviewedScore()).orElse(null);
            }
            surveys.insertResult(id, result, points, decisionId, write(result.groups()));
        }
        surveys.close(id, Survey.State.CLOSED, user.username());
        return surveys.find(id).orElseThrow();
    }

    /** The rows of the survey's results table, with the units' names; empty until it closed with a quorum. */
    @Transactional(readOnly = true)
    public List<Map<String, Object>> results(UUID id) {
        Survey survey = get(id);
        Map<String, String> names = new LinkedHashMap<>();
        cycles.units(survey.cycleId()).forEach(u -> names.put(u.unitCode(), u.unitName()));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> row : surveys.results(id)) {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("unitCode", row.get("unitCode"));
            shown.put("unitName", names.get((String) row.get("unitCode")));
            shown.put("ballots", row.get("ballots"));
            shown.put("score", row.get("score"));
            shown.put("points", row.get("points"));
            shown.put("decisionId", row.get("decisionId"));
            try {
                shown.put("groups", json.readTree((String) row.get("groups")));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            rows.add(shown);
        }
        return rows;
    }

    /** The measured value the item's rule takes: 折算 out of its maximum, or a rate out of 100. */
    static Map<String, BigDecimal> measured(ScoringRule rule, BigDecimal score) {
        if (rule instanceof Converted converted) {
            BigDecimal sub = score.multiply(converted.subMaximum()).divide(HUNDRED, MathContext.DECIMAL128)
                    .setScale(2, RoundingMode.HALF_UP);
            return Map.of(Converted.SUB_SCORE, sub);
        }
        if (rule instanceof QuantifiedRate) {
            Map<String, BigDecimal> values = new LinkedHashMap<>();
            values.put(QuantifiedRate.ACTUAL, score);
            values.put(QuantifiedRate.REQUIRED, HUNDRED);
            return values;
        }
        throw ProblemException.conflict("scoring.survey.rule-changed", rule.wording());
    }

    private static String reason(Survey survey, SurveyTally.UnitResult result) {
        String measure = survey.scale() == Survey.Scale.SATISFACTION ? "满意率" + result.score().toPlainString() + "%"
                : "平均得分" + result.score().toPlainString() + "分";
        return "民主测评《" + survey.title() + "》：" + measure + "（收回" + result.ballots() + "票"
                + (survey.trim() ? "，各组去掉一个最高和一个最低" : "") + "）";
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Survey lock(UUID id) {
        return surveys.lock(id).orElseThrow(() -> ProblemException.notFound("scoring.survey.not-found", id));
    }

    private void requireState(Survey survey, String action, Survey.State... allowed) {
        if (!List.of(allowed).contains(survey.state())) {
            throw ProblemException.conflict("scoring.survey.state", survey.title(),
                    messages.getMessage("scoring.survey.state." + survey.state().name(), null, survey.state().name(),
                            org.springframework.context.i18n.LocaleContextHolder.getLocale()),
                    messages.getMessage("scoring.survey.action." + action, null, action,
                            org.springframework.context.i18n.LocaleContextHolder.getLocale()));
        }
    }

    /** A value in [0, 1] with at most 4 places, or its default. */
    private static BigDecimal value(Faults faults, String location, BigDecimal value, BigDecimal fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0 || value.stripTrailingZeros().scale() > 4) {
            faults.add(location, "scoring.survey.value-range", value.toPlainString());
        }
        return value;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
