package io.kaohe.support.security;

import java.util.Set;

/**
 * The platform's realm roles, as Keycloak issues them: the assessment's business roles, the
 * services' own, and the three administrators of 三员分立 (docs/security/roles.md).
 */
public final class Roles {

    /** 考核办: owns the rubric, the roster and the calendar. */
    public static final String OFFICE_ADMIN = "office-admin";
    /** 单位填报员: prepares a unit's self-assessments and evidence. */
    public static final String UNIT_REPORTER = "unit-reporter";
    /** 单位主要领导: signs off the unit's submissions. */
    public static final String UNIT_HEAD = "unit-head";
    /** 考核单位审核员: reviews and scores the items their department owns. */
    public static final String DEPT_REVIEWER = "dept-reviewer";
    /** 督查组: records inspection findings for assigned units. */
    public static final String INSPECTOR = "inspector";
    /** 分管领导: approves final scores and grades. */
    public static final String LEADER = "leader";
    /** Service-to-service calls (client-credentials grant). */
    public static final String SERVICE = "service";

    /**
     * 系统管理员: runs the platform (accounts from the roster, dead letters, technical settings);
     * no business, no security policy, no audit.
     */
    public static final String SYSTEM_ADMIN = "system-admin";
    /** 安全管理员: roles, password, second-factor and lockout policies, locking and unlocking accounts. */
    public static final String SECURITY_ADMIN = "security-admin";
    /** 审计管理员: reads, exports and verifies the audit; changes nothing. */
    public static final String AUDIT_ADMIN = "audit-admin";

    /** The roles that do the assessment's work. */
    public static final Set<String> BUSINESS = Set.of(OFFICE_ADMIN, UNIT_REPORTER, UNIT_HEAD, DEPT_REVIEWER, INSPECTOR, LEADER);
    /** The three administrators: each a duty of its own, apart from each other and from the business. */
    public static final Set<String> ADMINISTRATORS = Set.of(SYSTEM_ADMIN, SECURITY_ADMIN, AUDIT_ADMIN);

    private Roles() {
    }
}
