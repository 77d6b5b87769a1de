package io.kaohe.evidence.assessments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaohe.contracts.events.SelfAssessmentSubmitted;
import io.kaohe.contracts.events.SubmissionAccepted;
import io.kaohe.contracts.events.SubmissionReturned;
import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.evidence.access.Access;
import io.kaohe.evidence.access.Faults;
import io.kaohe.evidence.cycles.CycleCalendar;
import io.kaohe.evidence.cycles.UnitItemsCatalog;
import io.kaohe.evidence.files.AttachedEvidence;
import io.kaohe.support.events.EventJson;
import io.kaohe.support.events.EventPublisher;
import io.kaohe.support.problems.ProblemError;
import io.kaohe.support.problems.ProblemException;
import io.kaohe.support.security.CurrentUser;
import io.kaohe.support.security.Roles;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A unit's quarterly (or year-end) self-assessment: opened from the rubric's items for the unit,
 * edited as a draft, prepared by the unit's reporter, signed off by the unit's head (only then it
 * counts as submitted), reviewed item by item by the assessing departments and inspectors, and
 * after a return corrected and signed off again as a new version. Every version stays.
 */
@Service
class SelfAssessments {

    private static final Logger log = LoggerFactory.getLogger(SelfAssessments.class);
    private static final ObjectMapper JSON = EventJson.mapper();
    private static final int MAX_STATEMENT = 2000;
    private static final int MAX_COMMENT = 2000;

    private final JdbcClient db;
    private final CycleCalendar calendar;
    private final UnitItemsCatalog catalog;
    private final AttachedEvidence attached;
    private final EventPublisher events;
    private final Access access;
    private final MessageSource messages;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ZoneId zone;

    SelfAssessments(JdbcClient db, CycleCalendar calendar, UnitItemsCatalog catalog, AttachedEvidence attached,
                    EventPublisher events, Access access, MessageSource messages, TransactionTemplate transaction,
                    Clock clock, @Value("${kaohe.evidence.zone:Asia/Shanghai}") ZoneId zone) {
        this.db = db;
        this.calendar = calendar;
        this.catalog = catalog;
        this.attached = attached;
        this.events = events;
        this.access = access;
        this.messages = messages;
        this.transaction = transaction;
        this.clock = clock;
        this.zone = zone;
    }

    record Row(UUID id, String cycleId, String period, String unitCode, String rubricVersionId, String status,
               int draftVersion, int submittedVersion, String preparedBy, Instant preparedAt, String updatedBy,
               Instant updatedAt) {
    }

    /** Who reads, and which items they see: all, or (for a department's reviewer) those the department assesses. */
    private record Reader(CurrentUser user, String department) {
        boolean sees(UnitItem item) {
            return department == null || item.assessingDepartments().contains(department);
        }
    }

    record Opened(AssessmentViews.Assessment assessment, boolean created) {
    }

    // ------------------------------------------------------------------------------------ opening

    Opened open(String unitCode, AssessmentViews.OpenRequest request) {
        CurrentUser user = CurrentUser.get();
        if (!Access.belongsTo(user, unitCode)) {
            if (Access.readsEverything(user) || Access.inspects(user, unitCode) || Access.reviewingDepartment(user) != null) {
                throw access.forbidden(user, "evidence.assessment.unit-only", "only the unit opens its self-assessment");
            }
            throw access.hidden(user, "evidence.unit.not-found", unitCode, "not a member of unit " + unitCode);
        }
        Faults faults = new Faults(messages);
        String cycleId = request == null ? null : request.cycleId();
        String period = request == null ? null : request.period();
        Optional<CycleCalendar.CycleUnit> unit = Optional.empty();
        Optional<CycleCalendar.Period> calendarPeriod = Optional.empty();
        if (cycleId == null || cycleId.isBlank()) {
            faults.add("cycleId", "evidence.field.required");
        } else {
            unit = calendar.unit(cycleId, unitCode);
            if (unit.isEmpty()) {
                faults.add("cycleId", "evidence.cycle.unit-not-in-cycle", unitCode, cycleId);
            }
        }
        if (period == null || period.isBlank()) {
            faults.add("period", "evidence.field.required");
        } else if (unit.isPresent()) {
            calendarPeriod = calendar.period(cycleId, period);
            if (calendarPeriod.isEmpty()) {
                faults.add("period", "evidence.cycle.no-period", cycleId, period);
            }
        }
        faults.throwIfAny();
        CycleCalendar.Period p = calendarPeriod.orElseThrow();
        if (p.opens() != null && calendar.today(cycleId, clock, zone).isBefore(p.opens())) {
            throw ProblemException.conflict("evidence.period.not-open", cycleId, period, p.opens());
        }
        Optional<Row> existing = find(cycleId, period, unitCode);
        if (existing.isPresent()) {
            return new Opened(view(existing.get(), new Reader(user, null)), false);
        }
        String version = unit.get().rubricVersionId();
        catalog.ensureKnown(version, unitCode);
        UUID id = UUID.randomUUID();
        Boolean created = transaction.execute(tx -> {
            int inserted = db.sql("""
                    insert into self_assessment (id, cycle_id, period, unit_code, rubric_version_id, status, opened_by,
                                                 updated_by)
                    values (:id, :cycle, :period, :unit, :version, 'DRAFT', :by, :by)
                    on conflict (cycle_id, period, unit_code) do nothing
                    """)
                    .param("id", id).param("cycle", cycleId).param("period", period).param("unit", unitCode)
                    .param("version", version).param("by", user.username())
                    .update();
            if (inserted == 0) {
                return false;
            }
            db.sql("""
                    insert into assessment_line (assessment_id, item_code)
                    select :id, item_code from unit_item where rubric_version_id = :version and unit_code = :unit
                    """).param("id", id).param("version", version).param("unit", unitCode).update();
            return true;
        });
        Row row = find(cycleId, period, unitCode).orElseThrow();
        if (Boolean.TRUE.equals(created)) {
            log.info("self-assessment {} opened for {} {} {} by {}", row.id(), unitCode, cycleId, period, user.username());
        }
        return new Opened(view(row, new Reader(user, null)), Boolean.TRUE.equals(created));
    }

