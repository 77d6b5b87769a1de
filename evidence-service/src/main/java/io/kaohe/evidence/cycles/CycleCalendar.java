package io.kaohe.evidence.cycles;

import io.kaohe.contracts.events.CycleOpened;
import io.kaohe.contracts.events.ReportingPeriod;
import io.kaohe.contracts.events.Topics;
import io.kaohe.support.events.EventJson;
import io.kaohe.support.events.Inbox;
import io.kaohe.support.events.ReceivedEvent;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The cycles workflow opened (CycleOpened): which units take part, on which rubric version, and
 * each period's calendar. A redelivered CycleOpened changes nothing. A cycle whose year runs
 * compressed (a demo, a test) has its own clock: its calendar day is not today's date.
 */
@Component
public class CycleCalendar {

    static final String CONSUMER = "evidence-service.cycles";
    private static final Logger log = LoggerFactory.getLogger(CycleCalendar.class);

    private final JdbcClient db;
    private final Inbox inbox;

    CycleCalendar(JdbcClient db, Inbox inbox) {
        this.db = db;
        this.inbox = inbox;
    }

    /** A unit taking part in a cycle, with the rubric version it is assessed on. */
    public record CycleUnit(String cycleId, String unitCode, String unitName, String rubricVersionId) {
    }

    /** A reporting period of a cycle: {@code period} is a {@link ReportingPeriod} code. */
    public record Period(String cycleId, String period, LocalDate opens, LocalDate due) {
    }

    @KafkaListener(id = CONSUMER, topics = Topics.WORKFLOW)
    @Transactional
    public void on(String message) {
        ReceivedEvent event = EventJson.read(message);
        if (!event.is(CycleOpened.TYPE) || !inbox.firstDelivery(CONSUMER, event)) {
            return;
        }
        CycleOpened cycle = event.data(CycleOpened.TYPE);
        db.sql("""
                insert into cycle (cycle_id, year, title, rubric_version_id, opened_by, opened_at, clock_year_start,
                                   clock_start, seconds_per_day)
                values (:id, :year, :title, :version, :by, :at, :yearStart, :clockStart, :secondsPerDay)
                on conflict (cycle_id) do nothing
                """)
                .param("id", cycle.cycleId()).param("year", cycle.year()).param("title", cycle.title())
                .param("version", cycle.rubricVersionId()).param("by", cycle.openedBy())
                .param("at", Timestamp.from(cycle.openedAt()))
                .param("yearStart", cycle.clock() == null ? null : Timestamp.from(cycle.clock().yearStart()))
                .param("clockStart", cycle.clock() == null ? null : Timestamp.from(cycle.clock().clockStart()))
                .param("secondsPerDay", cycle.clock() == null ? null : cycle.clock().secondsPerDay())
                .update();
        for (CycleOpened.Unit unit : cycle.units()) {
            db.sql("""
                    insert into cycle_unit (cycle_id, unit_code, unit_name, category) values (:id, :unit, :name, :category)
                    on conflict do nothing
                    """)
                    .param("id", cycle.cycleId()).param("unit", unit.unitCode()).param("name", unit.unitName())
                    .param("category", unit.category())
                    .update();
        }
        for (CycleOpened.Period period : cycle.periods()) {
            db.sql("""
                    insert into cycle_period (cycle_id, period, opens, due) values (:id, :period, :opens, :due)
                    on conflict do nothing
                    """)
                    .param("id", cycle.cycleId()).param("period", period.period())
                    .param("opens", period.opens() == null ? null : Date.valueOf(period.opens()))
                    .param("due", Date.valueOf(period.due()))
                    .update();
        }
        log.info("cycle {} ({}) opened with {} units and {} periods", cycle.cycleId(), cycle.title(),
                cycle.units().size(), cycle.periods().size());
    }

    public Optional<CycleUnit> unit(String cycleId, String unitCode) {
        return db.sql("""
                select u.cycle_id, u.unit_code, u.unit_name, c.rubric_version_id
                from cycle_unit u join cycle c on c.cycle_id = u.cycle_id
                where u.cycle_id = :cycle and u.unit_code = :unit
                """)
                .param("cycle", cycleId).param("unit", unitCode)
                .query((rs, row) -> new CycleUnit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .optional();
    }

    /** The cycle's window of a period; empty if the cycle has none of that code, or it is no {@link ReportingPeriod}. */
    public Optional<Period> period(String cycleId, String period) {
        if (ReportingPeriod.parse(period).isEmpty()) {
            return Optional.empty();
        }
        return db.sql("select cycle_id, period, opens, due from cycle_period where cycle_id = :cycle and period = :period")
                .param("cycle", cycleId).param("period", period)
                .query((rs, row) -> new Period(rs.getString(1), rs.getString(2),
                        rs.getDate(3) == null ? null : rs.getDate(3).toLocalDate(), rs.getDate(4).toLocalDate()))
                .optional();
    }

    /**
     * The cycle's calendar day now: on its compressed clock if it has one, else the real date in
     * {@code zone}. Periods open and sign-offs are late by this day.
     */
    public LocalDate today(String cycleId, Clock clock, ZoneId zone) {
        Optional<CycleOpened.Clock> compressed = db.sql("""
                select clock_year_start, clock_start, seconds_per_day from cycle
                where cycle_id = :cycle and seconds_per_day is not null
                """).param("cycle", cycleId)
                .query((rs, row) -> new CycleOpened.Clock(rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant(),
                        rs.getDouble(3)))
                .optional();
        return compressed.map(c -> c.dayOf(clock.instant())).orElseGet(() -> LocalDate.now(clock.withZone(zone)));
    }
}
