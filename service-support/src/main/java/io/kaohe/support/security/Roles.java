package io.kaohe.support.security;

/** The platform's realm roles, as Keycloak issues them. */
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
    /** 审计管理员: reads the audit trail and verifies its chain; changes nothing (三员分立). */
    public static final String AUDIT_ADMIN = "audit-admin";
    /** Service-to-service calls (client-credentials grant). */
    public static final String SERVICE = "service";

    private Roles() {
    }
}
