package io.kaohe.support.problems;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Locale;
import org.slf4j.MDC;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the container answers when a failure happened outside Spring MVC (in a filter, or an error
 * sent by the container): a problem detail like every other, with the trace id for a 500, in place
 * of Spring Boot's default error body. Not an operation of the API: left out of the OpenAPI documents (as springdoc
 * leaves out Spring Boot's own error controller), so the role matrix (test-support {@code RoleMatrix}) does not call it.
 */
@Hidden
@RestController
public class ProblemErrorController implements ErrorController {

    private final MessageSource messages;

    public ProblemErrorController(MessageSource messages) {
        this.messages = messages;
    }

    @RequestMapping(value = "${server.error.path:${error.path:/error}}",
            produces = {MediaType.APPLICATION_PROBLEM_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE, MediaType.ALL_VALUE})
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Locale locale = LocaleContextHolder.getLocale();
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        ProblemDetail detail;
        if (status.is5xxServerError()) {
            String trace = MDC.get("traceId");
            detail = ProblemDetail.forStatusAndDetail(status,
                    messages.getMessage("platform.internal-error", new Object[] {trace == null ? "-" : trace}, locale));
            detail.setTitle(messages.getMessage("platform.internal-error.title", null, status.getReasonPhrase(), locale));
            detail.setProperty("code", "platform.internal-error");
            if (trace != null) {
                detail.setProperty("traceId", trace);
            }
        } else {
            detail = ProblemDetail.forStatus(status);
            detail.setTitle(status.getReasonPhrase());
        }
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String path) {
            detail.setInstance(URI.create(path));
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(detail);
    }
}
