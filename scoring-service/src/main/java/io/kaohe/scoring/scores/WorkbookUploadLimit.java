package io.kaohe.scoring.scores;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/** An upload the container refused for its size is answered like a workbook over the limit: 413 with the limit. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class WorkbookUploadLimit {

    private final MessageSource messages;
    private final long maxBytes;

    WorkbookUploadLimit(MessageSource messages, @Value("${kaohe.scoring.workbook.max-bytes}") long maxBytes) {
        this.messages = messages;
        this.maxBytes = maxBytes;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
        Locale locale = LocaleContextHolder.getLocale();
        String code = "scoring.workbook.too-large";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
                messages.getMessage(code, new Object[] {request.getContentLengthLong(), maxBytes}, locale));
        problem.setTitle(messages.getMessage(code + ".title", null, "Payload Too Large", locale));
        problem.setInstance(URI.create(request.getRequestURI()));
        problem.setProperty("code", code);
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(problem);
    }
}
