package io.kaohe.evidence.access;

import io.kaohe.support.problems.ProblemError;
import java.util.List;
import org.springframework.context.MessageSource;

/**
 * The old name of {@link io.kaohe.support.problems.Faults}, kept only because
 * {@code assessments.Measurements} and its test take it until the shared MeasureSpec check
 * replaces them (issue 12): every fault added here goes into the service-support {@code Faults} it
 * wraps. Delete this class with them; nothing else uses it.
 */
public final class Faults {

    private final io.kaohe.support.problems.Faults faults;

    public Faults(MessageSource messages) {
        this(new io.kaohe.support.problems.Faults(messages));
    }

    public Faults(io.kaohe.support.problems.Faults faults) {
        this.faults = faults;
    }

    public Faults add(String location, String code, Object... args) {
        faults.add(location, code, args);
        return this;
    }

    public boolean any() {
        return faults.any();
    }

    public List<ProblemError> errors() {
        return faults.errors();
    }
}