    // ------------------------------------------------------------------------------------ reading

    AssessmentViews.Assessment get(UUID id) {
        CurrentUser user = CurrentUser.get();
        Row row = load(id).orElseThrow(() -> access.hidden(user, "evidence.assessment.not-found", id, "no such assessment"));
        return view(row, reader(user, row));
    }

    List<AssessmentViews.Summary> list(String cycleId, String period, String unitCode) {
        CurrentUser user = CurrentUser.get();
        StringBuilder sql = new StringBuilder("""
                select a.*, u.unit_name, p.due from self_assessment a
                join cycle_unit u on u.cycle_id = a.cycle_id and u.unit_code = a.unit_code
                join cycle_period p on p.cycle_id = a.cycle_id and p.period = a.period
                where true
                """);
        Map<String, Object> params = new HashMap<>();
        if (cycleId != null) {
            sql.append(" and a.cycle_id = :cycle");
            params.put("cycle", cycleId);
        }
        if (period != null) {
            sql.append(" and a.period = :period");
            params.put("period", period);
        }
        if (unitCode != null) {
            sql.append(" and a.unit_code = :unit");
            params.put("unit", unitCode);
        }
        if (!Access.readsEverything(user)) {
            // Reviewers and inspectors see submitted self-assessments of what they review; units their own.
            List<String> reach = new ArrayList<>();
            if (user.unit() != null && (user.hasRole(Roles.UNIT_REPORTER) || user.hasRole(Roles.UNIT_HEAD))) {
                reach.add("a.unit_code = :own");
                params.put("own", user.unit());
            }
            if (user.hasRole(Roles.INSPECTOR) && !user.inspectionUnits().isEmpty()) {
                reach.add("(a.submitted_version > 0 and a.unit_code = any(:inspected))");
                params.put("inspected", user.inspectionUnits().toArray(String[]::new));
            }
            String department = Access.reviewingDepartment(user);
            if (department != null) {
                reach.add("""
                        (a.submitted_version > 0 and exists (select 1 from unit_item ui
                            where ui.rubric_version_id = a.rubric_version_id and ui.unit_code = a.unit_code
                              and :dept = any(ui.assessing_departments)))""");
                params.put("dept", department);
            }
            sql.append(reach.isEmpty() ? " and false" : " and (" + String.join(" or ", reach) + ")");
        }
        sql.append(" order by a.cycle_id, a.period, a.unit_code");
        return db.sql(sql.toString()).params(params)
                .query((rs, n) -> new AssessmentViews.Summary(rs.getObject("id", UUID.class), rs.getString("cycle_id"),
                        rs.getString("period"), rs.getString("unit_code"), rs.getString("unit_name"),
                        rs.getString("status"), rs.getInt("draft_version"), rs.getInt("submitted_version"),
                        rs.getDate("due").toLocalDate(), rs.getTimestamp("updated_at").toInstant()))
                .list();
    }

