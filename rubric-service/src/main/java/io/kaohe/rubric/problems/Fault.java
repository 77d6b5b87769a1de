package io.kaohe.rubric.problems;

import java.util.Arrays;
import java.util.List;

/**
 * One fault found in input, not yet in the caller's language: where it is (a node path such as
 * "1.2.1 严格执行组织生活制度", a cell such as "Sheet1!R12:C5", a field) and a message key with
 * its arguments from the service's messages bundles.
 */
public record Fault(String location, String key, List<Object> args) {

    public Fault {
        args = List.copyOf(args);
    }

    public static Fault at(String location, String key, Object... args) {
        return new Fault(location, key, Arrays.asList(args).stream().map(a -> a == null ? (Object) "" : a).toList());
    }
}
