package io.kaohe.workflow.cycles;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaohe.contracts.events.CycleOpened;
import io.kaohe.contracts.events.ReportingPeriod;
import io.kaohe.support.events.EventPublisher;
import io.kaohe.support.problems.ProblemException;
import io.kaohe.support.security.CurrentUser;
import io.kaohe.workflow.process.Bpmn;
import io.kaohe.workflow.process.CycleCalendar;
import io.kaohe.workflow.process.PublicityCalendar;
import io.kaohe.workflow.process.CycleClock;
import io.kaohe.support.problems.Faults;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opening a cycle: the units resolved against rubric-service's roster (see {@link UnitSelection}),
 * the calendar resolved and checked — every fault reported at once, before anything is written —
 * then the cycle and its units recorded, CycleOpened published and the annual-cycle process
 * started, all in one transaction (Camunda runs in it), so either everything happened or nothing
 * did. Rubric-service is asked before the transaction begins.
 */
@Service
public class Cycles {

    private static final Logger log = LoggerFactory.getLogger(Cycles.class);
    private final JdbcClient db;
    private final RuntimeService runtime;
    private final HistoryService history;
    private final EventPublisher events;
    private final MessageSource messages;
    private final ObjectMapper json;
    private final UnitSelection selection;
    private final TransactionTemplate transaction;
    private final PublicityCalendar publicity;

    Cycles(JdbcClient db, RuntimeService runtime, HistoryService history, EventPublisher events,
           MessageSource messages, ObjectMapper json, CycleRoster roster, PlatformTransactionManager transactions,
           PublicityCalendar publicity) {
        this.db = db;
        this.runtime = runtime;
        this.history = history;
        this.events = events;
        this.messages = messages;
        this.json = json;
        this.selection = new UnitSelection(roster);
        this.transaction = new TransactionTemplate(transactions);
        this.publicity = publicity;
    }

    /** A request checked and its units resolved: what opening would start. */
    record Opening(String cycleId, CycleCalendar calendar, List<OpenCycleRequest.Unit> units) {
    }

    /** What opening the cycle would do, without doing it: its id and the units it would start. */
    public CyclePreview preview(OpenCycleRequest request) {
        Opening opening = check(request);
        return new CyclePreview(opening.cycleId(), request.rubricVersionId(), opening.units().size(),
                opening.units().stream().collect(Collectors.groupingBy(OpenCycleRequest.Unit::category,
                        LinkedHashMap::new, Collectors.counting())), opening.units());
    }

    public CycleView open(OpenCycleRequest request, CurrentUser by) {
        Opening opening = check(request);
        return transaction.execute(status -> start(request, opening, by));
    }

    /** Every fault of the request (400), or a cycle that exists (409); else what to open. */
    private Opening check(OpenCycleRequest request) {
        String cycleId = request.cycleId() == null || request.cycleId().isBlank()
                ? String.valueOf(request.year()) : request.cycleId().strip();
        Faults faults = new Faults(messages);
        CycleCalendar calendar = calendar(request, faults);
        if (request.clock() != null && (request.clock().yearIn().isNegative() || request.clock().yearIn().isZero())) {
            faults.add("clock.yearIn", "workflow.cycle.clock-positive");
        }
        boolean published = db.sql("select count(*) from published_rubric where version_id = ?")
                .param(request.rubricVersionId()).query(Long.class).single() > 0;
        if (!published) {
            faults.add("rubricVersionId", "workflow.cycle.rubric-not-published", request.rubricVersionId());
        }
        List<OpenCycleRequest.Unit> units = selection.resolve(request, published, faults);
        faults.throwIfAny("workflow.cycle.invalid");
        if (db.sql("select count(*) from cycle where cycle_id = ?").param(cycleId).query(Long.class).single() > 0) {
            throw ProblemException.conflict("workflow.cycle.exists", cycleId);
        }
        return new Opening(cycleId, calendar, List.copyOf(units));
    }