    AssessmentViews.Version version(UUID id, int version) {
        CurrentUser user = CurrentUser.get();
        Row row = load(id).orElseThrow(() -> access.hidden(user, "evidence.assessment.not-found", id, "no such assessment"));
        Reader reader = reader(user, row);
        var header = db.sql("select * from submission_version where assessment_id = :id and version = :version")
                .param("id", id).param("version", version)
                .query((rs, n) -> new AssessmentViews.VersionSummary(rs.getInt("version"), rs.getString("prepared_by"),
                        rs.getString("signed_off_by"), rs.getTimestamp("submitted_at").toInstant(), rs.getBoolean("late")))
                .optional()
                .orElseThrow(() -> ProblemException.notFound("evidence.assessment.no-version", id, version));
        Map<String, UnitItem> items = items(row);
        Map<String, Submitted> current = submitted(id, version);
        Map<String, Submitted> previous = version > 1 ? submitted(id, version - 1) : Map.of();
        Map<String, AssessmentViews.Review> reviews = reviews(id, version);
        List<AssessmentViews.VersionItem> out = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (UnitItem item : items.values()) {
            Submitted now = current.get(item.itemCode());
            if (now == null || !reader.sees(item)) {
                continue;
            }
            List<AssessmentViews.Change> changes = version > 1 ? changes(previous.get(item.itemCode()), now) : List.of();
            if (!changes.isEmpty()) {
                changed.add(item.itemCode());
            }
            out.add(new AssessmentViews.VersionItem(item.itemCode(), item.title(), item.points(),
                    item.assessingDepartments(), now.selfScore(), now.measured(), now.statement(), now.evidence(),
                    standing(reviews.get(item.itemCode()), version), changes));
        }
        return new AssessmentViews.Version(id, version, row.cycleId(), row.period(), row.unitCode(), header.preparedBy(),
                header.signedOffBy(), header.submittedAt(), header.late(), version > 1 ? version - 1 : null, changed, out);
    }

    /**
     * The decision that stands for an item of a version: one made on it, or an acceptance carried over
     * from an earlier version (accepted items are not reviewed again). An earlier return does not
     * stand: the resubmitted item awaits review.
     */
    private static AssessmentViews.Review standing(AssessmentViews.Review latest, int version) {
        if (latest == null || latest.version() == version || "ACCEPTED".equals(latest.decision())) {
            return latest;
        }
        return null;
    }

    private record Submitted(BigDecimal selfScore, Map<String, Object> measured, String statement,
                             List<Map<String, Object>> evidence) {
    }

    private Map<String, Submitted> submitted(UUID id, int version) {
        Map<String, Submitted> byItem = new LinkedHashMap<>();
        db.sql("select * from submission_item where assessment_id = :id and version = :version")
                .param("id", id).param("version", version)
                .query(rs -> {
                    byItem.put(rs.getString("item_code"), new Submitted(rs.getBigDecimal("self_score"),
                            read(rs.getString("measured"), new TypeReference<Map<String, Object>>() { }),
                            rs.getString("statement"),
                            read(rs.getString("evidence"), new TypeReference<List<Map<String, Object>>>() { })));
                });
        return byItem;
    }

    private static List<AssessmentViews.Change> changes(Submitted before, Submitted after) {
        List<AssessmentViews.Change> changes = new ArrayList<>();
        if (before == null) {
            changes.add(new AssessmentViews.Change("item", null, "added"));
            return changes;
        }
        if (!sameNumber(before.selfScore(), after.selfScore())) {
            changes.add(new AssessmentViews.Change("selfScore", before.selfScore(), after.selfScore()));
        }
        java.util.Set<String> names = new java.util.LinkedHashSet<>(before.measured().keySet());
        names.addAll(after.measured().keySet());
        for (String name : names) {
            Object was = before.measured().get(name);
            Object is = after.measured().get(name);
            if (!JSON.valueToTree(was == null ? "" : was).equals(JSON.valueToTree(is == null ? "" : is))) {
                changes.add(new AssessmentViews.Change("measured." + name, was, is));
            }
        }
        if (!Objects.equals(before.statement(), after.statement())) {
            changes.add(new AssessmentViews.Change("statement", before.statement(), after.statement()));
        }
        List<String> evidenceBefore = before.evidence().stream().map(e -> e.get("evidenceId") + "@" + e.get("version")).toList();
        List<String> evidenceAfter = after.evidence().stream().map(e -> e.get("evidenceId") + "@" + e.get("version")).toList();
        if (!evidenceBefore.equals(evidenceAfter)) {
            changes.add(new AssessmentViews.Change("evidence", before.evidence(), after.evidence()));
        }
        return changes;
    }

