package io.kaohe.support.problems;

import io.kaohe.contracts.InputLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;

/** Collects every fault of an input, each located and in the caller's language, then refuses it at once. */
public final class Faults {

    private final MessageSource messages;
    private final List<ProblemError> errors = new ArrayList<>();

    public Faults(MessageSource messages) {
        this.messages = messages;
    }

    public Faults add(String location, String code, Object... args) {
        errors.add(new ProblemError(location, messages.getMessage(code, args, code, LocaleContextHolder.getLocale())));
        return this;
    }

    /** The fault an {@link InputLimits} check found, if it found one. */
    public Faults add(String location, Optional<InputLimits.Violation> violation) {
        violation.ifPresent(v -> add(location, v.key(), v.args().toArray()));
        return this;
    }

    /** A fault whose text is already written (e.g. the rule evaluator's bilingual measurement messages). */
    public Faults addText(String location, String text) {
        errors.add(new ProblemError(location, text));
        return this;
    }

    public boolean any() {
        return !errors.isEmpty();
    }

    public List<ProblemError> errors() {
        return List.copyOf(errors);
    }

    /** 400 with every fault, as {@code platform.invalid-input} ("{n} field(s) are invalid"). */
    public void throwIfAny() {
        throwIfAny(HttpStatus.BAD_REQUEST, "platform.invalid-input");
    }

    /** 400 with every fault, under {@code code} (whose message takes the number of faults). */
    public void throwIfAny(String code) {
        throwIfAny(HttpStatus.BAD_REQUEST, code);
    }

    /** {@code status} with every fault, under {@code code} (whose message takes the number of faults). */
    public void throwIfAny(HttpStatus status, String code) {
        if (any()) {
            throw new ProblemException(status, code, errors, errors.size());
        }
    }
}
