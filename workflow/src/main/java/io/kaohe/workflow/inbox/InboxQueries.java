package io.kaohe.workflow.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaohe.support.security.CurrentUser;
import io.kaohe.workflow.process.Bpmn;
import io.kaohe.workflow.process.TaskAttributes;
import io.kaohe.workflow.tasks.TaskForms;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstanceQuery;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The inbox's reads. Filters use the task-local attributes every task carries (see
 * TaskAttributes) and the task type, never a process definition id, so they hold across models
 * and their versions.
 */
@Component
class InboxQueries {

    /** What a task's assignee sees of the process, by task type. */
    private static final Map<String, List<String>> CONTEXT = Map.ofEntries(
            Map.entry(Bpmn.Task.SUBMIT_SELF_ASSESSMENT, List.of(Bpmn.Var.DUE_AT, Bpmn.Var.LATE)),
            Map.entry(Bpmn.Task.REVISE_SELF_ASSESSMENT, List.of(Bpmn.Var.REVIEW_COMMENT, Bpmn.Var.REVIEWED_BY,
                    Bpmn.Var.RESUBMIT_DUE_AT)),
            Map.entry(Bpmn.Task.REVIEW_SELF_ASSESSMENT, List.of(Bpmn.Var.SUBMITTED_VERSION, Bpmn.Var.SUBMISSION_ID,
                    Bpmn.Var.ACCEPTED_ITEMS, Bpmn.Var.LATE)),
            Map.entry(Bpmn.Task.APPROVE_GRADES, List.of(Bpmn.Var.PROPOSAL_ID, Bpmn.Var.PROPOSED_BY)),
            Map.entry(Bpmn.Task.SUBMIT_RECTIFICATION_PLAN, List.of(Bpmn.Var.NOTICE_PROBLEMS, Bpmn.Var.GRADE)),
            Map.entry(Bpmn.Task.SUBMIT_RECTIFICATION_REPORT, List.of(Bpmn.Var.GRADE)),
            Map.entry(Bpmn.Task.SUBMIT_EXPLANATION, List.of(Bpmn.Var.GRADE)),
            Map.entry(Bpmn.Task.REPORT_RECTIFICATION_PROGRESS, List.of(Bpmn.Var.PROGRESS, Bpmn.Var.VERDICT)),
            Map.entry(Bpmn.Task.VERIFY_RECTIFICATION, List.of(Bpmn.Var.PROGRESS)));

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final HistoryService history;
    private final JdbcClient db;
    private final ObjectMapper json;

    InboxQueries(TaskService tasks, RuntimeService runtime, HistoryService history, JdbcClient db, ObjectMapper json) {
        this.tasks = tasks;
        this.runtime = runtime;
        this.history = history;
        this.db = db;
        this.json = json;
    }

    /** The inbox's filters; all optional. */
    record Filter(String cycleId, String unitCode, String type, String period, Instant dueBefore, Boolean overdue,
                  String assigned, String sort, String order, int page, int size) {
    }

    TaskView.Page list(CurrentUser user, Filter filter) {
        List<String> groups = TaskAccess.groups(user);
        if (groups.isEmpty()) {
            return new TaskView.Page(List.of(), 0, filter.page(), filter.size());
        }
        OpenTaskPage.Found found = OpenTaskPage.find(db, groups, user.username(), filter, Instant.now());
        List<Task> page = found.ids().isEmpty() ? List.of() : inOrder(found.ids(),
                tasks.createTaskQuery().taskIdIn(found.ids().toArray(String[]::new)).list());
        return new TaskView.Page(views(page), found.total(), filter.page(), filter.size());
    }

    /** The tasks in the order of their ids (a task completed in between is left out). */
    private static List<Task> inOrder(List<String> ids, List<Task> found) {
        Map<String, Task> byId = new HashMap<>();
        found.forEach(t -> byId.put(t.getId(), t));
        return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
    }

