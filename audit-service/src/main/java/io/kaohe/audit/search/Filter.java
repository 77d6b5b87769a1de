package io.kaohe.audit.search;

import java.time.Instant;

/**
 * What the auditor searches by; every part optional. {@code unit} matches the unit or department the
 * person acted for, the inspected units, and the unit the action concerned; {@code action} the domain
 * verb, the route or the method; {@code object} the object's kind or id; {@code text} most text fields.
 */
public record Filter(Instant from, Instant to, String user, String role, String unit, String action, String object,
                     String outcome, String category, String source, String text) {
}
