package io.kaohe.support.audit;

import io.kaohe.contracts.events.AuditRecorded;
import io.kaohe.support.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Set;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;

/**
 * What the audit knows about the request being served on this thread: which request, whether it is
 * audited (every write; exports and downloads marked {@link Audited}), who asks, which handler
 * answers, what domain code said about the object, and which of its records were already written.
 */
final class AuditContext {

    private static final ThreadLocal<AuditContext> CURRENT = new ThreadLocal<>();
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    final HttpServletRequest request;
    final DigestingRequest body;
    private volatile boolean audited;
    private volatile String category;
    private volatile HandlerMethod handler;
    private volatile CurrentUser user;
    private volatile String verb;
    private volatile String objectType;
    private volatile String objectId;
    private volatile String cycleId;
    private volatile String unitCode;
    private volatile String before;
    private volatile String after;
    private volatile boolean changeRecorded;
    private volatile boolean refusalRecorded;
    private volatile String failure;

    AuditContext(HttpServletRequest request, DigestingRequest body) {
        this.request = request;
        this.body = body;
        this.audited = !READS.contains(request.getMethod());
        this.category = AuditRecorded.WRITE;
    }

    static AuditContext current() {
        return CURRENT.get();
    }

    static void bind(AuditContext context) {
        CURRENT.set(context);
    }

    static void unbind() {
        CURRENT.remove();
    }

    /** The handler that answers, and who asks: known once Spring MVC chose it, after authentication. */
    void handledBy(HandlerMethod method, CurrentUser caller) {
        this.handler = method;
        if (caller != null) {
            this.user = caller;
        }
        Audited marked = method.getMethodAnnotation(Audited.class);
        if (marked != null) {
            if (!audited) {
                audited = true;
                category = AuditRecorded.EXPORT;
            }
            if (verb == null) {
                verb = marked.action();
            }
            if (objectType == null && !marked.object().isEmpty()) {
                objectType = marked.object();
            }
        }
    }

    void caller(CurrentUser caller) {
        if (caller != null && user == null) {
            user = caller;
        }
    }

    void describe(String verb, String type, String id) {
        if (verb != null) {
            this.verb = verb;
        }
        this.objectType = type;
        this.objectId = id;
    }

    void concerns(String cycle, String unit) {
        this.cycleId = cycle;
        this.unitCode = unit;
    }

    void change(String before, String after) {
        this.before = before;
        this.after = after;
    }

    boolean audited() {
        return audited;
    }

    String category() {
        return category;
    }

    CurrentUser user() {
        return user;
    }

    String verb() {
        if (verb != null) {
            return verb;
        }
        return handler != null ? handler.getMethod().getName() : null;
    }

    String objectType() {
        return objectType;
    }

    String objectId() {
        return objectId;
    }

    String cycleId() {
        return cycleId;
    }

    String unitCode() {
        return unitCode;
    }

    String before() {
        return before;
    }

    String after() {
        return after;
    }

    /** A failure domain code reported, whatever the status says. */
    void failed(String reason) {
        this.failure = reason;
    }

    String failure() {
        return failure;
    }

    boolean changeRecorded() {
        return changeRecorded;
    }

    void changeRecorded(boolean recorded) {
        this.changeRecorded = recorded;
    }

    boolean refusalRecorded() {
        return refusalRecorded;
    }

    void refusalRecorded(boolean recorded) {
        this.refusalRecorded = recorded;
    }

    @SuppressWarnings("unchecked")
    Map<String, String> pathVariables() {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        return variables instanceof Map<?, ?> map ? (Map<String, String>) map : Map.of();
    }

    String route() {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        return pattern != null ? pattern.toString() : null;
    }
}
