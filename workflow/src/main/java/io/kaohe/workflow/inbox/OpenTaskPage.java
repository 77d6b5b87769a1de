package io.kaohe.workflow.inbox;

import io.kaohe.workflow.process.Bpmn;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One page of the inbox list as one statement on Camunda's task tables: the page's task ids in the list's order and
 * how many open tasks the filters match, together ({@code count(*) over ()}). Camunda's TaskQuery ran a count and a
 * page, each joining the caller's groups' identity links and probing every matching task's variables (issue 18).
 *
 * <p>The caller's task ids are an array ({@code id_ = any(array(...))}), so PostgreSQL reads the caller's tasks by
 * their primary key and checks the attribute filters on those only, whatever its estimates. Joined or tested with
 * {@code exists}, the candidate groups let it choose a scan of every open task for a group with more than a few
 * hundred tasks (custom plans), or nested loops from the identity links (generic plans, which a prepared statement
 * runs after its fifth execution); docs/benchmarks.md, "workflow".
 *
 * <p>It answers what {@code createTaskQuery().taskCandidateGroupIn(groups).includeAssignedTasks()} with the inbox's
 * filters answered on PostgreSQL (Camunda 7.24's Task.xml and Commons.xml):
 * <ul>
 * <li>a task is the caller's when one of its {@code candidate} identity links names one of the caller's groups,
 *     assigned or not (includeAssignedTasks only drops Camunda's {@code assignee_ is null}); a task assigned to the
 *     caller but offered to none of their groups is not;</li>
 * <li>an attribute filter is a task-local string variable of that name and value
 *     ({@code taskVariableValueEquals});</li>
 * <li>due before: a due date before it (none: not listed); not overdue: due after now or no due date;</li>
 * <li>by due date, tasks without one come last ascending and first descending (PostgreSQL's nulls, Camunda adds no
 *     {@code nulls} clause), then by creation; ties by id, so pages do not overlap (Camunda left ties unordered).</li>
 * </ul>
 */
final class OpenTaskPage {

    /** The page's task ids in the list's order, and how many open tasks the filters match. */
    record Found(List<String> ids, long total) {
    }

    /** A statement and its named parameters. */
    record Statement(String sql, Map<String, Object> params) {
    }

    private OpenTaskPage() {
    }

    static Found find(JdbcClient db, List<String> groups, String caller, InboxQueries.Filter filter, Instant now) {
        Statement page = page(groups, caller, filter, now);
        long[] total = {0};
        List<String> ids = db.sql(page.sql()).params(page.params()).query((rs, n) -> {
            total[0] = rs.getLong("total");
            return rs.getString("id_");
        }).list();
        if (ids.isEmpty() && filter.page() > 0) {
            // Past the last page no row carries the total.
            Statement count = count(groups, caller, filter, now);
            total[0] = db.sql(count.sql()).params(count.params()).query(Long.class).single();
        }
        return new Found(ids, total[0]);
    }

    /** The page's ids with the total on every row. */
    static Statement page(List<String> groups, String caller, InboxQueries.Filter filter, Instant now) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(groups, caller, filter, now, params);
        params.put("size", filter.size());
        params.put("offset", (long) filter.page() * filter.size());
        return new Statement("select t.id_, count(*) over () as total from act_ru_task t" + where + orderBy(filter)
                + " limit :size offset :offset", params);
    }

    /** The total alone. */
    static Statement count(List<String> groups, String caller, InboxQueries.Filter filter, Instant now) {
        Map<String, Object> params = new LinkedHashMap<>();
        return new Statement("select count(*) from act_ru_task t" + where(groups, caller, filter, now, params), params);
    }

    private static String where(List<String> groups, String caller, InboxQueries.Filter filter, Instant now,
                                Map<String, Object> params) {
        List<String> and = new ArrayList<>();
        and.add("t.id_ = any(array(select l.task_id_ from act_ru_identitylink l where l.type_ = 'candidate'"
                + " and l.group_id_ in (:groups)))");
        params.put("groups", groups);
        attribute(and, params, Bpmn.Var.CYCLE_ID, filter.cycleId());
        attribute(and, params, Bpmn.Var.UNIT_CODE, filter.unitCode());
        attribute(and, params, Bpmn.Var.PERIOD, filter.period());
        if (filter.type() != null) {
            and.add("t.task_def_key_ = :type");
            params.put("type", filter.type());
        }
        Instant dueBefore = filter.dueBefore();
        if (Boolean.TRUE.equals(filter.overdue()) && (dueBefore == null || now.isBefore(dueBefore))) {
            dueBefore = now;
        }
        if (dueBefore != null) {
            and.add("t.due_date_ < :dueBefore");
            params.put("dueBefore", Timestamp.from(dueBefore));
        }
        if (Boolean.FALSE.equals(filter.overdue())) {
            and.add("(t.due_date_ > :now or t.due_date_ is null)");
            params.put("now", Timestamp.from(now));
        }
        if ("me".equals(filter.assigned())) {
            and.add("t.assignee_ = :me");
            params.put("me", caller);
        } else if ("unassigned".equals(filter.assigned())) {
            and.add("t.assignee_ is null");
        }
        return " where " + String.join(" and ", and);
    }

    /** A task-local string variable of that name and value (the parameter is named after the attribute). */
    private static void attribute(List<String> and, Map<String, Object> params, String name, String value) {
        if (value != null) {
            and.add("exists (select 1 from act_ru_variable v where v.task_id_ = t.id_ and v.name_ = '" + name
                    + "' and v.type_ = 'string' and v.text_ = :" + name + ")");
            params.put(name, value);
        }
    }

    private static String orderBy(InboxQueries.Filter filter) {
        String direction = "desc".equalsIgnoreCase(filter.order()) ? "desc" : "asc";
        String due = "created".equals(filter.sort()) ? ""
                : "t.due_date_ " + direction + ("desc".equals(direction) ? " nulls first, " : " nulls last, ");
        return " order by " + due + "t.create_time_ " + direction + ", t.id_ " + direction;
    }
}