    List<TaskView> views(List<Task> page) {
        if (page.isEmpty()) {
            return List.of();
        }
        String[] ids = page.stream().map(Task::getId).toArray(String[]::new);
        Map<String, Map<String, Object>> attributes = new HashMap<>();
        List<String> names = new ArrayList<>(TaskAttributes.COPIED);
        names.add(Bpmn.Var.CANDIDATE_GROUPS);
        for (VariableInstance v : runtime.createVariableInstanceQuery().taskIdIn(ids)
                .variableNameIn(names.toArray(String[]::new)).disableBinaryFetching().list()) {
            attributes.computeIfAbsent(v.getTaskId(), k -> new HashMap<>()).put(v.getName(), v.getValue());
        }
        Set<String> drafts = new HashSet<>(db.sql("select task_id from task_draft where task_id in (:ids)")
                .param("ids", Arrays.asList(ids)).query(String.class).list());
        Map<String, String> unitNames = unitNames(attributes.values());
        Map<String, Integer> chased = chaseUnitCounts(page);
        Instant now = Instant.now();
        List<TaskView> views = new ArrayList<>();
        for (Task task : page) {
            Map<String, Object> a = attributes.getOrDefault(task.getId(), Map.of());
            String type = task.getTaskDefinitionKey();
            String cycleId = (String) a.get(Bpmn.Var.CYCLE_ID);
            String unitCode = (String) a.get(Bpmn.Var.UNIT_CODE);
            String groups = (String) a.get(Bpmn.Var.CANDIDATE_GROUPS);
            Instant due = task.getDueDate() == null ? null : task.getDueDate().toInstant();
            views.add(new TaskView(task.getId(), task.getTaskDefinitionKey(), task.getName(), cycleId, unitCode,
                    unitNames.get(cycleId + "\u0000" + unitCode), (String) a.get(Bpmn.Var.PERIOD),
                    (String) a.get(Bpmn.Var.DEPARTMENT), (String) a.get(Bpmn.Var.CATEGORY),
                    (String) a.get(Bpmn.Var.RECTIFICATION_ID), (String) a.get(Bpmn.Var.PROBLEM_ID),
                    groups == null || groups.isEmpty() ? List.of() : List.of(groups.split(",")),
                    task.getAssignee(), task.getOwner(), due, due != null && due.isBefore(now),
                    task.getCreateTime().toInstant(), type != null && Bpmn.Task.COMPLETED_BY_EVENT.contains(type),
                    type == null ? null : TaskForms.formOf(type).map(Class::getSimpleName).orElse(null),
                    drafts.contains(task.getId()), task.getProcessInstanceId(), (String) a.get(Bpmn.Var.APPEAL_ID),
                    (String) a.get(Bpmn.Var.ITEM_CODE), Bpmn.Task.CHASE_LATE_UNITS.equals(type)
                            ? new TaskView.Chase((String) a.get(Bpmn.Var.CHASE_KIND),
                                    chased.getOrDefault(task.getProcessInstanceId(), 0), null)
                            : null));
        }
        return views;
    }

    /** How many units each chase of the page lists (the names of its lateUnit_ variables; no value is read). */
    private Map<String, Integer> chaseUnitCounts(List<Task> page) {
        String[] chases = page.stream().filter(t -> Bpmn.Task.CHASE_LATE_UNITS.equals(t.getTaskDefinitionKey()))
                .map(Task::getProcessInstanceId).distinct().toArray(String[]::new);
        Map<String, Set<String>> units = new HashMap<>();
        if (chases.length > 0) {
            for (VariableInstance v : runtime.createVariableInstanceQuery().processInstanceIdIn(chases)
                    .variableNameLike(Bpmn.Var.LATE_UNIT_ + "%").disableBinaryFetching().disableCustomObjectDeserialization()
                    .list()) {
                units.computeIfAbsent(v.getProcessInstanceId(), k -> new HashSet<>()).add(unitOf(v.getName()));
            }
        }
        Map<String, Integer> counts = new HashMap<>();
        units.forEach((instance, codes) -> counts.put(instance, codes.size()));
        return counts;
    }

    /** The unit of a chase's lateUnit_&lt;unit&gt;[@subject] variable. */
    private static String unitOf(String variable) {
        String rest = variable.substring(Bpmn.Var.LATE_UNIT_.length());
        int at = rest.indexOf('@');
        return at < 0 ? rest : rest.substring(0, at);
    }

    /** The late units a chase lists, by unit code, then what they missed. */
    private TaskView.Chase chase(Task task, TaskView view) {
        List<Map<String, String>> entries = new ArrayList<>();
        for (VariableInstance v : runtime.createVariableInstanceQuery().processInstanceIdIn(task.getProcessInstanceId())
                .variableNameLike(Bpmn.Var.LATE_UNIT_ + "%").list()) {
            if (v.getValue() instanceof Map<?, ?> entry) {
                Map<String, String> copy = new HashMap<>();
                entry.forEach((k, value) -> copy.put(String.valueOf(k), value == null ? null : String.valueOf(value)));
                entries.add(copy);
            }
        }
        List<Map<String, Object>> lateUnits = new ArrayList<>();
        for (Map<String, String> e : entries) {
            Map<String, Object> unit = new HashMap<>();
            unit.put(Bpmn.Var.CYCLE_ID, view.cycleId());
            unit.put(Bpmn.Var.UNIT_CODE, e.get("unitCode"));
            lateUnits.add(unit);
        }
        Map<String, String> names = unitNames(lateUnits);
        List<TaskView.LateUnit> units = new ArrayList<>();
        for (Map<String, String> e : entries) {
            units.add(new TaskView.LateUnit(e.get("unitCode"), names.get(view.cycleId() + "\u0000" + e.get("unitCode")),
                    e.get("missed"), e.get("period"), e.get("subject"), instant(e.get("dueAt")), instant(e.get("since"))));
        }
        units.sort(java.util.Comparator.comparing(TaskView.LateUnit::unitCode)
                .thenComparing(u -> u.subject() == null ? "" : u.subject()));
        return new TaskView.Chase(view.chase() == null ? null : view.chase().kind(),
                (int) units.stream().map(TaskView.LateUnit::unitCode).distinct().count(), units);
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }

