package io.kaohe.notification.notices;

import io.kaohe.support.security.CurrentUser;
import io.kaohe.support.security.Roles;
import java.util.ArrayList;
import java.util.List;

/**
 * The audiences a person belongs to, as the inbox offers tasks: their role scoped by the unit,
 * department or inspected units they act for ({@code unit-reporter:bz-sjw}); the office and
 * leaders for the whole platform; and the person themself ({@code user:reporter.sjw}).
 */
public final class Audiences {

    public static final String USER_PREFIX = "user:";
    public static final String OFFICE = "office-admin";
    public static final String LEADER = "leader";

    private Audiences() {
    }

    public static List<String> of(CurrentUser user) {
        List<String> audiences = new ArrayList<>();
        audiences.add(USER_PREFIX + user.username());
        if (user.hasRole(Roles.OFFICE_ADMIN)) {
            audiences.add(OFFICE);
        }
        if (user.hasRole(Roles.LEADER)) {
            audiences.add(LEADER);
        }
        if (user.unit() != null && user.hasRole(Roles.UNIT_REPORTER)) {
            audiences.add(unitReporter(user.unit()));
        }
        if (user.unit() != null && user.hasRole(Roles.UNIT_HEAD)) {
            audiences.add(unitHead(user.unit()));
        }
        if (user.department() != null && user.hasRole(Roles.DEPT_REVIEWER)) {
            audiences.add(Roles.DEPT_REVIEWER + ":" + user.department());
        }
        if (user.hasRole(Roles.INSPECTOR)) {
            user.inspectionUnits().stream().sorted().forEach(unit -> audiences.add(Roles.INSPECTOR + ":" + unit));
        }
        return audiences;
    }

    public static String unitReporter(String unitCode) {
        return Roles.UNIT_REPORTER + ":" + unitCode;
    }

    public static String unitHead(String unitCode) {
        return Roles.UNIT_HEAD + ":" + unitCode;
    }

    /** A unit's people: its reporters and its head. */
    public static List<String> unit(String unitCode) {
        return List.of(unitReporter(unitCode), unitHead(unitCode));
    }
}
