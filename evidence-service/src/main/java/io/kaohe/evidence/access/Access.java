package io.kaohe.evidence.access;

import io.kaohe.support.problems.ProblemError;
import io.kaohe.support.problems.ProblemException;
import io.kaohe.support.security.CurrentUser;
import io.kaohe.support.security.Roles;
import io.kaohe.support.security.SecurityAudit;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who may reach which unit's records, decided on the object. A unit's people (reporter, head)
 * reach their own unit; an inspector the units in the token's {@code inspection_units}; an
 * assessing department's reviewer the items its department assesses; the office and leaders read
 * everything. Every refusal is audited; one that would reveal another unit's data answers 404.
 */
@Component
public class Access {

    private final SecurityAudit audit;

    Access(SecurityAudit audit) {
        this.audit = audit;
    }

    public static boolean readsEverything(CurrentUser user) {
        return user.hasRole(Roles.OFFICE_ADMIN) || user.hasRole(Roles.LEADER);
    }

    /** The unit's own reporter or head. */
    public static boolean belongsTo(CurrentUser user, String unitCode) {
        return user.actsForUnit(unitCode) && (user.hasRole(Roles.UNIT_REPORTER) || user.hasRole(Roles.UNIT_HEAD));
    }

    /** The unit's own head, who signs off its self-assessments (经部门主要领导签发). */
    public static boolean headOf(CurrentUser user, String unitCode) {
        return user.hasRole(Roles.UNIT_HEAD) && user.actsForUnit(unitCode);
    }

    public static boolean inspects(CurrentUser user, String unitCode) {
        return user.hasRole(Roles.INSPECTOR) && user.inspectionUnits().contains(unitCode);
    }

    /** The assessing department the caller reviews for, or null if the caller is not a department reviewer. */
    public static String reviewingDepartment(CurrentUser user) {
        return user.hasRole(Roles.DEPT_REVIEWER) && user.department() != null && !user.department().isBlank()
                ? user.department() : null;
    }

    /**
     * Lets only the unit's own reporter or head through. Whoever else may read the unit's records (the
     * office, leaders, its inspectors, reviewers) is refused 403 with {@code forbiddenCode}; anyone else 404
     * with {@code notFoundCode} and {@code id}, as if it did not exist. Either refusal is audited.
     */
    public void requireUnitMember(CurrentUser user, String unitCode, String forbiddenCode, String notFoundCode,
                                  Object id) {
        if (belongsTo(user, unitCode)) {
            return;
        }
        if (readsEverything(user) || inspects(user, unitCode) || reviewingDepartment(user) != null) {
            throw forbidden(user, forbiddenCode, "only the people of unit " + unitCode + " do this");
        }
        throw hidden(user, notFoundCode, id, "not a member of unit " + unitCode);
    }

    /** Refuses as if the object did not exist (404), and audits it. */
    public ProblemException hidden(CurrentUser user, String code, Object id, String reason) {
        record(user, 404, reason);
        return ProblemException.notFound(code, id);
    }

    /** Refuses a caller who may see the object but not do this to it (403), and audits it. */
    public ProblemException forbidden(CurrentUser user, String code, String reason, Object... args) {
        record(user, 403, reason);
        return ProblemException.forbidden(code, args);
    }

    /** As {@link #forbidden}, naming each refused part of the request. */
    public ProblemException forbidden(CurrentUser user, String code, String reason, List<ProblemError> errors) {
        record(user, 403, reason);
        return new ProblemException(HttpStatus.FORBIDDEN, code, errors);
    }

    private void record(CurrentUser user, int status, String reason) {
        String method = "?";
        String path = "?";
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            method = request.getMethod();
            path = request.getRequestURI();
        }
        audit.deniedObject(user, method, path, status, reason);
    }
}
