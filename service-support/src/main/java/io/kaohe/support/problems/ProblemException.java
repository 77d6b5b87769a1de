package io.kaohe.support.problems;

import io.kaohe.contracts.InputLimits;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private final transient Map<String, Object> properties = new LinkedHashMap<>();
    private final int more;

    public ProblemException(HttpStatus status, String code, Object... args) {
        this(status, code, List.of(), args);
    }

    /** With every fault located; past {@link InputLimits#FAULTS_LISTED} they are counted, not listed. */
    public ProblemException(HttpStatus status, String code, List<ProblemError> errors, Object... args) {
        this(0, status, code, errors, args);
    }

    /**
     * With the faults listed and {@code more} others found but left out (a 100,000-row import with a
     * fault on every row answers the first ones and "N more", never a 10 MB body).
     */
    public static ProblemException listing(HttpStatus status, String code, List<ProblemError> errors, int more,
                                           Object... args) {
        return new ProblemException(more, status, code, errors, args);
    }

    private ProblemException(int more, HttpStatus status, String code, List<ProblemError> errors, Object[] args) {
        super(code + (errors.isEmpty() ? "" : " " + errors.subList(0, Math.min(errors.size(), 5))
                + (errors.size() > 5 ? " …" : "")));
        this.status = status;
        this.code = code;
        this.args = args;
        int listed = Math.min(errors.size(), InputLimits.FAULTS_LISTED);
        this.errors = List.copyOf(errors.subList(0, listed));
        this.more = more + errors.size() - listed;
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

    /**
     * Adds a property to the problem detail beside code and errors (e.g. the state the caller
     * conflicted with), so a client can act on it without parsing the message.
     */
    public ProblemException with(String name, Object value) {
        if (name == null || name.isBlank() || RESERVED.contains(name)) {
            throw new IllegalArgumentException("not a free problem property: " + name);
        }
        properties.put(name, value);
        return this;
    }

    private static final java.util.Set<String> RESERVED =
            java.util.Set.of("type", "title", "status", "detail", "instance", "code", "errors", "more");

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

    /** The extra properties, in the order added. */
    public Map<String, Object> properties() {
        return java.util.Collections.unmodifiableMap(properties);
    }

    /** Faults found but not listed. */
    public int more() {
        return more;
    }
}
