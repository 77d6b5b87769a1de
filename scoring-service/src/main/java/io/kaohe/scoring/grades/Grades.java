package io.kaohe.scoring.grades;

import io.kaohe.support.problems.Faults;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.kaohe.contracts.events.GradeConsequence;
import io.kaohe.contracts.events.GradesApproved;
import io.kaohe.contracts.events.GradesProposed;
import io.kaohe.contracts.events.ScoresComputed;
import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.contracts.rubric.Veto;
import io.kaohe.scoring.cycles.Cycle;
import io.kaohe.scoring.cycles.CycleUnit;
import io.kaohe.scoring.cycles.Cycles;
import io.kaohe.support.rubric.RubricReplica;
import io.kaohe.scoring.scores.ScoreStore;
import io.kaohe.scoring.scores.Scoring;
import io.kaohe.scoring.scores.UnitTotals;
import io.kaohe.support.audit.AuditTrail;
import io.kaohe.support.events.EventJson;
import io.kaohe.support.events.EventPublisher;
import io.kaohe.support.problems.ProblemException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Grading schemes, proposals (GradesProposed), approval (GradesApproved freezes) and reopening. */
@Service
public class Grades {

    private static final Logger log = LoggerFactory.getLogger(Grades.class);

    private final JdbcClient db;
    private final Cycles cycles;
    private final RubricReplica rubric;
    private final Scoring scoring;
    private final ScoreStore store;
    private final EventPublisher events;
    private final MessageSource messages;

    Grades(JdbcClient db, Cycles cycles, RubricReplica rubric, Scoring scoring, ScoreStore store,
           EventPublisher events, MessageSource messages) {
        this.db = db;
        this.cycles = cycles;
        this.rubric = rubric;
        this.scoring = scoring;
        this.store = store;
        this.events = events;
        this.messages = messages;
    }

    public GradingScheme scheme(String cycleId) {
        cycles.get(cycleId);
        return db.sql("select scheme::text from grading_scheme where cycle_id = ?").param(cycleId)
                .query(String.class).optional().map(Grades::readScheme).orElseGet(GradingScheme::standard);
    }

    @Transactional
    public GradingScheme setScheme(String cycleId, GradingScheme scheme, String by) {
        cycles.get(cycleId);
        Faults faults = new Faults(messages);
        scheme.problems().forEach(p -> faults.add(p[0], p[1], p[2]));
        faults.throwIfAny("scoring.grading.invalid");
        db.sql("""
                insert into grading_scheme (cycle_id, scheme, updated_by) values (?, cast(? as jsonb), ?)
                on conflict (cycle_id) do update set scheme = excluded.scheme, updated_by = excluded.updated_by,
                                                     updated_at = now()
                """).params(cycleId, write(scheme), by).update();
        return scheme;
    }

    /** A proposal and its grades. */
    public record Proposal(String proposalId, String cycleId, GradingScheme scheme, String proposedBy,
                           Instant proposedAt, String approvedBy, Instant approvedAt,
                           List<GradesProposed.UnitGrade> grades) {
    }

    /**
     * What a proposal would be now: the grades on the current reviewed totals, nothing stored or published;
     * {@code latestProposalId} names the proposal already made, if any (then {@code …/grades} shows it).
     */
    public record Preview(String cycleId, GradingScheme scheme, List<GradesProposed.UnitGrade> grades,
                          String latestProposalId) {
    }

    /** The grades a proposal would give now, so the office sees them (and tunes the scheme) before proposing. */
    @Transactional(readOnly = true)
    public Preview preview(String cycleId) {
        Cycle cycle = cycles.get(cycleId);
        GradingScheme scheme = scheme(cycleId);
        String latest = db.sql("select id::text from grade_proposal where cycle_id = ? order by proposed_at desc limit 1")
                .param(cycleId).query(String.class).optional().orElse(null);
        return new Preview(cycleId, scheme, compute(cycle, scheme).stream().map(Grades::unitGrade).toList(), latest);
    }

