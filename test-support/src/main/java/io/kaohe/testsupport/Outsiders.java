package io.kaohe.testsupport;

import static io.kaohe.testsupport.RoleMatrix.ANY_UNIT;
import static io.kaohe.testsupport.RoleMatrix.UNIT;
import static io.kaohe.testsupport.RoleMatrix.checkNoServerError;

import io.kaohe.testsupport.Call.Answer;
import io.kaohe.testsupport.RoleMatrix.Scope;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The outsiders' part of {@link RoleMatrix#verify}: at each operation on a unit's or a department's things, the demo
 * users who must be refused them are asked, then the insiders they are compared with, and each outsider's answer is
 * judged against theirs; the refusals are counted by scope and what nothing could judge is kept.
 */
final class Outsiders {

    /** Who must be refused the things of {@link RoleMatrix#UNIT} or {@link RoleMatrix#DEPARTMENT}, each with the insider it is compared with. */
    static final List<Outsider> OUTSIDERS = List.of(
            new Outsider("reporter.zjfy", "reporter.sjw", Scope.OTHER_UNIT),
            new Outsider("head.zjfy", "head.sjw", Scope.OTHER_UNIT),
            new Outsider("reviewer.swzzb", "reviewer.fpymj", Scope.OTHER_DEPARTMENT),
            new Outsider("inspector.2", "inspector.1", Scope.UNINSPECTED_UNIT));

    /** A demo user who must be refused, and the user the answer is compared with, who may reach the things. */
    record Outsider(String user, String insider, Scope scope) {
    }

    enum Verdict { REFUSED, UNJUDGED, NOT_REFUSED }

    private final Map<Scope, Integer> refused = new EnumMap<>(Scope.class);
    private final List<String> unjudged = new ArrayList<>();

    Outsiders() {
        for (Scope scope : Scope.values()) {
            refused.put(scope, 0);
        }
    }

    /**
     * Asks the outsiders this operation concerns under its row, and their insiders, judging each outsider's answer
     * (a fault where one was let through); returns the number of calls made.
     */
    int ask(Call call, Set<String> allowed, List<String> faults) {
        int calls = 0;
        // Every outsider first, on the things as the test (or an earlier operation) left them; then the insiders,
        // the first of whom may change them (withdraw a file, cancel an upload) before the next is asked.
        Map<Outsider, Answer> outsiders = new LinkedHashMap<>();
        for (Outsider outsider : OUTSIDERS) {
            if (asks(outsider.scope(), call, allowed)) {
                Answer answer = call.as(outsider.user());
                calls++;
                checkNoServerError(faults, call, outsider.user(), answer);
                outsiders.put(outsider, answer);
            }
        }
        Map<String, Answer> insiders = new LinkedHashMap<>();
        for (Outsider outsider : outsiders.keySet()) {
            if (!insiders.containsKey(outsider.insider())) {
                Answer answer = call.as(outsider.insider());
                calls++;
                checkNoServerError(faults, call, outsider.insider(), answer);
                insiders.put(outsider.insider(), answer);
            }
        }
        for (Map.Entry<Outsider, Answer> asked : outsiders.entrySet()) {
            Outsider outsider = asked.getKey();
            Answer answer = asked.getValue();
            List<Answer> sameScope = outsiders.keySet().stream().filter(o -> o.scope() == outsider.scope())
                    .map(o -> insiders.get(o.insider())).distinct().toList();
            switch (judge(answer, sameScope, List.copyOf(insiders.values()))) {
                case REFUSED -> refused.merge(outsider.scope(), 1, Integer::sum);
                case UNJUDGED -> unjudged.add(call + " as " + outsider.user() + ": " + answer.status() + " "
                        + answer.code() + ", as " + outsider.insider());
                case NOT_REFUSED -> faults.add(call + " as " + outsider.user() + " (" + describe(outsider.scope())
                        + "): " + answer + ", not refused (" + outsider.insider() + " got "
                        + insiders.get(outsider.insider()).status() + ")");
            }
        }
        return calls;
    }

    /** The outsider calls refused so far, by whose things they were asked for. */
    Map<Scope, Integer> refused() {
        return Collections.unmodifiableMap(refused);
    }

    /** The outsider calls nothing could judge so far. */
    List<String> unjudged() {
        return List.copyOf(unjudged);
    }

    /** Whether this outsider is asked on this operation under this row. */
    static boolean asks(Scope scope, Call call, Set<String> allowed) {
        return switch (scope) {
            case OTHER_UNIT -> call.unitScoped && !allowed.contains(ANY_UNIT);
            case OTHER_DEPARTMENT -> call.departmentScoped;
            case UNINSPECTED_UNIT -> call.unitScoped && (allowed.contains("*") || allowed.contains("inspector"));
        };
    }

    private static String describe(Scope scope) {
        return switch (scope) {
            case OTHER_UNIT -> "of another unit";
            case OTHER_DEPARTMENT -> "of another department";
            case UNINSPECTED_UNIT -> "an inspector not of " + UNIT;
        };
    }

    /**
     * An outsider's answer against the insiders' at the same operation: 403 is a refusal, and so is a 404 when any
     * insider got something else (the thing is there: "nothing you can reach"); any other refusal that an insider of
     * the same kind got too (a body's validation, an unknown placeholder object) tells nothing, and so does a 404 all
     * insiders got; anything else lets the outsider through.
     *
     * @param sameScope the answers of the insiders the outsider is compared with (of its unit, department, inspection)
     * @param all       the answers of every insider asked at this operation
     */
    static Verdict judge(Answer outsider, List<Answer> sameScope, List<Answer> all) {
        if (outsider.status() == 403) {
            return Verdict.REFUSED;
        }
        if (outsider.status() == 404) {
            return all.stream().anyMatch(insider -> !outsider.sameAs(insider)) ? Verdict.REFUSED : Verdict.UNJUDGED;
        }
        if (outsider.status() >= 400 && sameScope.stream().anyMatch(outsider::sameAs)) {
            return Verdict.UNJUDGED;
        }
        return Verdict.NOT_REFUSED;
    }
}
