package io.kaohe.evidence.assessments;

import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.evidence.access.Access;
import io.kaohe.evidence.cycles.CycleCalendar;
import io.kaohe.evidence.files.AttachedEvidence;
import io.kaohe.support.problems.ProblemException;
import io.kaohe.support.security.CurrentUser;
import io.kaohe.support.security.Roles;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What a self-assessment looks like to whoever may read it: the assessment with its lines (a
 * department's reviewer sees the items its department assesses), the list of those the caller may
 * see, and a submitted version as signed off with what changed since the version before.
 */
@Service
class AssessmentQueries {

    private final JdbcClient db;
    private final AssessmentStore store;
    private final AssessmentAccess access;
    private final CycleCalendar calendar;
    private final AttachedEvidence attached;

    AssessmentQueries(JdbcClient db, AssessmentStore store, AssessmentAccess access, CycleCalendar calendar,
                      AttachedEvidence attached) {
        this.db = db;
        this.store = store;
        this.access = access;
        this.calendar = calendar;
        this.attached = attached;
    }

    AssessmentViews.Assessment get(UUID id) {
        CurrentUser user = CurrentUser.get();
        AssessmentStore.Row row = access.existing(user, id);
        return view(row, access.reader(user, row));
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
                        (a.submitted_version > 0 and exists (select 1 from replica_unit_item ui
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
                        SubmissionStatus.valueOf(rs.getString("status")), rs.getInt("draft_version"),
                        rs.getInt("submitted_version"), rs.getDate("due").toLocalDate(),
                        rs.getTimestamp("updated_at").toInstant()))
                .list();
    }

    AssessmentViews.Version version(UUID id, int version) {
        CurrentUser user = CurrentUser.get();
        AssessmentStore.Row row = access.existing(user, id);
        AssessmentAccess.Reader reader = access.reader(user, row);
        AssessmentViews.VersionSummary header = store.version(id, version)
                .orElseThrow(() -> ProblemException.notFound("evidence.assessment.no-version", id, version));
        Map<String, AssessmentStore.Submitted> current = store.submitted(id, version);
        Map<String, AssessmentStore.Submitted> previous = version > 1 ? store.submitted(id, version - 1) : Map.of();
        Map<String, AssessmentViews.Review> reviews = store.reviews(id, version);
        List<AssessmentViews.VersionItem> out = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (UnitItem item : store.items(row).values()) {
            AssessmentStore.Submitted now = current.get(item.itemCode());
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

    /** The assessment with the lines the reader sees; editable lines are those the unit may change now. */
    AssessmentViews.Assessment view(AssessmentStore.Row row, AssessmentAccess.Reader reader) {
        Map<String, UnitItem> items = store.items(row);
        Map<String, AssessmentViews.Review> reviews = store.reviews(row.id(), Integer.MAX_VALUE);
        Map<String, List<AttachedEvidence.Attached>> evidence =
                attached.byItem(row.unitCode(), row.cycleId(), row.period());
        boolean unitEdits = row.status().editable() && Access.belongsTo(reader.user(), row.unitCode());
        List<AssessmentViews.Line> lines = new ArrayList<>();
        for (AssessmentStore.Line line : store.lines(row.id())) {
            UnitItem item = items.get(line.itemCode());
            if (item == null || !reader.sees(item)) {
                continue;
            }
            lines.add(new AssessmentViews.Line(item.itemCode(), item.title(), item.path(), item.topLevelTitle(),
                    item.points(), item.rule(), Measurements.specs(item), item.assessingDepartments(), item.deadline(),
                    item.acceptedEvidence(), line.selfScore(), line.measured(), line.statement(), line.reviewStatus(),
                    reviews.get(line.itemCode()), unitEdits && line.reviewStatus().openToUnit(),
                    evidence.getOrDefault(line.itemCode(), List.of())));
        }
        CycleCalendar.Period period = calendar.period(row.cycleId(), row.period()).orElseThrow();
        String unitName = calendar.unit(row.cycleId(), row.unitCode()).map(CycleCalendar.CycleUnit::unitName).orElse(null);
        return new AssessmentViews.Assessment(row.id(), row.cycleId(), row.period(), row.unitCode(), unitName,
                row.rubricVersionId(), row.status(), row.draftVersion(), row.submittedVersion(), period.opens(),
                period.due(), row.preparedBy(), row.preparedAt(), row.updatedBy(), row.updatedAt(), lines,
                store.versions(row.id()));
    }

    /** The assessment as the unit's own people see it, after they changed it. */
    AssessmentViews.Assessment viewForUnit(UUID id, CurrentUser user) {
        return view(store.load(id).orElseThrow(), AssessmentAccess.Reader.ofAll(user));
    }

    /**
     * The decision that stands for an item of a version: one made on it, or an acceptance carried over
     * from an earlier version (accepted items are not reviewed again). An earlier return does not
     * stand: the resubmitted item awaits review.
     */
    private static AssessmentViews.Review standing(AssessmentViews.Review latest, int version) {
        if (latest == null || latest.version() == version || latest.decision() == ItemReviewStatus.ACCEPTED) {
            return latest;
        }
        return null;
    }

    private static List<AssessmentViews.Change> changes(AssessmentStore.Submitted before, AssessmentStore.Submitted after) {
        List<AssessmentViews.Change> changes = new ArrayList<>();
        if (before == null) {
            changes.add(new AssessmentViews.Change("item", null, "added"));
            return changes;
        }
        if (!sameNumber(before.selfScore(), after.selfScore())) {
            changes.add(new AssessmentViews.Change("selfScore", before.selfScore(), after.selfScore()));
        }
        Set<String> names = new LinkedHashSet<>(before.measured().keySet());
        names.addAll(after.measured().keySet());
        for (String name : names) {
            Object was = before.measured().get(name);
            Object is = after.measured().get(name);
            if (!AssessmentStore.JSON.valueToTree(was == null ? "" : was)
                    .equals(AssessmentStore.JSON.valueToTree(is == null ? "" : is))) {
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
}