    private static boolean sameNumber(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private Reader reader(CurrentUser user, Row row) {
        if (Access.readsEverything(user) || Access.belongsTo(user, row.unitCode())) {
            return new Reader(user, null);
        }
        if (row.submittedVersion() > 0) {
            if (Access.inspects(user, row.unitCode())) {
                return new Reader(user, null);
            }
            String department = Access.reviewingDepartment(user);
            if (department != null && items(row).values().stream().anyMatch(i -> i.assessingDepartments().contains(department))) {
                return new Reader(user, department);
            }
        }
        throw access.hidden(user, "evidence.assessment.not-found", row.id(),
                "self-assessment of unit " + row.unitCode() + " is not the caller's to read");
    }

    // ------------------------------------------------------------------------------------ drafting

    AssessmentViews.Assessment saveDraft(UUID id, AssessmentViews.DraftRequest request) {
        CurrentUser user = CurrentUser.get();
        Row seen = requireUnitPerson(user, id);
        Faults faults = new Faults(messages);
        if (request == null || request.draftVersion() == null) {
            faults.add("draftVersion", "evidence.field.required");
        }
        faults.throwIfAny();
        Map<String, UnitItem> items = items(seen);
        transaction.executeWithoutResult(tx -> {
            Row row = lock(id);
            if ("SUBMITTED".equals(row.status())) {
                throw ProblemException.conflict("evidence.assessment.submitted");
            }
            if (row.draftVersion() != request.draftVersion()) {
                throw ProblemException.conflict("evidence.assessment.edited", row.draftVersion(), row.updatedBy());
            }
            Map<String, String> reviewStatus = lineStatuses(id);
            List<DraftLineValues> values = new ArrayList<>();
            List<AssessmentViews.DraftLine> lines = request.lines() == null ? List.of() : request.lines();
            java.util.Set<String> seenCodes = new java.util.HashSet<>();
            for (int i = 0; i < lines.size(); i++) {
                AssessmentViews.DraftLine line = lines.get(i);
                String code = line == null ? null : line.itemCode();
                String at = "lines[" + (code == null ? Integer.toString(i) : code) + "]";
                UnitItem item = code == null ? null : items.get(code);
                if (item == null) {
                    faults.add(at + ".itemCode", "evidence.line.unknown-item", code);
                    continue;
                }
                if (!seenCodes.add(code)) {
                    faults.add(at + ".itemCode", "evidence.line.twice", code);
                    continue;
                }
                if (row.submittedVersion() > 0 && !"RETURNED".equals(reviewStatus.get(code))) {
                    faults.add(at, "evidence.line.locked", code);
                    continue;
                }
                Measurements.checkScore(item, line.selfScore(), at, faults);
                Map<String, Object> measured = Measurements.check(item, line.measured(), at, faults);
                if (line.statement() != null && line.statement().length() > MAX_STATEMENT) {
                    faults.add(at + ".statement", "evidence.statement.too-long", MAX_STATEMENT);
                }
                values.add(new DraftLineValues(code, twoPlaces(line.selfScore()), measured,
                        blankToNull(line.statement())));
            }
            faults.throwIfAny();
            for (DraftLineValues v : values) {
                db.sql("""
                        update assessment_line set self_score = :score, measured = cast(:measured as jsonb), statement = :statement
                        where assessment_id = :id and item_code = :code
                        """)
                        .param("score", v.selfScore()).param("measured", write(v.measured()))
                        .param("statement", v.statement()).param("id", id).param("code", v.itemCode())
                        .update();
            }
            int updated = db.sql("""
                    update self_assessment
                    set draft_version = draft_version + 1, updated_by = :by, updated_at = :at,
                        status = case when status = 'AWAITING_SIGN_OFF'
                                      then (case when submitted_version > 0 then 'RETURNED' else 'DRAFT' end)
                                      else status end,
                        prepared_by = null, prepared_at = null
                    where id = :id and draft_version = :expected
                    """)
                    .param("by", user.username()).param("at", Timestamp.from(clock.instant())).param("id", id)
                    .param("expected", request.draftVersion())
                    .update();
            if (updated != 1) {
                throw ProblemException.conflict("evidence.assessment.edited", row.draftVersion(), row.updatedBy());
            }
        });
        return view(load(id).orElseThrow(), new Reader(user, null));
    }

    private record DraftLineValues(String itemCode, BigDecimal selfScore, Map<String, Object> measured,
                                   String statement) {
    }

    AssessmentViews.Assessment prepare(UUID id, AssessmentViews.StepRequest request) {
        CurrentUser user = CurrentUser.get();
        Row seen = requireUnitPerson(user, id);
        Integer expected = requireDraftVersion(request);
        Map<String, UnitItem> items = items(seen);
        transaction.executeWithoutResult(tx -> {
            Row row = lock(id);
            if (!List.of("DRAFT", "RETURNED", "AWAITING_SIGN_OFF").contains(row.status())) {
                throw ProblemException.conflict("evidence.assessment.submitted");
            }
            if (row.draftVersion() != expected) {
                throw ProblemException.conflict("evidence.assessment.edited", row.draftVersion(), row.updatedBy());
            }
            Faults faults = new Faults(messages);
            for (LineState line : lines(id)) {
                UnitItem item = items.get(line.itemCode());
                Measurements.requireComplete(item, line.selfScore(), line.measured(), "lines[" + line.itemCode() + "]",
                        faults);
            }
            faults.throwIfAny(HttpStatus.BAD_REQUEST, "evidence.assessment.incomplete");
            db.sql("""
                    update self_assessment set status = 'AWAITING_SIGN_OFF', prepared_by = :by, prepared_at = :at,
                                               updated_by = :by, updated_at = :at
                    where id = :id
                    """).param("by", user.username()).param("at", Timestamp.from(clock.instant())).param("id", id)
                    .update();
        });
        return view(load(id).orElseThrow(), new Reader(user, null));
    }

    /**
     * The unit head's sign-off (经部门主要领导签发): the draft becomes the next submitted version,
     * late if signed after the period's due date, and SelfAssessmentSubmitted goes out with it.
     */
    AssessmentViews.Assessment signOff(UUID id, AssessmentViews.StepRequest request) {
        CurrentUser user = CurrentUser.get();
        Row seen = load(id).orElseThrow(() -> access.hidden(user, "evidence.assessment.not-found", id, "no such assessment"));
        if (!(user.hasRole(Roles.UNIT_HEAD) && user.actsForUnit(seen.unitCode()))) {
            if (Access.belongsTo(user, seen.unitCode()) || Access.readsEverything(user)
                    || Access.inspects(user, seen.unitCode())) {
                throw access.forbidden(user, "evidence.sign-off.not-unit-head",
                        "sign-off by someone who is not the head of unit " + seen.unitCode(), seen.unitCode());
            }
            reader(user, seen); // a reviewer who can see it is refused 403 below; anyone else 404
            throw access.forbidden(user, "evidence.sign-off.not-unit-head",
                    "sign-off by someone who is not the head of unit " + seen.unitCode(), seen.unitCode());
        }
        Integer expected = requireDraftVersion(request);
        Map<String, UnitItem> items = items(seen);
        CycleCalendar.Period period = calendar.period(seen.cycleId(), seen.period()).orElseThrow();
        transaction.executeWithoutResult(tx -> {
            Row row = lock(id);
            if (!"AWAITING_SIGN_OFF".equals(row.status())) {
                throw ProblemException.conflict("evidence.sign-off.not-prepared");
            }
            if (row.draftVersion() != expected) {
                throw ProblemException.conflict("evidence.assessment.edited", row.draftVersion(), row.updatedBy());
            }
            Instant now = clock.instant();
            boolean late = calendar.today(row.cycleId(), clock, zone).isAfter(period.due());
            int version = row.submittedVersion() + 1;
            db.sql("""
                    insert into submission_version (assessment_id, version, prepared_by, signed_off_by, submitted_at, late)
                    values (:id, :version, :prepared, :signed, :at, :late)
                    """).param("id", id).param("version", version).param("prepared", row.preparedBy())
                    .param("signed", user.username()).param("at", Timestamp.from(now)).param("late", late).update();
            Map<String, List<AttachedEvidence.Attached>> evidence =
                    attached.byItem(row.unitCode(), row.cycleId(), row.period());
            List<SelfAssessmentSubmitted.Item> eventItems = new ArrayList<>();
            for (LineState line : lines(id)) {
                List<AttachedEvidence.Attached> files = evidence.getOrDefault(line.itemCode(), List.of());
                List<Map<String, Object>> snapshot = files.stream().map(SelfAssessments::snapshot).toList();
                db.sql("""
                        insert into submission_item (assessment_id, version, item_code, self_score, measured, statement, evidence)
                        values (:id, :version, :code, :score, cast(:measured as jsonb), :statement, cast(:evidence as jsonb))
                        """).param("id", id).param("version", version).param("code", line.itemCode())
                        .param("score", line.selfScore()).param("measured", write(line.measured()))
                        .param("statement", line.statement()).param("evidence", write(snapshot)).update();
                eventItems.add(new SelfAssessmentSubmitted.Item(line.itemCode(), line.selfScore(), line.measured(),
                        line.statement(), files.stream().map(f -> f.evidenceId().toString()).toList()));
            }
            db.sql("""
                    update assessment_line set review_status = 'PENDING'
                    where assessment_id = :id and review_status in ('NOT_SUBMITTED', 'RETURNED')
                    """).param("id", id).update();
            db.sql("""
                    update self_assessment set status = 'SUBMITTED', submitted_version = :version, updated_by = :by,
                                               updated_at = :at
                    where id = :id
                    """).param("version", version).param("by", user.username()).param("at", Timestamp.from(now))
                    .param("id", id).update();
            events.publish(SelfAssessmentSubmitted.TYPE, "submissions/" + id, row.cycleId(), row.unitCode(),
                    new SelfAssessmentSubmitted(id.toString(), version, row.cycleId(), row.unitCode(), row.period(),
                            row.rubricVersionId(), row.preparedBy(), user.username(), now, late, eventItems));
            log.info("self-assessment {} of {} {} {} signed off by {} as version {}{}", id, row.unitCode(),
                    row.cycleId(), row.period(), user.username(), version, late ? " (late)" : "");
        });
        return view(load(id).orElseThrow(), new Reader(user, null));
    }

    private static Map<String, Object> snapshot(AttachedEvidence.Attached file) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("evidenceId", file.evidenceId().toString());
        entry.put("version", file.version());
        entry.put("fileName", file.fileName());
        entry.put("contentType", file.contentType());
        entry.put("size", file.size());
        entry.put("sha256", file.sha256());
        return entry;
    }

