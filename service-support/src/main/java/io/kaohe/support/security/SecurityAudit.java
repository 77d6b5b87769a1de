package io.kaohe.support.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records every refused access in the append-only {@code security_audit} table, in a
 * transaction of its own so that the refusal stays recorded when the request's work rolls back.
 */
public class SecurityAudit {

    private static final Logger log = LoggerFactory.getLogger(SecurityAudit.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;

    public SecurityAudit(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** A refusal decided by the filter chain (401 or 403). */
    public void denied(HttpServletRequest request, Authentication authentication, int status, String reason) {
        String username = null;
        String roles = null;
        if (authentication instanceof JwtAuthenticationToken token) {
            CurrentUser user = CurrentUser.from(token.getToken());
            username = user.username();
            roles = String.join(",", new TreeSet<>(user.roles()));
        }
        record(username, roles, request.getMethod(), request.getRequestURI(), status, reason);
    }

    /**
     * A refusal decided on the object: e.g. a unit's user asking for another unit's data, which
     * is answered 404 so as not to reveal that it exists.
     */
    public void deniedObject(CurrentUser user, String method, String path, int status, String reason) {
        record(user.username(), String.join(",", new TreeSet<>(user.roles())), method, path, status, reason);
    }

    private void record(String username, String roles, String method, String path, int status, String reason) {
        log.warn("access refused: user={} roles={} {} {} -> {} ({})", username, roles, method, path, status, reason);
        try {
            ownTransaction.executeWithoutResult(tx -> jdbc.update(
                    "insert into security_audit (username, roles, method, path, outcome, reason) values (?, ?, ?, ?, ?, ?)",
                    username, roles, method, path, status, reason));
        } catch (RuntimeException e) {
            // The refusal itself stands; losing its record is logged loudly rather than turned into a 500.
            log.error("could not record refused access to {} {}", method, path, e);
        }
    }
}
