package io.kaohe.scoring.scores;

import io.kaohe.support.problems.ProblemError;
import io.kaohe.support.problems.ProblemException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;

/** Every fault of one input, each located and in the caller's language; refused together. */
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

    /** A fault whose text is already written (the evaluator's bilingual measurement messages). */
    public Faults addText(String location, String text) {
        errors.add(new ProblemError(location, text));
        return this;
    }

    public boolean any() {
        return !errors.isEmpty();
    }

    /** Throws a 400 listing every fault, under {@code code}, if there is any. */
    public void throwIfAny(String code) {
        if (any()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, code, errors, errors.size());
        }
    }
}
