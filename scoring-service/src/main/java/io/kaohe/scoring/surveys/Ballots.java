package io.kaohe.scoring.surveys;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.contracts.InputLimits;
import io.kaohe.scoring.cycles.CycleUnit;
import io.kaohe.scoring.cycles.Cycles;
import io.kaohe.support.problems.Faults;
import io.kaohe.support.problems.ProblemException;
import io.kaohe.support.security.SecurityAudit;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Anonymous ballots. A code is checked by its SM3; the ballot's form is shown for an unused code of an open
 * survey; casting deletes the code and stores the ratings in one transaction, so a code counts once even when
 * two ballots race with it (the second finds it gone). A refused code is audited without the code (its
 * reason names only the survey, if the code was one of its); an address with too many refused codes is
 * told to wait (429) for a while.
 */
@Service
class Ballots {

    static final Duration WINDOW = Duration.ofMinutes(15);

    private final Surveys surveys;
    private final Cycles cycles;
    private final SecurityAudit audit;
    private final MessageSource messages;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    /** Refused codes an address may try in {@link #WINDOW} before it must wait. */
    private final int maxFailures;

    Ballots(Surveys surveys, Cycles cycles, SecurityAudit audit, MessageSource messages,
            @Value("${kaohe.scoring.ballots.max-failures:20}") int maxFailures) {
        this.maxFailures = maxFailures;
        this.surveys = surveys;
        this.cycles = cycles;
        this.audit = audit;
        this.messages = messages;
    }

    /** What a ballot shows: the survey's title, the voter's group, the answers allowed and the units to rate. */
    record Form(String title, String scale, String group, List<Unit> units) {
    }

    record Unit(String unitCode, String unitName) {
    }

    @Transactional
    public Form form(String code, String address, String path) {
        Found found = find(code, address, "POST", path);
        Survey survey = found.survey();
        Map<String, String> names = names(survey);
        return new Form(survey.title(), survey.scale().name(), survey.groups().get(found.group()).name(),
                survey.unitCodes().stream().map(u -> new Unit(u, names.get(u))).toList());
    }

    @Transactional
    public void cast(BallotRequest ballot, String address, String path) {
        Found found = find(ballot.code(), address, "POST", path);
        Survey survey = found.survey();
        Map<String, BigDecimal> values = ratings(survey, ballot.ratings());
        if (!surveys.use(found.hash(), survey.id(), found.group())) {
            // Used by a ballot that committed while this one was being checked.
            throw refuse(address, "POST", path, survey.id());
        }
        values.forEach((unit, value) -> surveys.rate(survey.id(), found.group(), unit, value));
    }

    private record Found(Survey survey, int group, String hash) {
    }

    /** The open survey an unused code belongs to, its row shared until the transaction ends (a close waits). */
    private Found find(String code, String address, String method, String path) {
        throttle(address);
        String hash = BallotCodes.hash(code).orElseThrow(() -> refuse(address, method, path, null));
        Map.Entry<UUID, Integer> owner = surveys.code(hash).orElseThrow(() -> refuse(address, method, path, null));
        Survey survey = surveys.share(owner.getKey()).orElseThrow(() -> refuse(address, method, path, null));
        if (survey.state() != Survey.State.OPEN) {
            throw ProblemException.conflict("scoring.ballot.not-open", survey.title());
        }
        return new Found(survey, owner.getValue(), hash);
    }

    /** The ratings by unit as stored: a satisfaction answer's configured value, or a whole score 1–100. */
    private Map<String, BigDecimal> ratings(Survey survey, JsonNode ratings) {
        Faults faults = new Faults(messages);
        Map<String, BigDecimal> values = new LinkedHashMap<>();
        if (ratings == null || !ratings.isObject() || ratings.isEmpty()) {
            faults.add("ratings", "scoring.ballot.empty");
            faults.throwIfAny("scoring.ballot.invalid");
        }
        if (ratings.size() > survey.unitCodes().size()) {
            faults.add("ratings", "input.too-many", survey.unitCodes().size(), ratings.size());
            faults.throwIfAny("scoring.ballot.invalid");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = ratings.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String at = "ratings." + InputLimits.excerpt(field.getKey());
            if (!survey.unitCodes().contains(field.getKey())) {
                faults.add(at, "scoring.ballot.unit-unknown", InputLimits.excerpt(field.getKey()));
                continue;
            }
            JsonNode answer = field.getValue();
            BigDecimal value = survey.scale() == Survey.Scale.SATISFACTION ? satisfaction(survey, answer) : score(answer);
            if (value == null) {
                faults.add(at, "scoring.ballot.rating-" + survey.scale().name().toLowerCase(java.util.Locale.ROOT),
                        InputLimits.excerpt(answer.isTextual() ? answer.textValue() : answer.toString()));
            } else {
                values.put(field.getKey(), value);
            }
        }
        faults.throwIfAny("scoring.ballot.invalid");
        return values;
    }

    private static BigDecimal satisfaction(Survey survey, JsonNode answer) {
        if (!answer.isTextual()) {
            return null;
        }
        return switch (answer.textValue()) {
            case "SATISFIED" -> survey.values().satisfied();
            case "BASIC" -> survey.values().basic();
            case "DISSATISFIED" -> survey.values().dissatisfied();
            default -> null;
        };
    }

    private static BigDecimal score(JsonNode answer) {
        if (!answer.isIntegralNumber() || !answer.canConvertToInt()) {
            return null;
        }
        int score = answer.intValue();
        return score >= 1 && score <= 100 ? BigDecimal.valueOf(score) : null;
    }

    private Map<String, String> names(Survey survey) {
        Map<String, String> names = new LinkedHashMap<>();
        for (CycleUnit unit : cycles.units(survey.cycleId())) {
            names.put(unit.unitCode(), unit.unitName());
        }
        return names;
    }

    /** A refused code: audited without the code, counted against the address. */
    private ProblemException refuse(String address, String method, String path, UUID survey) {
        Instant now = clock.instant();
        failures.compute(address, (a, f) -> f == null || f.since().plus(WINDOW).isBefore(now)
                ? new Failures(now, 1) : new Failures(f.since(), f.count() + 1));
        audit.deniedObject(null, method, path, 403,
                "scoring.ballot.code-refused" + (survey == null ? "" : " survey " + survey));
        return ProblemException.forbidden("scoring.ballot.code-refused");
    }

    private void throttle(String address) {
        Instant now = clock.instant();
        Failures f = failures.get(address);
        if (f != null && f.since().plus(WINDOW).isBefore(now)) {
            failures.remove(address, f);
        } else if (f != null && f.count() >= maxFailures) {
            audit.deniedObject(null, "POST", "/api/scoring/ballots", 429, "scoring.ballot.throttled");
            throw new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "scoring.ballot.throttled",
                    WINDOW.toMinutes());
        }
        if (failures.size() > 10_000) {
            failures.entrySet().removeIf(e -> e.getValue().since().plus(WINDOW).isBefore(now));
        }
    }

    private record Failures(Instant since, int count) {
    }

}