    /**
     * The tasks the caller completed itself (Camunda's history: finished with reason "completed", the
     * caller the assignee), newest first. Tasks ended by the process or an event are not the caller's work.
     */
    TaskView.DonePage done(CurrentUser user, String cycleId, int page, int size) {
        HistoricTaskInstanceQuery query = history.createHistoricTaskInstanceQuery().taskAssignee(user.username())
                .finished().taskDeleteReason("completed");
        if (cycleId != null) {
            query.taskVariableValueEquals(Bpmn.Var.CYCLE_ID, cycleId);
        }
        long total = query.count();
        List<HistoricTaskInstance> found = query.orderByHistoricTaskInstanceEndTime().desc().orderByTaskId().desc()
                .listPage(page * size, size);
        if (found.isEmpty()) {
            return new TaskView.DonePage(List.of(), total, page, size);
        }
        // The same task-local attributes the open inbox reads, from the variable history.
        Map<String, Map<String, Object>> attributes = new HashMap<>();
        for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery()
                .taskIdIn(found.stream().map(HistoricTaskInstance::getId).toArray(String[]::new))
                .variableNameIn(TaskAttributes.COPIED.toArray(String[]::new)).disableBinaryFetching().list()) {
            attributes.computeIfAbsent(v.getTaskId(), k -> new HashMap<>()).put(v.getName(), v.getValue());
        }
        Map<String, String> unitNames = unitNames(attributes.values());
        List<TaskView.Done> done = new ArrayList<>();
        for (HistoricTaskInstance task : found) {
            Map<String, Object> a = attributes.getOrDefault(task.getId(), Map.of());
            String cycle = (String) a.get(Bpmn.Var.CYCLE_ID);
            String unitCode = (String) a.get(Bpmn.Var.UNIT_CODE);
            Instant due = task.getDueDate() == null ? null : task.getDueDate().toInstant();
            Instant completed = task.getEndTime().toInstant();
            done.add(new TaskView.Done(task.getId(), task.getTaskDefinitionKey(), task.getName(), cycle, unitCode,
                    unitNames.get(cycle + "\u0000" + unitCode), (String) a.get(Bpmn.Var.PERIOD),
                    (String) a.get(Bpmn.Var.DEPARTMENT), (String) a.get(Bpmn.Var.CATEGORY), due, completed,
                    due == null || !completed.isAfter(due), task.getProcessInstanceId()));
        }
        return new TaskView.DonePage(done, total, page, size);
    }

    /** The most rows an inbox export holds; a last row says how many more there were. */
    static final int EXPORT_MAX = 20_000;

    /** Every open task the list would show with these filters (page and size aside), up to {@link #EXPORT_MAX}. */
    TaskView.Page everyOpen(CurrentUser user, Filter filter) {
        List<TaskView> all = new ArrayList<>();
        long total = 0;
        for (int page = 0; all.size() < EXPORT_MAX; page++) {
            TaskView.Page one = list(user, new Filter(filter.cycleId(), filter.unitCode(), filter.type(), filter.period(),
                    filter.dueBefore(), filter.overdue(), filter.assigned(), filter.sort(), filter.order(), page, 500));
            all.addAll(one.tasks());
            total = one.total();
            if (one.tasks().size() < 500) {
                break;
            }
        }
        return new TaskView.Page(all, total, 0, all.size());
    }

    /** Every task the caller completed, as the 已办 list shows them, up to {@link #EXPORT_MAX}. */
    TaskView.DonePage everyDone(CurrentUser user, String cycleId) {
        List<TaskView.Done> all = new ArrayList<>();
        long total = 0;
        for (int page = 0; all.size() < EXPORT_MAX; page++) {
            TaskView.DonePage one = done(user, cycleId, page, 500);
            all.addAll(one.tasks());
            total = one.total();
            if (one.tasks().size() < 500) {
                break;
            }
        }
        return new TaskView.DonePage(all, total, 0, all.size());
    }

    /** The cycles' titles by id, for exports that name a cycle as offices do (2026年度考核). */
    Map<String, String> cycleTitles() {
        Map<String, String> titles = new HashMap<>();
        db.sql("select cycle_id, title from cycle").query((rs, n) -> titles.put(rs.getString(1), rs.getString(2))).list();
        return titles;
    }

    private Map<String, String> unitNames(java.util.Collection<Map<String, Object>> attributes) {
        Set<String> cycles = new HashSet<>();
        Set<String> units = new HashSet<>();
        attributes.forEach(a -> {
            if (a.get(Bpmn.Var.CYCLE_ID) != null && a.get(Bpmn.Var.UNIT_CODE) != null) {
                cycles.add((String) a.get(Bpmn.Var.CYCLE_ID));
                units.add((String) a.get(Bpmn.Var.UNIT_CODE));
            }
        });
        Map<String, String> names = new HashMap<>();
        if (cycles.isEmpty()) {
            return names;
        }
        // The page's units only (by the primary key), not every unit of its cycles: a cycle has thousands.
        db.sql("select cycle_id, unit_code, unit_name from cycle_unit where cycle_id in (:cycles) and unit_code in (:units)")
                .param("cycles", cycles).param("units", units)
                .query((rs, n) -> names.put(rs.getString(1) + "\u0000" + rs.getString(2), rs.getString(3))).list();
        return names;
    }

    /** The units the leader returned in this task's category, each with the step and the reason. */
    private List<Map<String, Object>> returns(String taskId) {
        Object units = tasks.getVariable(taskId, Bpmn.Var.RETURNED_UNITS);
        List<Map<String, Object>> returns = new ArrayList<>();
        if (units instanceof Collection<?> codes) {
            for (Object code : codes) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("unitCode", String.valueOf(code));
                r.put("returnTo", tasks.getVariable(taskId, Bpmn.Var.RETURN_TO_ + code));
                r.put("reason", tasks.getVariable(taskId, Bpmn.Var.RETURN_REASON_ + code));
                returns.add(r);
            }
        }
        return returns;
    }

    TaskView.Detail detail(Task task) {
        TaskView view = views(List.of(task)).get(0);
        if (view.chase() != null) {
            TaskView v = view;
            view = new TaskView(v.id(), v.type(), v.name(), v.cycleId(), v.unitCode(), v.unitName(), v.period(),
                    v.department(), v.category(), v.rectificationId(), v.problemId(), v.candidateGroups(), v.assignee(),
                    v.owner(), v.due(), v.overdue(), v.created(), v.completedByEvent(), v.form(), v.hasDraft(),
                    v.processInstanceId(), v.appealId(), v.itemCode(), chase(task, v));
        }
        Map<String, Object> context = new LinkedHashMap<>();
        for (String name : task.getTaskDefinitionKey() == null ? List.<String>of()
                : CONTEXT.getOrDefault(task.getTaskDefinitionKey(), List.of())) {
            Object value = tasks.getVariable(task.getId(), name);
            if (value != null && !"-".equals(value)) {
                context.put(name, value instanceof Date date ? date.toInstant() : value);
            }
        }
        Object problemId = view.problemId();
        if (problemId != null) {
            Object entry = tasks.getVariable(task.getId(), Bpmn.Var.LEDGER_ + problemId);
            if (entry != null) {
                context.put("ledgerEntry", entry);
            }
        }
        if (Bpmn.Task.REPROPOSE_GRADES.equals(task.getTaskDefinitionKey())) {
            // Why the leaders sent units back, for the office proposing again.
            context.put("returns", returns(task.getId()));
        }
        Object draft = db.sql("select form::text from task_draft where task_id = ?").param(task.getId())
                .query(String.class).optional().map(this::parse).orElse(null);
        return new TaskView.Detail(view, context, draft);
    }

    private Object parse(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            return null;
        }
    }

    /** Open tasks per type the caller can see, how many are overdue and how many the caller holds. */
    List<TaskView.Count> counts(CurrentUser user, String cycleId) {
        List<String> groups = TaskAccess.groups(user);
        if (groups.isEmpty()) {
            return List.of();
        }
        // One grouped query over the engine's task tables (Camunda's query API counts one filter at a time).
        return db.sql("""
                select t.task_def_key_ as type, count(*) as open,
                       count(*) filter (where t.due_date_ < :now) as overdue,
                       count(*) filter (where t.assignee_ = :me) as mine
                from act_ru_task t
                where exists (select 1 from act_ru_identitylink l
                              where l.task_id_ = t.id_ and l.type_ = 'candidate' and l.group_id_ in (:groups))
                  and (cast(:cycle as text) is null or exists (select 1 from act_ru_variable v
                              where v.task_id_ = t.id_ and v.name_ = 'cycleId' and v.text_ = :cycle))
                group by t.task_def_key_
                order by t.task_def_key_
                """).param("now", Timestamp.from(Instant.now())).param("me", user.username())
                .param("groups", groups).param("cycle", cycleId)
                .query((rs, n) -> new TaskView.Count(rs.getString("type"), rs.getLong("open"), rs.getLong("overdue"),
                        rs.getLong("mine"))).list();
    }
}
