package io.kaohe.scoring.scores;

import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.scoring.cycles.Cycle;
import io.kaohe.scoring.cycles.CycleUnit;
import io.kaohe.support.problems.ProblemException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The overwrite rule: a judged score or a measurement replaces the one in force before it, so a new one must
 * name that one (supersedes) and it must still be current; deductions and bonuses add up as lines and replace
 * nothing. The item's assessment version makes the rule hold between concurrent requests: of two that read the
 * same version only one records, and the other gets the 409 it would have got had it come second. Every refusal
 * names who decided first and when.
 */
@Component
class OverwriteRule {

    /** Times in messages: the platform's users are in China. */
    private static final DateTimeFormatter SHOWN = DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Shanghai"));

    private final Decisions decisions;
    private final MessageSource messages;

    OverwriteRule(Decisions decisions, MessageSource messages) {
        this.decisions = decisions;
        this.messages = messages;
    }

    /**
     * A decision otherwise valid, before it is recorded: refused (409) when the one it names was superseded
     * meanwhile, when it would overwrite the one in force without naming it, or names another.
     */
    void check(Cycle cycle, CycleUnit unit, UnitItem item, DecisionKind kind, Set<String> measures,
               UUID supersedes) {
        if (supersedes != null && decisions.isSuperseded(supersedes)) {
            Decision head = decisions.head(supersedes).orElseThrow();
            throw notCurrent(supersedes, head);
        }
        Decision overwritten = overwritten(cycle, unit, item, kind, measures);
        if (overwritten != null && supersedes == null) {
            throw conflict("scoring.decision.supersedes-required", overwritten, item.itemCode(), unit.unitCode(),
                    kindName(overwritten.kind()));
        }
        if (overwritten != null && !overwritten.id().equals(supersedes)) {
            throw notCurrent(supersedes, overwritten);
        }
    }

    /**
     * What a new decision of this kind would silently overwrite if it did not name it: the item's
     * effective judged score for a JUDGED; for a MEASUREMENT the latest effective measurement that
     * set one of the same values (measurements of different values combine, as the scorer does).
     * Deductions and bonuses add up as lines and overwrite nothing: null.
     */
    private Decision overwritten(Cycle cycle, CycleUnit unit, UnitItem item, DecisionKind kind,
                                 Set<String> measures) {
        if (kind != DecisionKind.JUDGED && kind != DecisionKind.MEASUREMENT) {
            return null;
        }
        return overwritten(decisions.effective(cycle.cycleId(), unit.unitCode(), item.itemCode()), kind, measures);
    }

    /** {@link #overwritten(Cycle, CycleUnit, UnitItem, DecisionKind, Set)} among the item's effective decisions. */
    static Decision overwritten(List<Decision> effective, DecisionKind kind, Set<String> measures) {
        if (kind != DecisionKind.JUDGED && kind != DecisionKind.MEASUREMENT) {
            return null;
        }
        for (int i = effective.size() - 1; i >= 0; i--) {
            Decision d = effective.get(i);
            if (d.kind() == kind && (kind == DecisionKind.JUDGED
                    || !Collections.disjoint(d.measured().keySet(), measures))) {
                return d;
            }
        }
        return null;
    }

    /**
     * The item's next assessment version for a judged score, a measurement, or the withdrawal of
     * one; null for deductions and bonuses (they co-exist). The unique index on the version is what
     * stops two transactions that read the same version from both recording.
     */
    Integer assessmentVersion(Decision d) {
        DecisionKind kind = d.kind();
        if (kind == DecisionKind.WITHDRAWAL && d.supersedes() != null) {
            kind = decisions.find(d.supersedes()).map(Decision::kind).orElse(kind);
        }
        if (kind != DecisionKind.JUDGED && kind != DecisionKind.MEASUREMENT) {
            return null;
        }
        return decisions.itemVersion(d.cycleId(), d.unitCode(), d.itemCode()) + 1;
    }

    /**
     * After another transaction won the race for the item's version (or for superseding the same
     * decision): the same 409 the loser would have got had it come second, read afresh.
     */
    ProblemException lostRace(String cycleId, DecisionRequest request) {
        Optional<Decision> current = Optional.empty();
        UUID named = null;
        if (!blank(request.supersedes())) {
            try {
                named = UUID.fromString(request.supersedes().strip());
                current = decisions.head(named);
            } catch (IllegalArgumentException e) {
                named = null;
            }
        }
        if (current.isEmpty() || current.get().id().equals(named)) {
            current = decisions.effective(cycleId, request.unitCode(), request.itemCode()).stream()
                    .filter(d -> d.kind() == DecisionKind.JUDGED || d.kind() == DecisionKind.MEASUREMENT)
                    .reduce((first, second) -> second);
        }
        if (current.isEmpty()) {
            return ProblemException.conflict("platform.concurrent-edit");
        }
        return named == null
                ? conflict("scoring.decision.supersedes-required", current.get(), request.itemCode(),
                        request.unitCode(), kindName(current.get().kind()))
                : notCurrent(named, current.get());
    }

    private ProblemException notCurrent(UUID named, Decision current) {
        return conflict("scoring.decision.not-current", current, String.valueOf(named));
    }

    /**
     * A 409 whose message names who decided first and when (the arguments after {@code args} are
     * the current decision's decider, capacity, time and id), with the same as a {@code current}
     * property for the portal.
     */
    private ProblemException conflict(String code, Decision current, Object... args) {
        Integer version = decisions.itemVersionOf(current.id());
        String department = current.actingAs() != null && current.actingAs().startsWith("department:")
                ? current.actingAs().substring("department:".length()) : null;
        String at = current.recordedAt() == null ? "" : SHOWN.format(current.recordedAt());
        Object[] all = Arrays.copyOf(args, args.length + 4);
        all[args.length] = current.decidedBy();
        all[args.length + 1] = department != null ? department : current.actingAs();
        all[args.length + 2] = at;
        all[args.length + 3] = current.id().toString();
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("decision", current.id().toString());
        shown.put("kind", current.kind().name());
        shown.put("decidedBy", current.decidedBy());
        shown.put("department", department);
        shown.put("actingAs", current.actingAs());
        shown.put("recordedAt", current.recordedAt() == null ? null : current.recordedAt().toString());
        shown.put("itemVersion", version);
        return ProblemException.conflict(code, all).with("current", shown);
    }

    private String kindName(DecisionKind kind) {
        return messages.getMessage("scoring.decision.kind." + kind.name(), null, kind.name(),
                LocaleContextHolder.getLocale());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
