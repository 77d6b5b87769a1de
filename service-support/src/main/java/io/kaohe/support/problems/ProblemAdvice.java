package io.kaohe.support.problems;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.kaohe.contracts.InputLimits;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import java.net.URI;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.lang.Nullable;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Turns refusals into RFC 9457 problem details in the caller's language (zh-CN unless asked otherwise). */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    private final MessageSource messages;

    public ProblemAdvice(MessageSource messages) {
        this.messages = messages;
        setMessageSource(messages);
    }

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> problem(ProblemException e, WebRequest request) {
        Locale locale = LocaleContextHolder.getLocale();
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(e.status(),
                messages.getMessage(e.code(), e.args(), e.code(), locale));
        detail.setTitle(messages.getMessage(e.code() + ".title", null, e.status().getReasonPhrase(), locale));
        detail.setProperty("code", e.code());
        if (!e.errors().isEmpty() || e.more() > 0) {
            detail.setProperty("errors", withMore(e.errors(), e.more(), locale));
        }
        if (e.more() > 0) {
            detail.setProperty("more", e.more());
        }
        e.properties().forEach(detail::setProperty);
        return withInstance(detail, request);
    }

    /** A request parameter out of its constraint (a {@code @Validated} controller): 400 at the parameter. */
    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> parameters(ConstraintViolationException e, WebRequest request) {
        List<ProblemError> errors = e.getConstraintViolations().stream()
                .map(v -> new ProblemError(parameter(v.getPropertyPath()), v.getMessage()))
                .sorted(java.util.Comparator.comparing(ProblemError::location))
                .toList();
        return problem(new ProblemException(HttpStatus.BAD_REQUEST, "platform.invalid-input", errors, errors.size()),
                request);
    }

    /** {@code list.size} (method, parameter) is the parameter {@code size}. */
    private static String parameter(Path path) {
        String name = "";
        for (Path.Node node : path) {
            name = node.getName() == null ? name : node.getName();
        }
        return name;
    }

    /**
     * Anything not foreseen: a 500 problem that names the trace to look for in the logs, never
     * Spring's default error body or a stack trace. Refusals of the security filters and exceptions
     * that carry their own status are left to their handlers, and so is a failure after part of the answer was sent.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, WebRequest request) throws Exception {
        if (e instanceof AccessDeniedException || e instanceof AuthenticationException
                || AnnotatedElementUtils.hasAnnotation(e.getClass(), ResponseStatus.class)) {
            throw e;
        }
        if (request instanceof ServletWebRequest servlet && servlet.getResponse() != null
                && servlet.getResponse().isCommitted()) {
            // Part of the answer is sent (a streamed download or export): a problem would be appended to it as if it
            // were content. Rethrown: the container marks the response failed and closes the connection.
            throw e;
        }
        Locale locale = LocaleContextHolder.getLocale();
        String trace = traceId();
        if (databaseOutOfReach(e)) {
            // Not a bug: PostgreSQL restarting or failing over. The caller may try again; the pool reconnects.
            log.warn("Database out of reach for {} (trace {}): {}", description(request), trace, e.toString());
            ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    messages.getMessage("platform.database-unavailable", new Object[] {trace == null ? "-" : trace}, locale));
            detail.setTitle(messages.getMessage("platform.database-unavailable.title", null, "Service Unavailable", locale));
            detail.setProperty("code", "platform.database-unavailable");
            if (trace != null) {
                detail.setProperty("traceId", trace);
            }
            if (request instanceof ServletWebRequest servlet) {
                detail.setInstance(URI.create(servlet.getRequest().getRequestURI()));
            }
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS)).body(detail);
        }
        log.error("Unexpected failure of {} (trace {})", description(request), trace, e);
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                messages.getMessage("platform.internal-error", new Object[] {trace == null ? "-" : trace}, locale));
        detail.setTitle(messages.getMessage("platform.internal-error.title", null, "Internal Server Error", locale));
        detail.setProperty("code", "platform.internal-error");
        if (trace != null) {
            detail.setProperty("traceId", trace);
        }
        return withInstance(detail, request);
    }

    /** Seconds a client is asked to wait while the database is out of reach. */
    static final int RETRY_AFTER_SECONDS = 5;

    /**
     * The database could not be reached, whatever layer wrapped it (Spring's JDBC translation, a
     * transaction that could not begin, Camunda's persistence): a connection that failed or was
     * refused (SQLState class 08), the server shutting down or starting (57P01–57P03), the pool
     * giving up waiting for a connection. A rollback that failed on a connection the pool had already
     * closed (a {@link TransactionSystemException} caused by "Connection is closed", no SQLState) is judged
     * by the failure that made the transaction roll back, which Spring keeps beside it.
     */
    static boolean databaseOutOfReach(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
                    && databaseOutOfReach(rollback.getApplicationException())) {
                return true;
            }
            if (t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().matches("57P0[123]"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A body that is not JSON, not of the request's shape (a text where a number goes, a field the
     * request does not have), or over a limit: 400 located at the field path or the line and column,
     * or 413 for a body over {@link InputLimits#JSON_BODY_MAX_BYTES}.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (causedBy(ex, BodyLimit.TooLarge.class) != null) {
            return tooLarge(request);
        }
        Locale locale = LocaleContextHolder.getLocale();
        ProblemError error = unreadable(ex, locale);
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                messages.getMessage("platform.invalid-input", new Object[] {1}, locale));
        detail.setTitle(messages.getMessage("platform.invalid-input.title", null, "Bad Request", locale));
        detail.setProperty("code", "platform.invalid-input");
        detail.setProperty("errors", List.of(error));
        return new ResponseEntity<>(detail, headers, HttpStatus.BAD_REQUEST);
    }

    /**
     * A multipart body the container refused outright for its size (spring.servlet.multipart.*), far beyond
     * what any import reads: 413 with the size and the limit, as an import's own limit answers.
     */
    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Locale locale = LocaleContextHolder.getLocale();
        long size = request instanceof ServletWebRequest servlet ? servlet.getRequest().getContentLengthLong() : -1;
        long limit = ex.getMaxUploadSize();
        String code = limit > 0 ? "platform.upload-too-large" : "platform.upload-too-large.unknown-limit";
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
                messages.getMessage(code, new Object[] {size, limit}, locale));
        detail.setTitle(messages.getMessage("platform.upload-too-large.title", null, "Payload Too Large", locale));
        detail.setProperty("code", "platform.upload-too-large");
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(withInstance(detail, request).getBody());
    }

    private ResponseEntity<Object> tooLarge(WebRequest request) {
        Locale locale = LocaleContextHolder.getLocale();
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, messages.getMessage(
                "platform.body-too-large", new Object[] {InputLimits.JSON_BODY_MAX_BYTES / 1024}, locale));
        detail.setTitle(messages.getMessage("platform.body-too-large.title", null, "Payload Too Large", locale));
        detail.setProperty("code", "platform.body-too-large");
        if (request instanceof ServletWebRequest servlet) {
            detail.setInstance(URI.create(servlet.getRequest().getRequestURI()));
        }
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(detail);
    }

    /** Where and what is wrong with an unreadable body, in the caller's language. */
    private ProblemError unreadable(HttpMessageNotReadableException ex, Locale locale) {
        StreamReadException syntax = causedBy(ex, StreamReadException.class);
        if (syntax != null && !(syntax instanceof InputCoercionException)) {
            return new ProblemError(at(syntax.getLocation()), messages.getMessage("input.not-json",
                    new Object[] {excerpt(syntax.getOriginalMessage())}, locale));
        }
        JsonMappingException mapping = causedBy(ex, JsonMappingException.class);
        if (mapping instanceof UnrecognizedPropertyException unknown) {
            return new ProblemError(path(unknown.getPath()),
                    messages.getMessage("input.unknown-field", new Object[] {excerpt(unknown.getPropertyName())}, locale));
        }
        if (mapping instanceof InvalidFormatException format) {
            return new ProblemError(path(format.getPath()), messages.getMessage("input.wrong-value",
                    new Object[] {excerpt(String.valueOf(format.getValue())), typeName(format.getTargetType())}, locale));
        }
        if (mapping instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            return new ProblemError(path(mismatch.getPath()), messages.getMessage("input.wrong-type",
                    new Object[] {typeName(mismatch.getTargetType())}, locale));
        }
        if (mapping != null && !mapping.getPath().isEmpty()) {
            return new ProblemError(path(mapping.getPath()), messages.getMessage("input.unreadable-value",
                    new Object[] {excerpt(mapping.getOriginalMessage())}, locale));
        }
        JsonProcessingException parse = causedBy(ex, JsonProcessingException.class);
        if (parse != null) {
            return new ProblemError(at(parse.getLocation()), messages.getMessage("input.not-json",
                    new Object[] {excerpt(parse.getOriginalMessage())}, locale));
        }
        return new ProblemError("body", messages.getMessage("input.body-missing", null, locale));
    }

    /** Where in the body: {@code body!L2:C7}, or the body when the parser cannot say. */
    private static String at(JsonLocation where) {
        return where == null || where.getLineNr() <= 0 ? "body" : "body!L" + where.getLineNr() + ":C" + where.getColumnNr();
    }

    /** A Jackson path as a field path: {@code roots[0].children[2].points}. */
    static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "?";
        }
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class || type == double.class) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true/false";
        }
        if (type.isEnum()) {
            return String.join("|", java.util.Arrays.stream(type.getEnumConstants()).map(String::valueOf).toList());
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "[…]";
        }
        if (type == String.class) {
            return "text";
        }
        return "{…}";
    }

    private static String excerpt(String text) {
        return InputLimits.excerpt(text);
    }

    private static <T extends Throwable> T causedBy(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private List<ProblemError> withMore(List<ProblemError> errors, int more, Locale locale) {
        if (more <= 0) {
            return errors;
        }
        List<ProblemError> listed = new ArrayList<>(errors);
        listed.add(new ProblemError("…", messages.getMessage("input.more-faults", new Object[] {more}, locale)));
        return listed;
    }

    private static String traceId() {
        String trace = MDC.get("traceId");
        return trace == null || trace.isBlank() ? null : trace;
    }

    private static String description(WebRequest request) {
        return request instanceof ServletWebRequest servlet
                ? servlet.getRequest().getMethod() + " " + servlet.getRequest().getRequestURI() : request.toString();
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> concurrentEdit(OptimisticLockingFailureException e, WebRequest request) {
        return problem(ProblemException.conflict("platform.concurrent-edit"), request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Locale locale = LocaleContextHolder.getLocale();
        List<ProblemError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> new ProblemError(error.getField(), message(error, locale)))
                .toList();
        int listed = Math.min(errors.size(), InputLimits.FAULTS_LISTED);
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                messages.getMessage("platform.invalid-input", new Object[] {errors.size()}, locale));
        detail.setTitle(messages.getMessage("platform.invalid-input.title", null, "Bad Request", locale));
        detail.setProperty("code", "platform.invalid-input");
        detail.setProperty("errors", withMore(errors.subList(0, listed), errors.size() - listed, locale));
        if (errors.size() > listed) {
            detail.setProperty("more", errors.size() - listed);
        }
        return new ResponseEntity<>(detail, headers, HttpStatus.BAD_REQUEST);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail detail && detail.getInstance() == null
                && request instanceof ServletWebRequest servlet) {
            detail.setInstance(URI.create(servlet.getRequest().getRequestURI()));
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private String message(FieldError error, Locale locale) {
        return messages.getMessage(error, locale);
    }

    private ResponseEntity<ProblemDetail> withInstance(ProblemDetail detail, WebRequest request) {
        if (request instanceof ServletWebRequest servlet) {
            detail.setInstance(URI.create(servlet.getRequest().getRequestURI()));
        }
        return ResponseEntity.status(detail.getStatus()).body(detail);
    }
}
