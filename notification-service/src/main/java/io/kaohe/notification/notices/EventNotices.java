package io.kaohe.notification.notices;

import io.kaohe.contracts.events.CyclePublished;
import io.kaohe.contracts.events.AppealClosed;
import io.kaohe.contracts.events.BonusApplicationAnswered;
import io.kaohe.contracts.events.BonusApplicationFiled;
import io.kaohe.contracts.events.DeadlineApproaching;
import io.kaohe.contracts.events.GradesApproved;
import io.kaohe.contracts.events.RectificationClosed;
import io.kaohe.contracts.events.RectificationOpened;
import io.kaohe.contracts.events.SubmissionReturned;
import io.kaohe.contracts.events.TaskCreated;
import io.kaohe.contracts.events.TaskOverdue;
import io.kaohe.contracts.events.TaskReturned;
import io.kaohe.support.events.ReceivedEvent;
import io.kaohe.support.security.Roles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which events concern people, whom, and what they are told: each event the process publishes
 * becomes a {@link Notice} for the groups it concerns (those the inbox offers the task to, the unit's
 * people, the office or the leaders), linking to the task or the page to act on.
 */
@Component
public class EventNotices {

    private final Cycles cycles;
    private final JdbcClient db;

    EventNotices(Cycles cycles, JdbcClient db) {
        this.cycles = cycles;
        this.db = db;
    }

