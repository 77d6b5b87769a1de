package io.kaohe.support.problems;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A refusal the caller can act on: an HTTP status, a message key (localized from the
 * messages bundles, with arguments) and, for input with several faults, every fault located.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final transient Object[] args;
    private final transient List<ProblemError> errors;

    public ProblemException(HttpStatus status, String code, Object... args) {
        this(status, code, List.of(), args);
    }

    public ProblemException(HttpStatus status, String code, List<ProblemError> errors, Object... args) {
        super(code + (errors.isEmpty() ? "" : " " + errors));
        this.status = status;
        this.code = code;
        this.args = args;
        this.errors = List.copyOf(errors);
    }

    public static ProblemException notFound(String code, Object... args) {
        return new ProblemException(HttpStatus.NOT_FOUND, code, args);
    }

    public static ProblemException badRequest(String code, Object... args) {
        return new ProblemException(HttpStatus.BAD_REQUEST, code, args);
    }

    public static ProblemException conflict(String code, Object... args) {
        return new ProblemException(HttpStatus.CONFLICT, code, args);
    }

    public static ProblemException forbidden(String code, Object... args) {
        return new ProblemException(HttpStatus.FORBIDDEN, code, args);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Object[] args() {
        return args.clone();
    }

    public List<ProblemError> errors() {
        return errors;
    }
}
