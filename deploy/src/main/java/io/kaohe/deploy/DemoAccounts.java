package io.kaohe.deploy;

/** The realm's demo users (deploy/keycloak/kaohe-realm.json), as the banner and README list them. */
final class DemoAccounts {

    static final String[][] ALL = {
            {"office", "office-admin", "考核办 / assessment office"},
            {"reporter.sjw", "unit-reporter", "市纪委 填报员 (unit bz-sjw)"},
            {"head.sjw", "unit-head", "市纪委 主要领导 (unit bz-sjw)"},
            {"reporter.zjfy", "unit-reporter", "市中级法院 填报员 (unit bz-zjfy)"},
            {"head.zjfy", "unit-head", "市中级法院 主要领导 (unit bz-zjfy)"},
            {"reviewer.fpymj", "dept-reviewer", "市扶贫移民局 审核员 (department sfpymj)"},
            {"reviewer.swzzb", "dept-reviewer", "市委组织部 审核员 (department swzzb)"},
            {"inspector.1", "inspector", "督查组 (units bz-sjw, bz-zjfy)"},
            {"inspector.2", "inspector", "督查组 (unit bz-zjfy)"},
            {"leader", "leader", "分管领导 / approving leader"},
            {"sysadmin", "system-admin", "系统管理员 / system administrator"},
            {"secadmin", "security-admin", "安全管理员 / security administrator"},
            {"auditor", "audit-admin", "审计管理员 / audit administrator (reads the audit trail)"},
    };

    /** Who also gives a one-time code (TOTP) at login: the realm asks these roles for a second factor. */
    static final String SECOND_FACTOR_NOTE = "office, leader, sysadmin, secadmin and auditor also give a one-time code"
            + " (TOTP): add their secrets from README.md (Demo accounts) to an authenticator app";

    private DemoAccounts() {
    }
}