    private CycleView start(OpenCycleRequest request, Opening opening, CurrentUser by) {
        String cycleId = opening.cycleId();
        CycleCalendar calendar = opening.calendar();
        List<OpenCycleRequest.Unit> units = opening.units();
        Instant now = Instant.now();
        CycleClock clock = request.clock() == null ? CycleClock.real(request.year())
                : CycleClock.compressed(request.year(), request.clock().start() == null ? now : request.clock().start(),
                request.clock().yearIn());
        Map<String, Object> variables = new LinkedHashMap<>(calendar.variables(clock));
        variables.put(Bpmn.Var.CYCLE_ID, cycleId);
        variables.put(Bpmn.Var.YEAR, request.year());
        variables.put(Bpmn.Var.TITLE, request.title().strip());
        variables.put(Bpmn.Var.RUBRIC_VERSION_ID, request.rubricVersionId());
        variables.put(Bpmn.Var.UNIT_CODES, new ArrayList<>(units.stream().map(OpenCycleRequest.Unit::unitCode).toList()));
        variables.put(Bpmn.Var.OPENED_BY, by.username());
        ProcessInstance process = runtime.startProcessInstanceByKey(Bpmn.Process.ANNUAL_CYCLE, cycleId, variables);

        db.sql("""
                insert into cycle (cycle_id, year, title, rubric_version_id, process_instance_id, calendar, compressed,
                                   seconds_per_day, opened_by, opened_at)
                values (?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?)
                """).params(cycleId, request.year(), request.title().strip(), request.rubricVersionId(), process.getId(),
                write(calendar), clock.compressed(), clock.secondsPerDay(), by.username(), Timestamp.from(now)).update();
        for (OpenCycleRequest.Unit unit : units) {
            db.sql("insert into cycle_unit (cycle_id, unit_code, unit_name, category) values (?, ?, ?, ?)")
                    .params(cycleId, unit.unitCode(), unit.unitName(), unit.category()).update();
        }
        List<CycleOpened.Period> periods = ReportingPeriod.codes().stream()
                .map(p -> new CycleOpened.Period(p, calendar.period(p).opens(), calendar.period(p).due())).toList();
        events.publish(CycleOpened.TYPE, "cycles/" + cycleId, cycleId, null, new CycleOpened(cycleId, request.year(),
                request.title().strip(), request.rubricVersionId(), units.stream()
                .map(u -> new CycleOpened.Unit(u.unitCode(), u.unitName(), u.category())).toList(),
                periods, by.username(), now, clock.compressed()
                ? clock.asEvent() : null));
        return view(cycleId).orElseThrow();
    }