    /** Grades every unit of the cycle on its reviewed totals, stores the proposal and publishes GradesProposed. */
    @Transactional
    public Proposal propose(String cycleId, String by) {
        Cycle cycle = cycles.get(cycleId);
        GradingScheme scheme = scheme(cycleId);
        List<GradeCalculator.Graded> graded = compute(cycle, scheme);

        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        db.sql("insert into grade_proposal (id, cycle_id, scheme, proposed_by, proposed_at) values (?, ?, cast(? as jsonb), ?, ?)")
                .params(id, cycleId, write(scheme), by, Timestamp.from(now)).update();
        List<GradesProposed.UnitGrade> grades = new ArrayList<>();
        for (GradeCalculator.Graded g : graded) {
            GradeCalculator.Standing s = g.standing();
            db.sql("""
                    insert into proposed_grade (proposal_id, unit_code, category, total, maximum, percent, rank,
                                                band_grade, grade, note, consequence)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).params(id, s.unitCode(), s.category(), s.total(), s.maximum(), g.percent(), g.rank(),
                    g.bandGrade(), g.grade(), g.note(), g.consequence().name()).update();
            grades.add(unitGrade(g));
        }
        events.publish(GradesProposed.TYPE, "cycles/" + cycleId + "/grades/" + id, cycleId, null,
                new GradesProposed(cycleId, id.toString(), grades, by, now));
        Proposal proposal = new Proposal(id.toString(), cycleId, scheme, by, now, null, null, grades);
        AuditTrail.object("propose-grades", "grade-proposal", id.toString());
        AuditTrail.change(null, proposal);
        return proposal;
    }

    private static GradesProposed.UnitGrade unitGrade(GradeCalculator.Graded g) {
        GradeCalculator.Standing s = g.standing();
        return new GradesProposed.UnitGrade(s.unitCode(), s.unitName(), s.category(), s.total(), s.maximum(),
                g.percent(), g.rank(), g.bandGrade(), g.grade(), g.note(), g.consequence());
    }

    private List<GradeCalculator.Graded> compute(Cycle cycle, GradingScheme scheme) {
        String cycleId = cycle.cycleId();
        List<CycleUnit> units = cycles.units(cycleId);
        Map<String, UnitTotals> totals = scoring.totals(cycle, units.stream().map(CycleUnit::unitCode).toList());
        Map<String, Set<String>> zeroItems = new HashMap<>();
        db.sql("select unit_code, item_code from item_score where cycle_id = ? and reviewed_score = 0")
                .param(cycleId).query((rs, n) -> zeroItems.computeIfAbsent(rs.getString(1), u -> new HashSet<>())
                        .add(rs.getString(2))).list();
        List<GradeCalculator.Standing> standings = new ArrayList<>();
        for (CycleUnit unit : units) {
            UnitTotals t = totals.get(unit.unitCode());
            if (t == null) {
                continue;
            }
            Set<String> zero = zeroItems.getOrDefault(unit.unitCode(), Set.of());
            Set<String> zeroVeto = new HashSet<>();
            if (!zero.isEmpty()) {
                for (UnitItem item : rubric.items(cycle.rubricVersionId(), unit.unitCode()).items()) {
                    if (item.rule() instanceof Veto && zero.contains(item.itemCode())) {
                        zeroVeto.add(item.itemCode());
                    }
                }
            }
            standings.add(new GradeCalculator.Standing(unit.unitCode(), unit.unitName(), unit.category(),
                    unit.position(), t.reviewedTotal(), t.maximum(), zero, zeroVeto));
        }
        return GradeCalculator.grade(standings, scheme);
    }

    public Optional<Proposal> latest(String cycleId) {
        cycles.get(cycleId);
        return db.sql("select id from grade_proposal where cycle_id = ? order by proposed_at desc limit 1")
                .param(cycleId).query(UUID.class).optional().flatMap(this::proposal);
    }

    public Optional<Proposal> proposal(UUID id) {
        return db.sql("""
                select p.cycle_id, p.scheme::text, p.proposed_by, p.proposed_at, p.approved_by, p.approved_at
                  from grade_proposal p where p.id = ?
                """).param(id).query((rs, n) -> {
            Timestamp approvedAt = rs.getTimestamp(6);
            List<GradesProposed.UnitGrade> grades = db.sql("""
                    select g.unit_code, u.unit_name, g.category, g.total, g.maximum, g.percent, g.rank, g.band_grade,
                           g.grade, g.note, g.consequence
                      from proposed_grade g join grade_proposal p on p.id = g.proposal_id
                      join cycle_unit u on u.cycle_id = p.cycle_id and u.unit_code = g.unit_code
                     where g.proposal_id = ? order by u.position
                    """).param(id).query((r, m) -> new GradesProposed.UnitGrade(r.getString(1), r.getString(2),
                    r.getString(3), r.getBigDecimal(4), r.getBigDecimal(5), r.getBigDecimal(6), r.getInt(7),
                    r.getString(8), r.getString(9), r.getString(10),
                    GradeConsequence.valueOf(r.getString(11)))).list();
            return new Proposal(id.toString(), rs.getString(1), readScheme(rs.getString(2)), rs.getString(3),
                    rs.getTimestamp(4).toInstant(), rs.getString(5), approvedAt == null ? null : approvedAt.toInstant(),
                    grades);
        }).optional();
    }

    /**
     * Leaders approved: the listed units' grades become final, their final scores are set to the
     * reviewed ones and frozen. An approval of an unknown proposal is logged and ignored.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void approve(GradesApproved approved) {
        UUID proposalId;
        try {
            proposalId = UUID.fromString(approved.proposalId());
        } catch (IllegalArgumentException | NullPointerException e) {
            log.warn("GradesApproved names no proposal of ours: {}", approved.proposalId());
            return;
        }
        Optional<Proposal> proposal = proposal(proposalId);
        if (proposal.isEmpty() || !proposal.get().cycleId().equals(approved.cycleId())) {
            log.warn("GradesApproved for unknown proposal {} of cycle {} ignored", proposalId, approved.cycleId());
            return;
        }
        Map<String, GradesProposed.UnitGrade> proposed = new HashMap<>();
        proposal.get().grades().forEach(g -> proposed.put(g.unitCode(), g));
        List<String> units = (approved.unitCodes() == null || approved.unitCodes().isEmpty()
                ? new ArrayList<>(proposed.keySet()) : approved.unitCodes()).stream()
                .filter(proposed::containsKey).sorted().toList();
        Cycle cycle = cycles.get(approved.cycleId());
        List<CycleUnit> locked = cycles.lockUnits(cycle.cycleId(), units);
        Instant at = approved.approvedAt() == null ? Instant.now() : approved.approvedAt();
        db.sql("update grade_proposal set approved_by = ?, approved_at = ? where id = ?")
                .params(approved.approvedBy(), Timestamp.from(at), proposalId).update();
        for (String unit : units) {
            db.sql("""
                    insert into final_grade (cycle_id, unit_code, grade, proposal_id, approved_by, approved_at)
                    values (?, ?, ?, ?, ?, ?)
                    on conflict (cycle_id, unit_code) do update set grade = excluded.grade,
                       proposal_id = excluded.proposal_id, approved_by = excluded.approved_by,
                       approved_at = excluded.approved_at
                    """).params(cycle.cycleId(), unit, proposed.get(unit).grade(), proposalId, approved.approvedBy(),
                    Timestamp.from(at)).update();
        }
        store.freezeFinal(cycle.cycleId(), units);
        cycles.setFrozen(cycle.cycleId(), units, true);
        db.sql("insert into approval_log (cycle_id, action, unit_codes, proposal_id, actor) values (?, 'APPROVED', ?, ?, ?)")
                .params(cycle.cycleId(), units.toArray(String[]::new), proposalId, approved.approvedBy()).update();
        scoring.publishTotals(cycle, locked, ScoresComputed.Trigger.GRADES_APPROVED);
        log.info("cycle {}: grades of {} units approved by {}, final scores frozen", cycle.cycleId(), units.size(),
                approved.approvedBy());
    }

    /** What reopening did. */
    public record Reopened(String cycleId, List<String> unitCodes, String by, String reason) {
    }

    /** The office reopens an approval (recorded, with why): decisions are accepted again until re-approval. */
    @Transactional
    public Reopened reopen(String cycleId, List<String> unitCodes, String reason, String by) {
        cycles.get(cycleId);
        if (reason == null || reason.isBlank()) {
            new Faults(messages).add("reason", "scoring.reopen.reason-required").throwIfAny("scoring.reopen.invalid");
        }
        List<String> frozen = cycles.lockUnits(cycleId, unitCodes == null ? List.of() : unitCodes).stream()
                .filter(CycleUnit::frozen).map(CycleUnit::unitCode).sorted().toList();
        if (frozen.isEmpty()) {
            throw ProblemException.conflict("scoring.reopen.nothing-frozen", cycleId);
        }
        cycles.setFrozen(cycleId, frozen, false);
        db.sql("insert into approval_log (cycle_id, action, unit_codes, actor, reason) values (?, 'REOPENED', ?, ?, ?)")
                .params(cycleId, frozen.toArray(String[]::new), by, reason.strip()).update();
        log.info("cycle {}: approval of {} units reopened by {}: {}", cycleId, frozen.size(), by, reason);
        return new Reopened(cycleId, frozen, by, reason.strip());
    }

    /** The approval log of a cycle, oldest first. */
    public List<Map<String, Object>> approvalLog(String cycleId) {
        cycles.get(cycleId);
        return db.sql("""
                select action, unit_codes, proposal_id, actor, reason, occurred_at from approval_log
                 where cycle_id = ? order by id
                """).param(cycleId).query((rs, n) -> {
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("action", rs.getString(1));
            row.put("unitCodes", List.of((String[]) rs.getArray(2).getArray()));
            row.put("proposalId", rs.getObject(3, UUID.class));
            row.put("actor", rs.getString(4));
            row.put("reason", rs.getString(5));
            row.put("occurredAt", rs.getTimestamp(6).toInstant());
            return row;
        }).list();
    }

    /** A unit's grade as the results table shows it. */
    public record CurrentGrade(String grade, String status, Integer rank, String note) {
    }

    /** Per unit: the approved grade if any (APPROVED, or REOPENED while reopened), else the latest proposal's. */
    public Map<String, CurrentGrade> current(String cycleId) {
        Map<String, CurrentGrade> grades = new HashMap<>();
        latest(cycleId).ifPresent(p -> p.grades().forEach(g ->
                grades.put(g.unitCode(), new CurrentGrade(g.grade(), "PROPOSED", g.rank(), g.note()))));
        db.sql("""
                select f.unit_code, f.grade, u.frozen, g.rank, g.note from final_grade f
                  join cycle_unit u on u.cycle_id = f.cycle_id and u.unit_code = f.unit_code
                  left join proposed_grade g on g.proposal_id = f.proposal_id and g.unit_code = f.unit_code
                 where f.cycle_id = ?
                """).param(cycleId).query((rs, n) -> grades.put(rs.getString(1), new CurrentGrade(rs.getString(2),
                rs.getBoolean(3) ? "APPROVED" : "REOPENED", (Integer) rs.getObject(4), rs.getString(5)))).list();
        return grades;
    }

    private static String write(GradingScheme scheme) {
        try {
            return EventJson.mapper().writeValueAsString(scheme);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static GradingScheme readScheme(String json) {
        try {
            return EventJson.mapper().readValue(json, GradingScheme.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored grading scheme is unreadable", e);
        }
    }
}
