package io.kaohe.evidence.assessments;

import io.kaohe.contracts.events.ReportingPeriod;
import io.kaohe.evidence.access.Access;
import io.kaohe.evidence.cycles.CycleCalendar;
import io.kaohe.support.exports.ListWorkbook;
import io.kaohe.support.problems.ProblemException;
import io.kaohe.support.security.CurrentUser;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who has not submitted (未报送单位): per period of a cycle, the units whose self-assessment is not signed off —
 * none opened (未开始), a draft (草稿), prepared and waiting for the head (待签发) or returned for more (已退回) —
 * with the period's due date and how many days late they are on the cycle's own calendar. The office and leaders
 * see every unit, an inspector the units assigned to it; anyone else is refused (403, audited).
 */
@Component
class NonSubmitters {

    static final List<ListWorkbook.Column> COLUMNS = List.of(
            new ListWorkbook.Column("序号", 6), new ListWorkbook.Column("被考核单位", 24),
            new ListWorkbook.Column("单位类别", 14), new ListWorkbook.Column("期间", 10),
            new ListWorkbook.Column("状态", 10), new ListWorkbook.Column("到期日", 12),
            new ListWorkbook.Column("逾期天数", 10), new ListWorkbook.Column("填报人", 16),
            new ListWorkbook.Column("最后更新", 18));

    static final Map<String, String> STATES = Map.of("NOT_OPENED", "未开始", "DRAFT", "草稿",
            "AWAITING_SIGN_OFF", "待签发", "RETURNED", "已退回");

    /** The cycle's title and its units that have not submitted. */
    record Listing(String title, List<Row> rows) {
    }

    /** A unit that has not submitted for a period; {@code daysLate} null while the period is not due. */
    record Row(String unitCode, String unitName, String category, String period, String state, LocalDate due,
               Long daysLate, String preparedBy, java.time.Instant updatedAt) {
    }

    private final JdbcClient db;
    private final CycleCalendar calendar;
    private final Access access;
    private final Clock clock;
    private final ZoneId zone;

    NonSubmitters(JdbcClient db, CycleCalendar calendar, Access access, Clock clock,
                  @Value("${kaohe.evidence.zone:Asia/Shanghai}") ZoneId zone) {
        this.db = db;
        this.calendar = calendar;
        this.access = access;
        this.clock = clock;
        this.zone = zone;
    }

    /** The cycle's title; 404 for a cycle this service never heard of. */
    private String title(String cycleId) {
        return db.sql("select title from cycle where cycle_id = ?").param(cycleId).query(String.class).optional()
                .orElseThrow(() -> ProblemException.notFound("evidence.cycle.not-found", cycleId));
    }

    /**
     * The units that have not submitted for {@code period}, or (null) for every period already open on the
     * cycle's calendar, soonest due first, then by unit.
     */
    Listing of(CurrentUser user, String cycleId, String period) {
        boolean everyUnit = Access.readsEverything(user);
        if (!everyUnit && !user.hasRole(io.kaohe.support.security.Roles.INSPECTOR)) {
            throw access.forbidden(user, "evidence.non-submitters.role",
                    "the units that have not submitted are the office's, the leaders' and the inspectors'");
        }
        String title = title(cycleId);
        LocalDate today = calendar.today(cycleId, clock, zone);
        List<Row> rows = db.sql("""
                select u.unit_code, u.unit_name, u.category, p.period, p.due,
                       coalesce(a.status, 'NOT_OPENED') as state, a.prepared_by, a.updated_at
                from cycle_unit u
                join cycle_period p on p.cycle_id = u.cycle_id
                left join self_assessment a on a.cycle_id = u.cycle_id and a.unit_code = u.unit_code and a.period = p.period
                where u.cycle_id = :cycle
                  and (cast(:period as text) is null and (p.opens is null or p.opens <= :today) or p.period = :period)
                  and (a.status is null or a.status <> 'SUBMITTED')
                order by p.due, p.period, u.unit_code
                """)
                .param("cycle", cycleId).param("period", period).param("today", java.sql.Date.valueOf(today))
                .query((rs, n) -> {
                    LocalDate due = rs.getDate("due").toLocalDate();
                    long late = ChronoUnit.DAYS.between(due, today);
                    java.sql.Timestamp updated = rs.getTimestamp("updated_at");
                    return new Row(rs.getString("unit_code"), rs.getString("unit_name"), rs.getString("category"),
                            rs.getString("period"), rs.getString("state"), due, late > 0 ? late : null,
                            rs.getString("prepared_by"), updated == null ? null : updated.toInstant());
                }).stream()
                .filter(r -> everyUnit || Access.inspects(user, r.unitCode()))
                .toList();
        return new Listing(title, rows);
    }

    static void write(ListWorkbook book, List<Row> rows) {
        int n = 0;
        for (Row r : rows) {
            book.row(++n, r.unitName(), r.category(), ReportingPeriod.chineseName(r.period()),
                    STATES.getOrDefault(r.state(), r.state()), r.due(), r.daysLate(), r.preparedBy(), r.updatedAt());
        }
    }
}