    private CycleCalendar calendar(OpenCycleRequest request, Faults faults) {
        CycleCalendar defaults = CycleCalendar.defaults(request.year());
        OpenCycleRequest.Calendar c = request.calendar();
        if (c == null) {
            return defaults;
        }
        Map<String, CycleCalendar.Period> periods = new LinkedHashMap<>(defaults.periods());
        if (c.periods() != null) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < c.periods().size(); i++) {
                OpenCycleRequest.Period p = c.periods().get(i);
                if (!seen.add(p.period())) {
                    faults.add("calendar.periods[" + i + "].period", "workflow.cycle.period-twice", p.period());
                } else if (p.due().isBefore(p.opens())) {
                    faults.add("calendar.periods[" + i + "].due", "workflow.cycle.due-before-opens", p.due(), p.opens());
                } else {
                    periods.put(p.period(), new CycleCalendar.Period(p.opens(), p.due()));
                }
            }
        }
        CycleCalendar.Period inspection = defaults.inspection();
        if (c.inspection() != null) {
            if (c.inspection().due().isBefore(c.inspection().opens())) {
                faults.add("calendar.inspection.due", "workflow.cycle.due-before-opens", c.inspection().due(),
                        c.inspection().opens());
            }
            inspection = new CycleCalendar.Period(c.inspection().opens(), c.inspection().due());
        }
        LocalDate yearEnd = periods.get(ReportingPeriod.YEAR.code()).due();
        check(faults, "calendar.proposalDue", c.proposalDue(), yearEnd);
        check(faults, "calendar.approvalDue", c.approvalDue(), or(c.proposalDue(), defaults.proposalDue()));
        check(faults, "calendar.publicationDue", c.publicationDue(), or(c.approvalDue(), defaults.approvalDue()));
        return new CycleCalendar(request.year(), periods, inspection,
                or(c.reminderDays(), defaults.reminderDays()), or(c.reviewDays(), defaults.reviewDays()),
                or(c.resubmitDays(), defaults.resubmitDays()), or(c.escalationDays(), defaults.escalationDays()),
                or(c.proposalDue(), defaults.proposalDue()), or(c.approvalDue(), defaults.approvalDue()),
                or(c.publicationDue(), defaults.publicationDue()), or(c.talkReportDays(), defaults.talkReportDays()),
                or(c.explanationDays(), defaults.explanationDays()), or(c.planDays(), defaults.planDays()),
                c.publicityDays());
    }

    private static void check(Faults faults, String location, LocalDate date, LocalDate notBefore) {
        if (date != null && date.isBefore(notBefore)) {
            faults.add(location, "workflow.cycle.date-too-early", date, notBefore);
        }
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private String write(CycleCalendar calendar) {
        try {
            return json.writeValueAsString(calendar);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every cycle, newest first. One whose row cannot be read (a calendar stored by hand or in another shape) is
     * listed as UNREADABLE with what its row still says, and logged for the operator, rather than failing the whole
     * list: the office still reaches every other cycle.
     */
    public List<CycleView> all() {
        return db.sql("select cycle_id from cycle order by opened_at desc").query(String.class).list().stream()
                .map(this::listed).flatMap(Optional::stream).toList();
    }

    private Optional<CycleView> listed(String cycleId) {
        try {
            return view(cycleId);
        } catch (RuntimeException e) {
            log.error("cycle {} cannot be shown; listed as UNREADABLE", cycleId, e);
            List<OpenCycleRequest.Unit> units = units(cycleId);
            Map<String, Long> byCategory = units.stream().collect(Collectors.groupingBy(u -> String.valueOf(u.category()),
                    LinkedHashMap::new, Collectors.counting()));
            return db.sql("select * from cycle where cycle_id = ?").param(cycleId).query((rs, n) -> new CycleView(cycleId,
                    rs.getInt("year"), rs.getString("title"), rs.getString("rubric_version_id"),
                    rs.getString("process_instance_id"), "UNREADABLE", null, units.size(), byCategory, List.of(),
                    publicity.workingDays(), rs.getBoolean("compressed"), rs.getDouble("seconds_per_day"),
                    rs.getString("opened_by"), rs.getTimestamp("opened_at").toInstant(), units)).optional();
        }
    }

    public Optional<CycleView> view(String cycleId) {
        return db.sql("select * from cycle where cycle_id = ?").param(cycleId).query((rs, n) -> {
            String processId = rs.getString("process_instance_id");
            CycleCalendar calendar = read(rs.getString("calendar"));
            Map<String, Object> variables = history.createHistoricVariableInstanceQuery().processInstanceId(processId)
                    .list().stream().filter(v -> v.getValue() != null)
                    .collect(Collectors.toMap(v -> v.getName(), v -> v.getValue(), (a, b) -> a));
            List<CycleView.Deadline> deadlines = new ArrayList<>();
            for (String p : ReportingPeriod.codes()) {
                deadlines.add(new CycleView.Deadline(p, calendar.period(p).opens(), calendar.period(p).due(),
                        instant(variables.get(Bpmn.Var.OPENS_AT_ + p)), instant(variables.get(Bpmn.Var.DUE_AT_ + p))));
            }
            deadlines.add(new CycleView.Deadline("INSPECTION", calendar.inspection().opens(), calendar.inspection().due(),
                    instant(variables.get(Bpmn.Var.INSPECTION_AT)), instant(variables.get(Bpmn.Var.INSPECTION_DUE_AT))));
            deadlines.add(new CycleView.Deadline("PROPOSAL", null, calendar.proposalDue(), null,
                    instant(variables.get(Bpmn.Var.PROPOSAL_DUE_AT))));
            deadlines.add(new CycleView.Deadline("APPROVAL", null, calendar.approvalDue(), null,
                    instant(variables.get(Bpmn.Var.APPROVAL_DUE_AT))));
            if (variables.get(Bpmn.Var.PUBLICITY_LAST_DAY) instanceof String lastDay) {
                // 公示期: from the leaders' approval to the end of its last working day (known once it started).
                Instant starts = instant(variables.get(Bpmn.Var.PUBLICITY_STARTS_AT));
                deadlines.add(new CycleView.Deadline("PUBLICITY",
                        starts == null ? null : CycleClock.from(variables).dayAt(starts), LocalDate.parse(lastDay),
                        starts, instant(variables.get(Bpmn.Var.PUBLICITY_ENDS_AT))));
            }
            deadlines.add(new CycleView.Deadline("PUBLICATION", null, calendar.publicationDue(), null,
                    instant(variables.get(Bpmn.Var.PUBLICATION_DUE_AT))));
            Map<String, Long> byCategory = db.sql("select category, count(*) from cycle_unit where cycle_id = ? group by category order by category")
                    .param(cycleId).query((r, i) -> Map.entry(r.getString(1), r.getLong(2))).list().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Long::sum, LinkedHashMap::new));
            Position position = position(processId);
            return new CycleView(cycleId, rs.getInt("year"), rs.getString("title"), rs.getString("rubric_version_id"),
                    processId, position.status(), position.stage(), (int) byCategory.values().stream().mapToLong(Long::longValue).sum(),
                    byCategory, deadlines,
                    calendar.publicityDays() != null ? calendar.publicityDays() : publicity.workingDays(),
                    rs.getBoolean("compressed"), rs.getDouble("seconds_per_day"),
                    rs.getString("opened_by"), rs.getTimestamp("opened_at").toInstant(), units(cycleId));
        }).optional();
    }

    /** Where the cycle is: RUNNING, ENDED or UNKNOWN, and the stage its process's activities make. */
    private record Position(String status, CycleStage stage) {
    }

    private Position position(String processId) {
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery().processInstanceId(processId)
                .singleResult();
        if (instance == null) {
            return new Position("UNKNOWN", null);
        }
        if (instance.getEndTime() != null) {
            return new Position("ENDED",
                    Bpmn.Element.CYCLE_PUBLISHED.equals(instance.getEndActivityId()) ? CycleStage.PUBLISHED : null);
        }
        List<String> active = runtime.getActiveActivityIds(processId);
        // The activities stay inside: a person reads the stage (进行中、待审定 …), never an element id.
        return new Position("RUNNING", CycleStage.of(active));
    }

    private static Instant instant(Object value) {
        return value instanceof Date date ? date.toInstant() : null;
    }

    private CycleCalendar read(String text) {
        try {
            return json.readValue(text, CycleCalendar.class);
        } catch (Exception e) {
            throw new IllegalStateException("cycle calendar unreadable", e);
        }
    }

    /** The cycle's units, by code. */
    private List<OpenCycleRequest.Unit> units(String cycleId) {
        return db.sql("select unit_code, unit_name, category from cycle_unit where cycle_id = ? order by unit_code")
                .param(cycleId).query((rs, n) -> new OpenCycleRequest.Unit(rs.getString(1), rs.getString(2),
                        rs.getString(3))).list();
    }

    /** The unit's name and category in a cycle, if it takes part. */
    public Optional<OpenCycleRequest.Unit> unit(String cycleId, String unitCode) {
        return db.sql("select unit_code, unit_name, category from cycle_unit where cycle_id = ? and unit_code = ?")
                .params(cycleId, unitCode).query((rs, n) -> new OpenCycleRequest.Unit(rs.getString(1), rs.getString(2),
                        rs.getString(3))).optional();
    }
}
