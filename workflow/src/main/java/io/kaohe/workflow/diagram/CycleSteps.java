package io.kaohe.workflow.diagram;

import io.kaohe.workflow.process.Bpmn;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where a cycle's whole process tree waits now, in one query over the engine's runtime tables (the
 * annual-cycle instance, the unit-assessment and period-assessment instances it called, and the
 * rectifications opened in the cycle, which are started by message and so are roots of their own,
 * found by their cycleId). Camunda's query API would need a call per process instance; this stays
 * one round trip however many units the cycle has. Each waiting execution is one row: its element,
 * the unit of its process (or of the process it called), the period, since when (the task's creation,
 * else the activity's start), the task's due date and candidate groups, the timer's time.
 */
@Component
class CycleSteps {

    private final JdbcClient db;

    CycleSteps(JdbcClient db) {
        this.db = db;
    }

    List<ActiveStep> of(String cycleId, String rootProcessInstanceId) {
        Instant now = Instant.now();
        List<ActiveStep> steps = db.sql("""
                with roots as (
                    select cast(:root as varchar) as id_
                    union
                    select v.proc_inst_id_ from act_ru_variable v
                    join act_ru_execution pi on pi.id_ = v.proc_inst_id_
                    join act_re_procdef pd on pd.id_ = pi.proc_def_id_ and pd.key_ = :rectification
                    where v.name_ = :cycleVar and v.text_ = :cycle and v.execution_id_ = v.proc_inst_id_
                      and v.task_id_ is null
                ), instances as (
                    -- Only a process instance's own row names its root; the executions inside it do not.
                    select pi.id_ from act_ru_execution pi
                    where pi.id_ = pi.proc_inst_id_ and pi.root_proc_inst_id_ in (select id_ from roots)
                )
                select d.key_ as model, d.id_ as definition_id, e.act_id_ as activity_id, a.act_type_ as activity_type,
                       a.act_name_ as name, coalesce(uv.text_, su.text_) as unit_code, pv.text_ as period,
                       coalesce(t.create_time_, a.start_time_) as since, t.due_date_ as due,
                       (select min(j.duedate_) from act_ru_job j where j.execution_id_ = e.id_ and j.type_ = 'timer') as until,
                       (select string_agg(l.group_id_, ',' order by l.group_id_) from act_ru_identitylink l
                         where l.task_id_ = t.id_ and l.type_ = 'candidate' and l.group_id_ is not null) as groups
                from act_ru_execution e
                join act_re_procdef d on d.id_ = e.proc_def_id_
                left join act_hi_actinst a on a.id_ = e.act_inst_id_
                left join act_ru_task t on t.execution_id_ = e.id_
                left join act_ru_variable uv on uv.execution_id_ = e.proc_inst_id_ and uv.name_ = :unitVar
                     and uv.task_id_ is null
                left join act_ru_variable pv on pv.execution_id_ = e.proc_inst_id_ and pv.name_ = :periodVar
                     and pv.task_id_ is null
                left join act_ru_execution sub on sub.super_exec_ = e.id_
                left join act_ru_variable su on su.execution_id_ = sub.id_ and su.name_ = :unitVar and su.task_id_ is null
                where e.proc_inst_id_ in (select id_ from instances)
                  and e.is_active_ and e.act_id_ is not null
                """)
                .param("root", rootProcessInstanceId).param("cycle", cycleId)
                .param("rectification", Bpmn.Process.RECTIFICATION).param("cycleVar", Bpmn.Var.CYCLE_ID)
                .param("unitVar", Bpmn.Var.UNIT_CODE).param("periodVar", Bpmn.Var.PERIOD)
                .query((rs, n) -> {
                    Instant due = instant(rs.getTimestamp("due"));
                    String groups = rs.getString("groups");
                    String activity = rs.getString("activity_id");
                    return new ActiveStep(rs.getString("model"), rs.getString("definition_id"),
                            activity.split("#", 2)[0], rs.getString("activity_type"), rs.getString("name"),
                            rs.getString("unit_code"), rs.getString("period"), instant(rs.getTimestamp("since")), due,
                            instant(rs.getTimestamp("until")),
                            groups == null ? List.of() : List.of(groups.split(",")), due != null && due.isBefore(now));
                }).list();
        // A unit waiting in a called process is overdue at the call too when any of its tasks is.
        Set<String> overdueUnits = new HashSet<>();
        steps.stream().filter(s -> s.overdue() && s.unitCode() != null).forEach(s -> overdueUnits.add(s.unitCode()));
        List<ActiveStep> marked = new ArrayList<>(steps.size());
        for (ActiveStep s : steps) {
            marked.add(s.calls() && !s.overdue() && overdueUnits.contains(s.unitCode())
                    ? new ActiveStep(s.model(), s.definitionId(), s.activityId(), s.activityType(), s.name(),
                    s.unitCode(), s.period(), s.since(), s.due(), s.until(), s.candidateGroups(), true) : s);
        }
        return marked;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