    // ------------------------------------------------------------------------------------ review

    /** Accepts or returns items of the latest submitted version, as an assessing department or an inspector. */
    AssessmentViews.Version review(UUID id, AssessmentViews.ReviewRequest request) {
        CurrentUser user = CurrentUser.get();
        Row seen = load(id).orElseThrow(() -> access.hidden(user, "evidence.assessment.not-found", id, "no such assessment"));
        Reader reader = reader(user, seen); // 404 for whoever may not even read it
        boolean inspector = Access.inspects(user, seen.unitCode());
        String department = Access.reviewingDepartment(user);
        if (!inspector && department == null) {
            throw access.forbidden(user, "evidence.review.not-reviewer", "only reviewers and inspectors review");
        }
        Faults faults = new Faults(messages);
        if (request == null || request.version() == null) {
            faults.add("version", "evidence.field.required");
        }
        if (request == null || request.decisions() == null || request.decisions().isEmpty()) {
            faults.add("decisions", "evidence.review.nothing");
        }
        faults.throwIfAny();
        Map<String, UnitItem> items = items(seen);
        List<ProblemError> notAssigned = new ArrayList<>();
        for (AssessmentViews.Decision decision : request.decisions()) {
            UnitItem item = decision == null || decision.itemCode() == null ? null : items.get(decision.itemCode());
            if (item != null && !inspector && !item.assessingDepartments().contains(department)) {
                notAssigned.add(new ProblemError("decisions[" + item.itemCode() + "]", messages.getMessage(
                        "evidence.review.not-assigned", new Object[] {item.itemCode()},
                        org.springframework.context.i18n.LocaleContextHolder.getLocale())));
            }
        }
        if (!notAssigned.isEmpty()) {
            throw access.forbidden(user, "evidence.review.not-assigned-items",
                    "review of items the caller's department does not assess", notAssigned);
        }
        String role = inspector ? Roles.INSPECTOR : Roles.DEPT_REVIEWER;
        String reviewerDepartment = inspector ? null : department;
        transaction.executeWithoutResult(tx -> {
            Row row = lock(id);
            if (row.submittedVersion() != request.version()) {
                throw ProblemException.conflict("evidence.review.stale-version", request.version(), row.submittedVersion());
            }
            Map<String, String> statuses = lineStatuses(id);
            Faults problems = new Faults(messages);
            List<SubmissionAccepted.Item> accepted = new ArrayList<>();
            List<SubmissionReturned.Item> returned = new ArrayList<>();
            java.util.Set<String> seenCodes = new java.util.HashSet<>();
            for (int i = 0; i < request.decisions().size(); i++) {
                AssessmentViews.Decision d = request.decisions().get(i);
                String code = d == null ? null : d.itemCode();
                String at = "decisions[" + (code == null ? Integer.toString(i) : code) + "]";
                if (code == null || !items.containsKey(code) || !reader.sees(items.get(code))) {
                    problems.add(at + ".itemCode", "evidence.line.unknown-item", code);
                    continue;
                }
                if (!seenCodes.add(code)) {
                    problems.add(at + ".itemCode", "evidence.line.twice", code);
                    continue;
                }
                if (!"PENDING".equals(statuses.get(code))) {
                    problems.add(at, "evidence.review.decided", code);
                    continue;
                }
                String comment = blankToNull(d.comment());
                if (comment != null && comment.length() > MAX_COMMENT) {
                    problems.add(at + ".comment", "evidence.statement.too-long", MAX_COMMENT);
                    continue;
                }
                if ("ACCEPTED".equals(d.decision())) {
                    accepted.add(new SubmissionAccepted.Item(code, comment));
                } else if ("RETURNED".equals(d.decision())) {
                    if (comment == null) {
                        problems.add(at + ".comment", "evidence.review.comment-required");
                        continue;
                    }
                    returned.add(new SubmissionReturned.Item(code, comment));
                } else {
                    problems.add(at + ".decision", "evidence.review.decision");
                }
            }
            problems.throwIfAny();
            Instant now = clock.instant();
            for (SubmissionAccepted.Item item : accepted) {
                decide(id, row.submittedVersion(), item.itemCode(), "ACCEPTED", item.comment(), user, role,
                        reviewerDepartment, now);
            }
            for (SubmissionReturned.Item item : returned) {
                decide(id, row.submittedVersion(), item.itemCode(), "RETURNED", item.comment(), user, role,
                        reviewerDepartment, now);
            }
            if (!returned.isEmpty()) {
                db.sql("""
                        update self_assessment set status = 'RETURNED', prepared_by = null, prepared_at = null,
                                                   updated_at = :at
                        where id = :id
                        """).param("at", Timestamp.from(now)).param("id", id).update();
                events.publish(SubmissionReturned.TYPE, "submissions/" + id, row.cycleId(), row.unitCode(),
                        new SubmissionReturned(id.toString(), row.submittedVersion(), row.cycleId(), row.unitCode(),
                                row.period(), user.username(), role, reviewerDepartment, now, returned));
            }
            if (!accepted.isEmpty()) {
                events.publish(SubmissionAccepted.TYPE, "submissions/" + id, row.cycleId(), row.unitCode(),
                        new SubmissionAccepted(id.toString(), row.submittedVersion(), row.cycleId(), row.unitCode(),
                                row.period(), user.username(), role, reviewerDepartment, now, accepted));
            }
            log.info("self-assessment {} v{} reviewed by {}: {} accepted, {} returned", id, row.submittedVersion(),
                    user.username(), accepted.size(), returned.size());
        });
        return version(id, request.version());
    }

