package io.kaohe.support.problems;

import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.function.BiConsumer;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;

/**
 * Bean Validation of a request body, refused as the platform's problem detail with every field
 * located, for a body read by hand (a task form read as a JSON tree) or checked together with rules
 * that span fields. A {@code @Valid @RequestBody} is refused the same way by {@link ProblemAdvice}.
 */
public class Validated {

    private final Validator validator;
    private final MessageSource messages;

    public Validated(Validator validator, MessageSource messages) {
        this.validator = validator;
        this.messages = messages;
    }

    /** The body, if valid; else 400 {@code code} with one error per violated constraint. */
    public <T> T check(T body, String code) {
        return check(body, code, (b, faults) -> { });
    }

    /**
     * The same, with the body's own rules that span fields ({@code more} adds their faults), refused
     * together with the constraints' in one answer.
     */
    public <T> T check(T body, String code, BiConsumer<T, Faults> more) {
        if (body == null) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, code,
                    new Faults(messages).add("", "input.body-missing").errors(), 1);
        }
        Faults faults = new Faults(messages);
        validator.validate(body).stream().sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .forEach(v -> faults.addText(v.getPropertyPath().toString(), v.getMessage()));
        more.accept(body, faults);
        faults.throwIfAny(code);
        return body;
    }
}
