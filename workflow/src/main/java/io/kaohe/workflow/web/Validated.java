package io.kaohe.workflow.web;

import io.kaohe.support.problems.Faults;
import io.kaohe.support.problems.ProblemException;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.function.BiConsumer;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Bean Validation of request bodies, refused as the platform's problem detail with every field
 * located. Done here rather than with {@code @Valid}: the MVC exception handler that answers
 * {@code @Valid} failures is not always the platform's (see the report on service-support).
 */
@Component
public class Validated {

    private final Validator validator;
    private final MessageSource messages;

    Validated(Validator validator, MessageSource messages) {
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
                    new Faults(messages).add("", "workflow.request.body-missing").errors(), 1);
        }
        Faults faults = new Faults(messages);
        validator.validate(body).stream().sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .forEach(v -> faults.addText(v.getPropertyPath().toString(), v.getMessage()));
        more.accept(body, faults);
        faults.throwIfAny(code);
        return body;
    }
}