    private void decide(UUID id, int version, String itemCode, String decision, String comment, CurrentUser user,
                        String role, String department, Instant at) {
        db.sql("""
                insert into item_review (assessment_id, version, item_code, decision, comment, reviewed_by, reviewer_role,
                                         reviewer_department, reviewed_at)
                values (:id, :version, :code, :decision, :comment, :by, :role, :department, :at)
                """).param("id", id).param("version", version).param("code", itemCode).param("decision", decision)
                .param("comment", comment).param("by", user.username()).param("role", role)
                .param("department", department).param("at", Timestamp.from(at)).update();
        db.sql("update assessment_line set review_status = :decision where assessment_id = :id and item_code = :code")
                .param("decision", decision).param("id", id).param("code", itemCode).update();
    }

    // ------------------------------------------------------------------------------------ helpers

    /** Only the unit's own reporter or head edit its self-assessment; others who may read it get 403, the rest 404. */
    private Row requireUnitPerson(CurrentUser user, UUID id) {
        Row row = load(id).orElseThrow(() -> access.hidden(user, "evidence.assessment.not-found", id, "no such assessment"));
        if (Access.belongsTo(user, row.unitCode())) {
            return row;
        }
        reader(user, row);
        throw access.forbidden(user, "evidence.assessment.unit-only", "only the unit's people edit its self-assessment");
    }

