package io.kaohe.workflow.process;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;

/** Typed reads of process variables, for the sending steps. */
final class Variables {

    private Variables() {
    }

    static String text(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value == null ? null : value.toString();
    }

    /** A text kept as UTF-8 bytes (longer than a text variable holds), or as text. */
    static String longText(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                : value == null ? null : value.toString();
    }

    static String required(VariableScope scope, String name) {
        String value = text(scope, name);
        if (value == null) {
            throw new IllegalStateException("process variable " + name + " is missing");
        }
        return value;
    }

    static Instant instant(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value instanceof Date date ? date.toInstant() : null;
    }

    static List<String> strings(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        List<String> strings = new ArrayList<>();
        if (value instanceof Collection<?> values) {
            values.forEach(v -> strings.add(String.valueOf(v)));
        }
        return strings;
    }

    /** The instant of the engine's clock (moved by tests; the system clock otherwise). */
    static Instant now() {
        return org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant();
    }
}
