package io.kaohe.support.problems;

import io.kaohe.contracts.InputLimits;
import java.util.Arrays;
import java.util.List;

/**
 * One fault found in input, not yet in the caller's language: where it is (a field path such as
 * "roots[0].title", a node path such as "1.2.1 严格执行组织生活制度", a cell such as "Sheet1!R12:C5")
 * and a message key with its arguments from the messages bundles. {@link FaultMessages} words it.
 */
public record Fault(String location, String key, List<Object> args) {

    public Fault {
        args = List.copyOf(args);
    }

    public static Fault at(String location, String key, Object... args) {
        return new Fault(location, key, Arrays.asList(args).stream().map(a -> a == null ? (Object) "" : a).toList());
    }

    /** A value out of one of the platform's {@link InputLimits}, at its place. */
    public static Fault at(String location, InputLimits.Violation violation) {
        return at(location, violation.key(), violation.args().toArray());
    }
}
