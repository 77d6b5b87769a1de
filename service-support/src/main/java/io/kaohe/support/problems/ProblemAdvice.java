package io.kaohe.support.problems;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Turns refusals into RFC 9457 problem details in the caller's language (zh-CN unless asked otherwise). */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {

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
        if (!e.errors().isEmpty()) {
            detail.setProperty("errors", e.errors());
        }
        e.properties().forEach(detail::setProperty);
        return withInstance(detail, request);
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
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                messages.getMessage("platform.invalid-input", new Object[] {errors.size()}, locale));
        detail.setTitle(messages.getMessage("platform.invalid-input.title", null, "Bad Request", locale));
        detail.setProperty("code", "platform.invalid-input");
        detail.setProperty("errors", errors);
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
