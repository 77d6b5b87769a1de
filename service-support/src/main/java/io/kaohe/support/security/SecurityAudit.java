package io.kaohe.support.security;

import io.kaohe.support.audit.AuditWriter;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Records every refused access in the audit trail (an {@code AuditRecorded} event with outcome
 * {@code REFUSED}, kept by audit-service), in a transaction of its own so that the refusal stays
 * recorded when the request's work rolls back. The per-service {@code security_audit} tables it
 * used to fill are kept read-only with their old rows.
 */
public class SecurityAudit {

    private final AuditWriter writer;

    public SecurityAudit(AuditWriter writer) {
        this.writer = writer;
    }

    /** A refusal decided by the filter chain (401 or 403). */
    public void denied(HttpServletRequest request, Authentication authentication, int status, String reason) {
        CurrentUser user = authentication instanceof JwtAuthenticationToken token ? CurrentUser.from(token.getToken()) : null;
        writer.refused(request, user, request.getMethod(), request.getRequestURI(), status, reason);
    }

    /**
     * A refusal decided on the object: e.g. a unit's user asking for another unit's data, which
     * is answered 404 so as not to reveal that it exists.
     */
    public void deniedObject(CurrentUser user, String method, String path, int status, String reason) {
        writer.refused(null, user, method, path, status, reason);
    }
}
