package io.kaohe.evidence.access;

import io.kaohe.support.problems.ProblemError;
import io.kaohe.support.problems.ProblemException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;

/** Collects every fault of one request, each located and in the caller's language, before refusing it whole. */
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

    /** A fault already worded in the caller's language (e.g. a measured value's, worded by the contracts). */
    public Faults addText(String location, String message) {
        errors.add(new ProblemError(location, message));
        return this;
    }

    public boolean any() {
        return !errors.isEmpty();
    }

    public List<ProblemError> errors() {
        return List.copyOf(errors);
    }

    /** Refuses the request (400, "{n} field(s) are invalid") if anything was found. */
    public void throwIfAny() {
        throwIfAny(HttpStatus.BAD_REQUEST, "platform.invalid-input");
    }

    public void throwIfAny(HttpStatus status, String code) {
        if (!errors.isEmpty()) {
            throw new ProblemException(status, code, errors, errors.size());
        }
    }
}
