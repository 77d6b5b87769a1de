package io.kaohe.support.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.kaohe.support.events.EventJson;

/**
 * What domain code adds to the current request's audit record, before its transaction commits: the
 * object acted on (a decision created, a version published) and, for the important objects, the
 * state before and after. Outside an audited request these calls do nothing.
 */
public final class AuditTrail {

    /** Longer JSON is kept as its digest only, so one large object cannot bloat the trail. */
    static final int MAX_STATE_CHARS = 8_000;

    private AuditTrail() {
    }

    /** The domain verb and the object of the current request ({@code "decide", "decision", id}). */
    public static void object(String verb, String type, String id) {
        AuditContext context = AuditContext.current();
        if (context != null) {
            context.describe(verb, type, id);
        }
    }

    /** The assessment cycle and the unit the current request concerns, when its path does not say. */
    public static void concerns(String cycleId, String unitCode) {
        AuditContext context = AuditContext.current();
        if (context != null) {
            context.concerns(cycleId, unitCode);
        }
    }

    /**
     * The current request failed although its status may not say so, e.g. a download whose bytes proved not to be
     * the ones stored and that was cut off after its head was sent: its record says FAILED, with this reason.
     */
    public static void failed(String reason) {
        AuditContext context = AuditContext.current();
        if (context != null) {
            context.failed(reason);
        }
    }

    /**
     * The current request's body is a secret (an anonymous ballot): its record keeps neither the body's
     * digest nor its length, so that nobody can confirm a guessed body against the trail. Call it before
     * the body is read (from a filter), and never with {@link #change}.
     */
    public static void secretBody() {
        AuditContext context = AuditContext.current();
        if (context != null) {
            context.body.withhold();
        }
    }

    /** The object before and after the change (either may be null: created, deleted), written as JSON. */
    public static void change(Object before, Object after) {
        AuditContext context = AuditContext.current();
        if (context != null) {
            context.change(json(before), json(after));
        }
    }

    private static String json(Object state) {
        if (state == null) {
            return null;
        }
        if (state instanceof String text) {
            return text;
        }
        try {
            return EventJson.mapper().writeValueAsString(state);
        } catch (JsonProcessingException e) {
            return String.valueOf(state);
        }
    }
}