    private Integer requireDraftVersion(AssessmentViews.StepRequest request) {
        if (request == null || request.draftVersion() == null) {
            new Faults(messages).add("draftVersion", "evidence.field.required").throwIfAny();
        }
        return request.draftVersion();
    }

    private Optional<Row> load(UUID id) {
        return db.sql("select * from self_assessment where id = :id").param("id", id).query(SelfAssessments::row).optional();
    }

    private Row lock(UUID id) {
        return db.sql("select * from self_assessment where id = :id for update").param("id", id)
                .query(SelfAssessments::row).single();
    }

    private Optional<Row> find(String cycleId, String period, String unitCode) {
        return db.sql("select * from self_assessment where cycle_id = :cycle and period = :period and unit_code = :unit")
                .param("cycle", cycleId).param("period", period).param("unit", unitCode)
                .query(SelfAssessments::row).optional();
    }

    private Map<String, UnitItem> items(Row row) {
        return catalog.items(row.rubricVersionId(), row.unitCode()).stream()
                .collect(Collectors.toMap(UnitItem::itemCode, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }

    private Map<String, String> lineStatuses(UUID id) {
        Map<String, String> statuses = new HashMap<>();
        db.sql("select item_code, review_status from assessment_line where assessment_id = :id").param("id", id)
                .query(rs -> {
                    statuses.put(rs.getString(1), rs.getString(2));
                });
        return statuses;
    }

    private record LineState(String itemCode, BigDecimal selfScore, Map<String, Object> measured, String statement,
                             String reviewStatus) {
    }

    private List<LineState> lines(UUID id) {
        return db.sql("""
                select l.* from assessment_line l
                join self_assessment a on a.id = l.assessment_id
                join unit_item ui on ui.rubric_version_id = a.rubric_version_id and ui.unit_code = a.unit_code
                                 and ui.item_code = l.item_code
                where l.assessment_id = :id order by ui.position
                """).param("id", id)
                .query((rs, n) -> new LineState(rs.getString("item_code"), rs.getBigDecimal("self_score"),
                        read(rs.getString("measured"), new TypeReference<Map<String, Object>>() { }),
                        rs.getString("statement"), rs.getString("review_status")))
                .list();
    }

    private Map<String, AssessmentViews.Review> reviews(UUID id, int upToVersion) {
        Map<String, AssessmentViews.Review> latest = new HashMap<>();
        db.sql("""
                select distinct on (item_code) * from item_review
                where assessment_id = :id and version <= :version order by item_code, version desc
                """).param("id", id).param("version", upToVersion)
                .query(rs -> {
                    latest.put(rs.getString("item_code"), review(rs));
                });
        return latest;
    }

    private static AssessmentViews.Review review(ResultSet rs) throws SQLException {
        return new AssessmentViews.Review(rs.getInt("version"), rs.getString("item_code"), rs.getString("decision"),
                rs.getString("comment"), rs.getString("reviewed_by"), rs.getString("reviewer_role"),
                rs.getString("reviewer_department"), rs.getTimestamp("reviewed_at").toInstant());
    }

    private AssessmentViews.Assessment view(Row row, Reader reader) {
        Map<String, UnitItem> items = items(row);
        Map<String, AssessmentViews.Review> reviews = reviews(row.id(), Integer.MAX_VALUE);
        Map<String, List<AttachedEvidence.Attached>> evidence =
                attached.byItem(row.unitCode(), row.cycleId(), row.period());
        boolean editableStatus = !"SUBMITTED".equals(row.status());
        List<AssessmentViews.Line> lines = new ArrayList<>();
        for (LineState line : lines(row.id())) {
            UnitItem item = items.get(line.itemCode());
            if (item == null || !reader.sees(item)) {
                continue;
            }
            boolean editable = editableStatus && Access.belongsTo(reader.user(), row.unitCode())
                    && (row.submittedVersion() == 0 || "RETURNED".equals(line.reviewStatus()));
            lines.add(new AssessmentViews.Line(item.itemCode(), item.title(), item.path(), item.topLevelTitle(),
                    item.points(), item.rule(), Measurements.specs(item), item.assessingDepartments(), item.deadline(),
                    item.acceptedEvidence(), line.selfScore(), line.measured(), line.statement(), line.reviewStatus(),
                    reviews.get(line.itemCode()), editable, evidence.getOrDefault(line.itemCode(), List.of())));
        }
        List<AssessmentViews.VersionSummary> versions = db.sql("""
                select * from submission_version where assessment_id = :id order by version
                """).param("id", row.id())
                .query((rs, n) -> new AssessmentViews.VersionSummary(rs.getInt("version"), rs.getString("prepared_by"),
                        rs.getString("signed_off_by"), rs.getTimestamp("submitted_at").toInstant(), rs.getBoolean("late")))
                .list();
        CycleCalendar.Period period = calendar.period(row.cycleId(), row.period()).orElseThrow();
        String unitName = calendar.unit(row.cycleId(), row.unitCode()).map(CycleCalendar.CycleUnit::unitName).orElse(null);
        return new AssessmentViews.Assessment(row.id(), row.cycleId(), row.period(), row.unitCode(), unitName,
                row.rubricVersionId(), row.status(), row.draftVersion(), row.submittedVersion(), period.opens(),
                period.due(), row.preparedBy(), row.preparedAt(), row.updatedBy(), row.updatedAt(), lines, versions);
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        Timestamp prepared = rs.getTimestamp("prepared_at");
        return new Row(rs.getObject("id", UUID.class), rs.getString("cycle_id"), rs.getString("period"),
                rs.getString("unit_code"), rs.getString("rubric_version_id"), rs.getString("status"),
                rs.getInt("draft_version"), rs.getInt("submitted_version"), rs.getString("prepared_by"),
                prepared == null ? null : prepared.toInstant(), rs.getString("updated_by"),
                rs.getTimestamp("updated_at").toInstant());
    }

    /** Points with exactly two decimals; a score with more is refused by the check before it is stored. */
    private static BigDecimal twoPlaces(BigDecimal score) {
        return score == null || score.stripTrailingZeros().scale() > 2 ? score : score.setScale(2, RoundingMode.UNNECESSARY);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable: " + json, e);
        }
    }
}
