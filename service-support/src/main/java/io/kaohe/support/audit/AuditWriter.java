package io.kaohe.support.audit;

import io.kaohe.contracts.events.AuditRecorded;
import io.kaohe.support.events.EventPublisher;
import io.kaohe.support.problems.ProblemException;
import io.kaohe.support.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Writes audit records as {@link AuditRecorded} events through the outbox: a committed change in the
 * transaction that commits it, anything else (a refusal, a failure, a download) in a transaction of
 * its own, named {@link #OWN_TRANSACTION} so that it is not itself taken for an audited change.
 */
public class AuditWriter {

    static final String OWN_TRANSACTION = "kaohe-audit";
    private static final Logger log = LoggerFactory.getLogger(AuditWriter.class);
    private static final Pattern TRACEPARENT = Pattern.compile("^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$");
    private static final Set<String> CYCLE_VARIABLES = Set.of("cycleId", "cycle");
    private static final Set<String> UNIT_VARIABLES = Set.of("unitCode", "unit", "unitId");

    private final EventPublisher events;
    private final TransactionTemplate ownTransaction;
    private final String service;
    private final Clock clock;

    public AuditWriter(EventPublisher events, PlatformTransactionManager transactions, String service, Clock clock) {
        this.events = events;
        this.service = service;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.ownTransaction.setName(OWN_TRANSACTION);
    }

    /** In the transaction about to commit: the change the current request makes. */
    void committing(AuditContext context) {
        publish(record(context, context.category(), AuditRecorded.SUCCESS, null, null));
    }

    /** When the request is answered and no committed change recorded it: its outcome, in its own transaction. */
    void completed(AuditContext context, int status) {
        if (context.refusalRecorded() && !context.changeRecorded()) {
            return;
        }
        if (context.changeRecorded()) {
            if (status >= 400) {
                // The change stands (its record says SUCCESS); what the caller was told is recorded too.
                inOwnTransaction(record(context, context.category(), AuditRecorded.FAILED, status,
                        failure(context, "answered " + status + " after its change committed")));
            }
            return;
        }
        if (!context.audited()) {
            return;
        }
        if (context.failure() != null) {
            // Reported by domain code: failed whatever the status (a download cut off after a 200 head).
            inOwnTransaction(record(context, context.category(), AuditRecorded.FAILED, status, context.failure()));
            return;
        }
        String outcome = status < 400 ? AuditRecorded.SUCCESS
                : status == 401 || status == 403 ? AuditRecorded.REFUSED : AuditRecorded.FAILED;
        inOwnTransaction(record(context, context.category(), outcome, status, status < 400 ? null : failure(context, null)));
    }

    /**
     * A refused access, in its own transaction so that it stays recorded when the request's work
     * rolls back. Uses what the current request's context knows (route, addresses, trace) when there is one.
     */
    public void refused(HttpServletRequest request, CurrentUser user, String method, String path, int status,
                        String reason) {
        AuditContext context = AuditContext.current();
        if (context != null && (request == null || context.request == request || sameRequest(context, request))) {
            context.caller(user);
            AuditRecorded record = record(context, AuditRecorded.REFUSAL, AuditRecorded.REFUSED, status, reason);
            if (user != null) {
                record = withUser(record, user);
            }
            inOwnTransaction(record);
            context.refusalRecorded(true);
            return;
        }
        inOwnTransaction(new AuditRecorded(service, AuditRecorded.REFUSAL, AuditRecorded.REFUSED, status,
                cut(reason, 2000), user != null ? user.username() : null, user != null ? sorted(user.roles()) : List.of(),
                user != null ? user.unit() : null, user != null ? user.department() : null,
                user != null ? sorted(user.inspectionUnits()) : List.of(), method, path, path, null, null, null, null,
                null, null, null, null, null, null, null, request != null ? clientAddress(request) : null,
                request != null ? cut(request.getHeader("X-Forwarded-For"), 500) : null,
                request != null ? request.getRemoteAddr() : null, traceId(request), clock.instant()));
    }

    private static boolean sameRequest(AuditContext context, HttpServletRequest request) {
        return context.request.getRequestURI().equals(request.getRequestURI())
                && context.request.getMethod().equals(request.getMethod());
    }

    private void inOwnTransaction(AuditRecorded record) {
        try {
            ownTransaction.executeWithoutResult(tx -> publish(record));
        } catch (RuntimeException e) {
            // What happened stands; losing its record is logged loudly rather than turned into a 500.
            log.error("could not record audit entry {} {} {} -> {}", record.username(), record.method(), record.path(),
                    record.outcome(), e);
        }
    }

    private void publish(AuditRecorded record) {
        String subject = "audit/" + service + (record.objectType() != null
                ? "/" + record.objectType() + (record.objectId() != null ? "/" + record.objectId() : "") : "");
        events.publish(AuditRecorded.TYPE, subject, record.cycleId(), record.unitCode(), record);
    }

    private AuditRecorded record(AuditContext context, String category, String outcome, Integer status, String reason) {
        HttpServletRequest request = context.request;
        CurrentUser user = context.user() != null ? context.user() : authenticated();
        Map<String, String> variables = context.pathVariables();
        String route = context.route();
        String[] object = object(context, route, variables);
        String cycle = context.cycleId() != null ? context.cycleId() : first(variables, CYCLE_VARIABLES);
        String unit = context.unitCode() != null ? context.unitCode() : first(variables, UNIT_VARIABLES);
        String query = request.getQueryString();
        String before = context.before();
        String after = context.after();
        return new AuditRecorded(service, category, outcome, status, cut(reason, 2000),
                user != null ? user.username() : null, user != null ? sorted(user.roles()) : List.of(),
                user != null ? user.unit() : null, user != null ? user.department() : null,
                user != null ? sorted(user.inspectionUnits()) : List.of(),
                request.getMethod(), cut(route != null ? route : request.getRequestURI(), 500),
                cut(request.getRequestURI() + (query != null ? "?" + query : ""), 2000), cut(context.verb(), 100),
                cut(object[0], 100), cut(object[1], 200), cut(cycle, 100), cut(unit, 100),
                context.body.digestHex(), context.body.bytesRead(),
                before != null && before.length() <= AuditTrail.MAX_STATE_CHARS ? before : null,
                after != null && after.length() <= AuditTrail.MAX_STATE_CHARS ? after : null,
                before != null ? Sm3.hex(before) : null, after != null ? Sm3.hex(after) : null,
                clientAddress(request), cut(request.getHeader("X-Forwarded-For"), 500), request.getRemoteAddr(),
                traceId(request), clock.instant());
    }

    private static AuditRecorded withUser(AuditRecorded r, CurrentUser user) {
        return new AuditRecorded(r.service(), r.category(), r.outcome(), r.status(), r.reason(), user.username(),
                sorted(user.roles()), user.unit(), user.department(), sorted(user.inspectionUnits()), r.method(),
                r.route(), r.path(), r.verb(), r.objectType(), r.objectId(), r.cycleId(), r.unitCode(),
                r.requestDigest(), r.requestBytes(), r.before(), r.after(), r.beforeDigest(), r.afterDigest(),
                r.clientAddress(), r.forwardedFor(), r.peerAddress(), r.traceId(), r.occurredAt());
    }

    /** The object: as domain code named it, else the route's last path variable ({@code versions/{id}} → version). */
    static String[] object(AuditContext context, String route, Map<String, String> variables) {
        if (context.objectId() != null || (context.objectType() != null && variables.isEmpty())) {
            return new String[] {context.objectType(), context.objectId()};
        }
        if (route == null || variables.isEmpty()) {
            return new String[] {context.objectType(), null};
        }
        String named = context.objectType();
        if (named != null) {
            for (String variable : new String[] {named + "Id", named + "Code", named}) {
                if (variables.containsKey(variable)) {
                    return new String[] {named, variables.get(variable)};
                }
            }
        }
        String[] segments = route.split("/");
        for (int i = segments.length - 1; i >= 0; i--) {
            String segment = segments[i];
            if (segment.startsWith("{") && segment.endsWith("}")) {
                String name = segment.substring(1, segment.length() - 1);
                String type = context.objectType() != null ? context.objectType() : typeOf(name, segments, i);
                return new String[] {type, variables.get(name)};
            }
        }
        return new String[] {context.objectType(), null};
    }

    private static String typeOf(String variable, String[] segments, int index) {
        if (variable.endsWith("Id") && variable.length() > 2) {
            return variable.substring(0, variable.length() - 2);
        }
        if (variable.endsWith("Code") && variable.length() > 4) {
            return variable.substring(0, variable.length() - 4);
        }
        if (index > 0 && !segments[index - 1].startsWith("{")) {
            String collection = segments[index - 1];
            if (collection.endsWith("ies")) {
                return collection.substring(0, collection.length() - 3) + "y";
            }
            return collection.endsWith("s") ? collection.substring(0, collection.length() - 1) : collection;
        }
        return variable;
    }

    private static String failure(AuditContext context, String fallback) {
        Object exception = context.request.getAttribute(DispatcherServlet.EXCEPTION_ATTRIBUTE);
        if (exception instanceof ProblemException problem) {
            return problem.code();
        }
        if (exception instanceof Throwable thrown) {
            return thrown.getClass().getSimpleName() + (thrown.getMessage() != null ? ": " + thrown.getMessage() : "");
        }
        return fallback;
    }

    private static CurrentUser authenticated() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof JwtAuthenticationToken token ? CurrentUser.from(token.getToken()) : null;
    }

    private static String first(Map<String, String> variables, Set<String> names) {
        for (String name : names) {
            if (variables.containsKey(name)) {
                return variables.get(name);
            }
        }
        return null;
    }

    /** The client as the proxies say (the first X-Forwarded-For entry), else the connection's other end. */
    static String clientAddress(HttpServletRequest request) {
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            return cut(forwarded.split(",")[0].trim(), 100);
        }
        return request.getRemoteAddr();
    }

    static String traceId(HttpServletRequest request) {
        String parent = request != null ? request.getHeader("traceparent") : null;
        if (parent != null) {
            Matcher m = TRACEPARENT.matcher(parent.trim());
            if (m.matches()) {
                return m.group(1);
            }
        }
        return MDC.get("traceId");
    }

    private static List<String> sorted(Set<String> values) {
        return values == null ? List.of() : List.copyOf(new TreeSet<>(values));
    }

    static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
