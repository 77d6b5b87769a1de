package io.kaohe.support.audit;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Opens the audit context of every API request (before Spring Security, so that a refusal there
 * finds it) and, once the request is answered, records the outcome of an audited request whose
 * change did not already record itself at commit. A streamed answer (an .xlsx export) is recorded
 * when its streaming completes, with the status it ended with.
 */
final class AuditFilter extends OncePerRequestFilter {

    private final AuditWriter writer;

    AuditFilter(AuditWriter writer) {
        this.writer = writer;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !path.startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        DigestingRequest body = new DigestingRequest(request);
        AuditContext context = new AuditContext(request, body);
        AuditContext.bind(context);
        boolean failed = true;
        try {
            chain.doFilter(body, response);
            failed = false;
        } finally {
            AuditContext.unbind();
            if (!failed && request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new Completion(context, response));
            } else {
                writer.completed(context, failed && response.getStatus() < 400 ? 500 : response.getStatus());
            }
        }
    }

    private final class Completion implements AsyncListener {

        private final AuditContext context;
        private final HttpServletResponse response;
        private boolean done;

        Completion(AuditContext context, HttpServletResponse response) {
            this.context = context;
            this.response = response;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            finish(response.getStatus());
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            finish(503);
        }

        @Override
        public void onError(AsyncEvent event) {
            finish(500);
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }

        private synchronized void finish(int status) {
            if (!done) {
                done = true;
                writer.completed(context, status);
            }
        }
    }
}