    /** The notice of an event, or none when it concerns nobody to be told. */
    public Optional<Notice> of(ReceivedEvent event) {
        Instant at = event.envelope().time();
        if (event.is(TaskCreated.TYPE)) {
            TaskCreated t = event.data(TaskCreated.TYPE);
            Map<String, Object> p = task(t.taskType(), t.taskName(), t.period(), t.dueAt());
            p.put("department", t.department());
            return notice(event, Kind.TASK_CREATED, t.cycleId(), t.unitCode(), t.taskId(), p,
                    taskAudiences(t.candidateGroups(), t.assignee()), inbox(t.taskId()));
        }
        if (event.is(TaskReturned.TYPE)) {
            TaskReturned t = event.data(TaskReturned.TYPE);
            Map<String, Object> p = task(t.taskType(), t.taskName(), t.period(), t.dueAt());
            p.put("department", t.department());
            p.put("reason", t.reason());
            p.put("returnedBy", t.returnedBy());
            return notice(event, Kind.TASK_RETURNED, t.cycleId(), t.unitCode(), t.taskId(), p,
                    taskAudiences(t.candidateGroups(), t.assignee()), inbox(t.taskId()));
        }
        if (event.is(DeadlineApproaching.TYPE)) {
            DeadlineApproaching d = event.data(DeadlineApproaching.TYPE);
            Optional<Told> told = told(d.cycleId(), d.unitCode(), d.taskType(), d.period());
            String taskId = told.map(Told::taskId).orElse(null);
            List<String> groups = d.assignees() == null ? List.of()
                    : Arrays.stream(d.assignees().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            return notice(event, Kind.DEADLINE_APPROACHING, d.cycleId(), d.unitCode(), taskId,
                    task(d.taskType(), told.map(Told::taskName).orElse(null), d.period(), d.dueAt()), groups,
                    inbox(taskId));
        }
        if (event.is(TaskOverdue.TYPE)) {
            TaskOverdue o = event.data(TaskOverdue.TYPE);
            if (o.unitCode() == null) {
                return Optional.empty(); // the office's own escalation task tells the office
            }
            Optional<Told> told = told(o.cycleId(), o.unitCode(), o.taskType(), o.period());
            String taskId = told.map(Told::taskId).orElse(null);
            return notice(event, Kind.TASK_OVERDUE, o.cycleId(), o.unitCode(), taskId,
                    task(o.taskType(), told.map(Told::taskName).orElse(null), o.period(), o.dueAt()),
                    Audiences.unit(o.unitCode()), inbox(taskId));
        }
        if (event.is(SubmissionReturned.TYPE)) {
            SubmissionReturned r = event.data(SubmissionReturned.TYPE);
            // A department's return reaches the unit as workflow's TaskReturned (with the new task and its
            // deadline); an inspection team's return has no task in workflow, so it is told from here.
            if (!Roles.INSPECTOR.equals(r.reviewerRole())) {
                return Optional.empty();
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("period", r.period());
            p.put("returnedBy", r.reviewedBy());
            p.put("reason", r.items().stream().map(i -> i.itemCode() + "：" + i.comment()).collect(Collectors.joining("\n")));
            return notice(event, Kind.SUBMISSION_RETURNED, r.cycleId(), r.unitCode(), null, p,
                    Audiences.unit(r.unitCode()), "#/assessments/" + r.submissionId());
        }
        if (event.is(GradesApproved.TYPE)) {
            GradesApproved g = event.data(GradesApproved.TYPE);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("count", g.unitCodes().size());
            p.put("returnedBy", g.approvedBy());
            return notice(event, Kind.GRADES_APPROVED, g.cycleId(), null, null, p, List.of(Audiences.OFFICE),
                    "#/results");
        }
        if (event.is(CyclePublished.TYPE)) {
            CyclePublished c = event.data(CyclePublished.TYPE);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("noticeTitle", c.noticeTitle());
            p.put("count", c.unitCount());
            List<Notice.Audience> audiences = new ArrayList<>();
            for (String unit : cycles.units(c.cycleId())) {
                String sheet = "#/score-sheet?cycle=" + c.cycleId() + "&unit=" + unit;
                Audiences.unit(unit).forEach(a -> audiences.add(new Notice.Audience(a, sheet)));
            }
            audiences.add(new Notice.Audience(Audiences.LEADER, "#/results"));
            return Optional.of(new Notice(event.id(), event.type(), Kind.CYCLE_PUBLISHED, c.cycleId(), null, null, p,
                    at, audiences));
        }
        if (event.is(RectificationOpened.TYPE)) {
            RectificationOpened r = event.data(RectificationOpened.TYPE);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("rectificationKind", r.kind());
            p.put("grade", r.grade());
            p.put("count", r.problems() == null ? 0 : r.problems().size());
            return notice(event, Kind.RECTIFICATION_OPENED, r.cycleId(), r.unitCode(), null, p,
                    Audiences.unit(r.unitCode()), "#/rectifications");
        }
        if (event.is(RectificationClosed.TYPE)) {
            RectificationClosed r = event.data(RectificationClosed.TYPE);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("rectificationKind", r.kind());
            p.put("count", r.problemCount());
            p.put("returnedBy", r.lastVerifiedBy());
            List<String> groups = new ArrayList<>(Audiences.unit(r.unitCode()));
            groups.add(Audiences.OFFICE);
            return notice(event, Kind.RECTIFICATION_CLOSED, r.cycleId(), r.unitCode(), null, p, groups,
                    "#/rectifications");
        }
        if (event.is(AppealClosed.TYPE)) {
            // The office's decision and reason go back to the unit that appealed.
            AppealClosed a = event.data(AppealClosed.TYPE);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("reason", a.reason());
            p.put("noticeTitle", a.itemCode());
            return notice(event, AppealClosed.UPHELD.equals(a.outcome()) ? Kind.APPEAL_UPHELD : Kind.APPEAL_REJECTED,
                    a.cycleId(), a.unitCode(), null, p, Audiences.unit(a.unitCode()), "#/appeals?cycle=" + a.cycleId());
        }
        if (event.is(BonusApplicationFiled.TYPE)) {
            // A unit's bonus application goes to the departments that assess the item, who answer it.
            BonusApplicationFiled f = event.data(BonusApplicationFiled.TYPE);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("reason", f.reason());
            p.put("noticeTitle", f.itemTitle() + " · " + f.matter());
            p.put("count", f.points() == null ? null : f.points().stripTrailingZeros().toPlainString());
            List<String> groups = f.assessingDepartments() == null ? List.of()
                    : f.assessingDepartments().stream().map(d -> Roles.DEPT_REVIEWER + ":" + d).toList();
            return notice(event, Kind.BONUS_APPLIED, f.cycleId(), f.unitCode(), null, p, groups,
                    "#/bonus?cycle=" + f.cycleId());
        }
        if (event.is(BonusApplicationAnswered.TYPE)) {
            // The department's answer, and its reason when refused, go back to the unit.
            BonusApplicationAnswered a = event.data(BonusApplicationAnswered.TYPE);
            boolean accepted = BonusApplicationAnswered.ACCEPTED.equals(a.outcome());
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("reason", a.reason());
            p.put("noticeTitle", a.itemTitle() + " · " + a.matter());
            p.put("count", a.points() == null ? null : a.points().stripTrailingZeros().toPlainString());
            p.put("returnedBy", a.answeredBy());
            return notice(event, accepted ? Kind.BONUS_ACCEPTED : Kind.BONUS_REFUSED, a.cycleId(), a.unitCode(), null,
                    p, Audiences.unit(a.unitCode()), "#/bonus?cycle=" + a.cycleId());
        }
        return Optional.empty();
    }

    private static Optional<Notice> notice(ReceivedEvent event, Kind kind, String cycleId, String unitCode,
                                           String taskId, Map<String, Object> params, List<String> groups,
                                           String link) {
        if (groups.isEmpty()) {
            return Optional.empty();
        }
        List<Notice.Audience> audiences = groups.stream().distinct().map(g -> new Notice.Audience(g, link)).toList();
        return Optional.of(new Notice(event.id(), event.type(), kind, cycleId, unitCode, taskId, params,
                event.envelope().time(), audiences));
    }

    private static Map<String, Object> task(String type, String name, String period, Instant due) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("taskType", type);
        p.put("taskName", name);
        p.put("period", period);
        p.put("due", due == null ? null : due.toString());
        return p;
    }

    private static List<String> taskAudiences(List<String> groups, String assignee) {
        Set<String> all = new LinkedHashSet<>(groups == null ? List.of() : groups);
        if (assignee != null && !assignee.isBlank()) {
            all.add(Notice.user(assignee));
        }
        return new ArrayList<>(all);
    }

    private static String inbox(String taskId) {
        return taskId == null ? "#/inbox" : "#/inbox?task=" + taskId;
    }

    /** A task as its TaskCreated or TaskReturned told it. */
    private record Told(String taskId, String taskName) {
    }

    /** The task a reminder is about: the latest one of that type told for the unit and period. */
    private Optional<Told> told(String cycleId, String unitCode, String taskType, String period) {
        return db.sql("""
                select task_id, params ->> 'taskName' as task_name from notification
                 where event_type in ('TaskCreated', 'TaskReturned') and cycle_id = ? and unit_code is not distinct from ?
                   and params ->> 'taskType' = ? and (params ->> 'period') is not distinct from ?
                 order by occurred_at desc limit 1
                """).params(cycleId, unitCode, taskType, period)
                .query((rs, n) -> new Told(rs.getString("task_id"), rs.getString("task_name"))).optional();
    }
}
