package io.kaohe.workflow.inbox;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.zaxxer.hikari.HikariDataSource;
import io.kaohe.support.security.CurrentUser;
import io.kaohe.testsupport.TestServers;
import io.kaohe.workflow.schema.EngineIndexes;
import io.kaohe.workflow.schema.EngineSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The inbox list's statements on 100,000 open tasks (a tool, not a test; it never fails on a timing): Camunda's count
 * and page (the TaskQuery InboxQueries.list ran before issue 18, as the engine sends them) against
 * {@link OpenTaskPage}'s one statement, for a few callers: EXPLAIN (ANALYZE, BUFFERS) of the custom plan (values
 * inlined, as psql shows it) and of the generic plan (what a prepared statement runs after its fifth execution, as
 * JDBC's do), 200 calls of each through JDBC, and the plans PostgreSQL kept for them. The database is filled by SQL in
 * the shape WorkflowBenchmark leaves it (UUID ids, rows in creation order) on the embedded PostgreSQL, then analysed.
 *
 * <p>{@code ./mvnw -o -pl workflow exec:java -Dexec.classpathScope=test -Dkaohe.tests.embedded=true
 * -Dexec.mainClass=io.kaohe.workflow.inbox.InboxListExplain} with, optionally, {@code -Dexplain.oracle=true} (both
 * answers compared for 4,320 combinations of callers, filters, sorting and pages), {@code -Dexplain.extra="create index
 * …;…"} (before the ANALYZE), {@code -Dexplain.fillOnly=true} (no callers) and {@code -Dexplain.hold=MINUTES} (the
 * database kept up for psql; the URL is printed).
 */
public final class InboxListExplain {

    public static void main(String[] args) throws Exception {
        String url = TestServers.database("inbox_explain");
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(url);
        ds.setUsername(TestServers.postgres().user());
        ds.setPassword(TestServers.postgres().password());
        ds.setMaximumPoolSize(1);
        var migration = new org.springframework.jdbc.datasource.DriverManagerDataSource(url,
                TestServers.postgres().user(), TestServers.postgres().password());
        EngineSchema schema = new EngineSchema(migration);
        schema.setResourceLoader(new DefaultResourceLoader());
        schema.afterPropertiesSet();
        EngineIndexes indexes = new EngineIndexes(migration);
        indexes.setResourceLoader(new DefaultResourceLoader());
        indexes.afterPropertiesSet();
        JdbcClient db = JdbcClient.create(ds);
        long t0 = System.nanoTime();
        fill(db);
        System.out.printf(Locale.ROOT, "filled in %.1f s: %d tasks, %d links, %d variables%n", (System.nanoTime() - t0) / 1e9,
                count(db, "act_ru_task"), count(db, "act_ru_identitylink"), count(db, "act_ru_variable"));
        for (String extra : System.getProperty("explain.extra", "").split(";")) {
            if (!extra.isBlank()) {
                System.out.println("extra: " + extra);
                db.sql(extra).update();
            }
        }
        if (!Boolean.getBoolean("explain.noAnalyze")) {
            db.sql("analyze").update();
        }
        db.sql("vacuum").update();

        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setProcessEngineName("inbox-explain");
        configuration.setDataSource(ds);
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_FALSE);
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_NONE);
        configuration.setJobExecutorActivate(false);
        configuration.setDbMetricsReporterActivate(false);
        configuration.setEnforceHistoryTimeToLive(false);
        ProcessEngine engine = configuration.buildProcessEngine();
        TaskService tasks = engine.getTaskService();

        Logger mybatis = (Logger) LoggerFactory.getLogger("org.camunda.bpm.engine.impl.persistence.entity.TaskEntity");
        ListAppender<ILoggingEvent> sql = new ListAppender<>();
        sql.start();

        Object[][] personas = {
                {"department reviewer, one cycle's reviews", new CurrentUser("reviewer.sfpymj", Set.of("dept-reviewer"),
                        null, "sfpymj", Set.of()), filter("bench-1", "UserTask_ReviewSelfAssessment", null)},
                {"the same, not overdue", new CurrentUser("reviewer.sfpymj", Set.of("dept-reviewer"),
                        null, "sfpymj", Set.of()), filter("bench-1", "UserTask_ReviewSelfAssessment", false)},
                {"department reviewer, everything", new CurrentUser("reviewer.sfpymj", Set.of("dept-reviewer"),
                        null, "sfpymj", Set.of()), filter(null, null, null)},
                {"department reviewer, one cycle", new CurrentUser("reviewer.sfpymj", Set.of("dept-reviewer"),
                        null, "sfpymj", Set.of()), filter("bench-1", null, null)},
                {"unit reporter u-00042, all cycles", new CurrentUser("reporter.u42", Set.of("unit-reporter"),
                        "u-00042", null, Set.of()), filter(null, null, null)},
                {"office, overdue", new CurrentUser("office", Set.of("office-admin"), null, null, Set.of()),
                        filter(null, null, true)}};
        for (Object[] p : Boolean.getBoolean("explain.fillOnly") ? new Object[0][] : personas) {
            CurrentUser user = (CurrentUser) p[1];
            InboxQueries.Filter filter = (InboxQueries.Filter) p[2];
            List<String> groups = TaskAccess.groups(user);
            Instant now = Instant.now();
            System.out.println();
            System.out.println("=== " + p[0] + " (groups " + groups + ")");

            // Camunda's two statements, as the engine sends them.
            sql.list.clear();
            mybatis.setLevel(Level.DEBUG);
            mybatis.addAppender(sql);
            TaskQuery query = camunda(tasks, groups, user.username(), filter, now);
            long oldTotal = query.count();
            List<String> oldIds = query.listPage(filter.page() * filter.size(), filter.size()).stream().map(Task::getId)
                    .toList();
            mybatis.detachAppender(sql);
            mybatis.setLevel(Level.INFO);
            List<Prepared> statements = statements(sql.list);
            OpenTaskPage.Found found = OpenTaskPage.find(db, groups, user.username(), filter, now);
            System.out.printf(Locale.ROOT, "total: camunda %d, new %d; page equal: %s (%d ids)%n", oldTotal,
                    found.total(), oldIds.equals(found.ids()), found.ids().size());
            if (!oldIds.equals(found.ids())) {
                System.out.println("  camunda " + oldIds.subList(0, Math.min(8, oldIds.size())));
                System.out.println("  new     " + found.ids().subList(0, Math.min(8, found.ids().size())));
            }
            for (Prepared s : statements) {
                explain(db, "camunda", s);
            }
            explain(db, "new", prepared(OpenTaskPage.page(groups, user.username(), filter, now)));

            double[] old = WorkflowBenchmark.latencies(200, () -> {
                TaskQuery q = camunda(tasks, groups, user.username(), filter, Instant.now());
                q.count();
                return q.listPage(filter.page() * filter.size(), filter.size());
            });
            double[] mine = WorkflowBenchmark.latencies(200,
                    () -> OpenTaskPage.find(db, groups, user.username(), filter, Instant.now()));
            double[] mineAndTasks = WorkflowBenchmark.latencies(200, () -> {
                List<String> ids = OpenTaskPage.find(db, groups, user.username(), filter, Instant.now()).ids();
                return ids.isEmpty() ? List.of() : tasks.createTaskQuery().taskIdIn(ids.toArray(String[]::new)).list();
            });
            System.out.printf(Locale.ROOT, "timings (200 calls, under nice): camunda count+page p50 %.2f ms p99 %.2f; "
                            + "new statement p50 %.2f p99 %.2f; new + taskIdIn p50 %.2f p99 %.2f%n", old[0], old[1],
                    mine[0], mine[1], mineAndTasks[0], mineAndTasks[1]);
            db.sql("select generic_plans, custom_plans, left(regexp_replace(statement, '\\s+', ' ', 'g'), 90) "
                    + "from pg_prepared_statements where statement ilike '%act_ru_task%' and statement not ilike 'explain%'")
                    .query((rs, n) ->
                    String.format(Locale.ROOT, "  prepared: generic %d custom %d: %s", rs.getLong(1), rs.getLong(2),
                            rs.getString(3))).list().forEach(System.out::println);
        }
        if (Boolean.getBoolean("explain.oracle")) {
            oracle(db, tasks);
        }
        engine.close();
        long hold = Long.getLong("explain.hold", 0);
        if (hold > 0) {
            System.out.println("holding " + hold + " min: " + url);
            Thread.sleep(hold * 60_000);
        }
        ds.close();
        System.exit(0);
    }

    /** The new statement against Camunda's query for every combination of the list's sorting, paging and filters. */
    private static void oracle(JdbcClient db, TaskService tasks) {
        CurrentUser reviewer = new CurrentUser("reviewer.sfpymj", Set.of("dept-reviewer"), null, "sfpymj", Set.of());
        CurrentUser reporter = new CurrentUser("reporter.u42", Set.of("unit-reporter", "unit-head"), "u-00042", null,
                Set.of());
        int combos = 0;
        int differ = 0;
        for (CurrentUser user : List.of(reviewer, reporter)) {
            List<String> groups = TaskAccess.groups(user);
            for (String cycle : java.util.Arrays.asList(null, "bench-1")) {
                for (String[] attrs : new String[][] {{null, null, null}, {"u-00070", null, null}, {null, "Q1", null},
                        {null, null, "UserTask_ReviewSelfAssessment"}, {"u-00042", "Q2", null}}) {
                    for (Instant dueBefore : java.util.Arrays.asList(null, Instant.now().plus(java.time.Duration.ofDays(2)))) {
                        for (Boolean overdue : java.util.Arrays.asList(null, true, false)) {
                            for (String assigned : java.util.Arrays.asList(null, "me", "unassigned")) {
                                for (String sort : java.util.Arrays.asList(null, "created")) {
                                    for (String order : java.util.Arrays.asList(null, "desc")) {
                                        for (int page : new int[] {0, 2, 400}) {
                                            InboxQueries.Filter f = new InboxQueries.Filter(cycle, attrs[0], attrs[2],
                                                    attrs[1], dueBefore, overdue, assigned, sort, order, page, 20);
                                            Instant now = Instant.now();
                                            TaskQuery q = camunda(tasks, groups, user.username(), f, now);
                                            long total = q.count();
                                            List<String> ids = q.listPage(page * 20, 20).stream().map(Task::getId)
                                                    .toList();
                                            OpenTaskPage.Found found = OpenTaskPage.find(db, groups, user.username(),
                                                    f, now);
                                            combos++;
                                            if (total != found.total() || !ids.equals(found.ids())) {
                                                differ++;
                                                System.out.println("DIFFERS " + user.username() + " " + f + ": camunda "
                                                        + total + " " + ids.size() + ", new " + found.total() + " "
                                                        + found.ids().size());
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        System.out.println("oracle: " + combos + " combinations, " + differ + " differ");
    }

    private static InboxQueries.Filter filter(String cycleId, String type, Boolean overdue) {
        return new InboxQueries.Filter(cycleId, null, type, null, null, overdue, null, null, null, 0, 50);
    }

    /** What InboxQueries.list asked Camunda before issue 18: the reference the new statement answers as. */
    private static TaskQuery camunda(TaskService tasks, List<String> groups, String me, InboxQueries.Filter filter,
                                     Instant now) {
        TaskQuery query = tasks.createTaskQuery().taskCandidateGroupIn(groups).includeAssignedTasks();
        if (filter.cycleId() != null) {
            query.taskVariableValueEquals("cycleId", filter.cycleId());
        }
        if (filter.unitCode() != null) {
            query.taskVariableValueEquals("unitCode", filter.unitCode());
        }
        if (filter.period() != null) {
            query.taskVariableValueEquals("period", filter.period());
        }
        if (filter.type() != null) {
            query.taskDefinitionKey(filter.type());
        }
        Instant dueBefore = filter.dueBefore();
        if (Boolean.TRUE.equals(filter.overdue()) && (dueBefore == null || now.isBefore(dueBefore))) {
            dueBefore = now;
        }
        if (dueBefore != null) {
            query.dueBefore(Date.from(dueBefore));
        }
        if (Boolean.FALSE.equals(filter.overdue())) {
            query.or().dueAfter(Date.from(now)).withoutDueDate().endOr();
        }
        if ("me".equals(filter.assigned())) {
            query.taskAssignee(me);
        } else if ("unassigned".equals(filter.assigned())) {
            query.taskUnassigned();
        }
        boolean descending = "desc".equalsIgnoreCase(filter.order());
        if ("created".equals(filter.sort())) {
            query.orderByTaskCreateTime();
        } else {
            query.orderByDueDate();
            if (descending) {
                query.desc();
            } else {
                query.asc();
            }
            query.orderByTaskCreateTime();
        }
        if (descending) {
            query.desc();
        } else {
            query.asc();
        }
        return query;
    }

    /** A statement with $n placeholders, their types and their values as SQL literals. */
    record Prepared(String sql, List<String> types, List<String> literals) {
        String inline() {
            String out = sql;
            for (int k = literals.size(); k >= 1; k--) {
                out = out.replace("$" + k, literals.get(k - 1));
            }
            return out;
        }
    }

    /** MyBatis's "Preparing:" and "Parameters:" lines as statements. */
    private static List<Prepared> statements(List<ILoggingEvent> events) {
        List<Prepared> out = new ArrayList<>();
        String preparing = null;
        for (ILoggingEvent e : events) {
            String m = e.getFormattedMessage();
            if (m.contains("Preparing:")) {
                preparing = m.substring(m.indexOf("Preparing:") + 10).trim();
            } else if (m.contains("Parameters:") && preparing != null) {
                String values = m.substring(m.indexOf("Parameters:") + 11).trim();
                StringBuilder s = new StringBuilder();
                List<String> parts = values.isEmpty() ? List.of() : Arrays.asList(values.split(", (?=[^,]*\\()"));
                List<String> types = new ArrayList<>();
                List<String> literals = new ArrayList<>();
                for (int i = 0; i < preparing.length(); i++) {
                    char c = preparing.charAt(i);
                    if (c == '?') {
                        String part = parts.get(types.size());
                        String value = part.substring(0, part.lastIndexOf('('));
                        String type = part.substring(part.lastIndexOf('(') + 1, part.length() - 1);
                        types.add(type.equals("Integer") ? "int" : type.equals("Long") ? "bigint"
                                : type.equals("Timestamp") ? "timestamp" : "varchar");
                        literals.add(type.equals("Integer") || type.equals("Long") ? value
                                : type.equals("Timestamp") ? "timestamp '" + value + "'" : "'" + value + "'");
                        s.append('$').append(types.size());
                    } else {
                        s.append(c);
                    }
                }
                out.add(new Prepared(s.toString().replaceAll("\\s+", " "), types, literals));
                preparing = null;
            }
        }
        return out;
    }

    /** The statement with $n placeholders for its named parameters (a list: one each). */
    private static Prepared prepared(OpenTaskPage.Statement statement) {
        StringBuilder sql = new StringBuilder();
        List<String> types = new ArrayList<>();
        List<String> literals = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(":([A-Za-z]+)").matcher(statement.sql());
        int at = 0;
        while (m.find()) {
            sql.append(statement.sql(), at, m.start());
            at = m.end();
            Object v = statement.params().get(m.group(1));
            List<?> values = v instanceof List<?> list ? list : List.of(v);
            List<String> placeholders = new ArrayList<>();
            for (Object x : values) {
                types.add(x instanceof Integer ? "int" : x instanceof Long ? "bigint"
                        : x instanceof java.sql.Timestamp ? "timestamp" : "varchar");
                literals.add(x instanceof Number ? x.toString()
                        : x instanceof java.sql.Timestamp ts ? "timestamp '" + ts + "'" : "'" + x + "'");
                placeholders.add("$" + types.size());
            }
            sql.append(String.join(", ", placeholders));
        }
        sql.append(statement.sql().substring(at));
        return new Prepared(sql.toString(), types, literals);
    }

    /**
     * EXPLAIN (ANALYZE, BUFFERS) with the values inlined (a custom plan, as psql shows it) and of the generic plan:
     * 15 runs each, the last one's plan printed with the median and the least execution time of all.
     */
    private static void explain(JdbcClient db, String label, Prepared statement) {
        System.out.println("--- " + label + ": " + statement.inline());
        plan(db, "explain (analyze, buffers) " + statement.inline());
        System.out.println("--- " + label + ", generic plan (what a prepared statement runs after five executions):");
        db.sql("set plan_cache_mode = force_generic_plan").update();
        db.sql("prepare generic (" + String.join(", ", statement.types()) + ") as " + statement.sql()).update();
        plan(db, "explain (analyze, buffers) execute generic (" + String.join(", ", statement.literals()) + ")");
        db.sql("deallocate generic").update();
        db.sql("set plan_cache_mode = auto").update();
    }

    private static void plan(JdbcClient db, String explain) {
        double[] ms = new double[15];
        List<String> plan = List.of();
        for (int i = 0; i < ms.length; i++) {
            plan = db.sql(explain).query(String.class).list();
            String last = plan.get(plan.size() - 1);
            ms[i] = Double.parseDouble(last.replaceAll("[^0-9.]", ""));
        }
        plan.forEach(l -> System.out.println("  " + l));
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "  execution time of 15 runs: median %.3f ms, least %.3f ms%n", ms[7], ms[0]);
    }

    private static long count(JdbcClient db, String table) {
        return db.sql("select count(*) from " + table).query(Long.class).single();
    }

    /**
     * 100,000 open tasks as the benchmark leaves them before its inbox queries: cycle bench-1 of 3,000 units, 1,000
     * of them submitted (two reviews each, one per department; 10 % without a due date here, to exercise nulls), the
     * other 2,000 at their self-assessment, each unit process with 40 process variables; then 96,000 standalone tasks
     * of 32 fill cycles, each with the unit's two candidate groups and four task-local variables. Ids are random
     * UUIDs (the starter's default id generator) and rows go in in creation order, as the engine would write them.
     */
    private static void fill(JdbcClient db) {
        if (count(db, "act_ru_task") > 0) {
            return;
        }
        db.sql("""
                create temporary table fill_task as
                select gen_random_uuid()::text id, * from (
                  select 1 phase, u, null::int n, 'bench-1' cycle, 'u-' || lpad(u::text, 5, '0') unit, 'Q1' period,
                         null dept, 'UserTask_SubmitSelfAssessment' key, now() + interval '20 days' due,
                         now() - interval '3 days' + u * interval '10 ms' created
                  from generate_series(1001, 3000) u
                  union all
                  select 2, u, null, 'bench-1', 'u-' || lpad(u::text, 5, '0'), 'Q1', d, 'UserTask_ReviewSelfAssessment',
                         case when u % 10 = 0 then null else date_trunc('day', now()) + (u % 9 - 3) * interval '1 day' end,
                         now() - interval '1 day' + u * interval '10 ms'
                  from generate_series(1, 1000) u, unnest(array['sfpymj', 'swzzb']) d
                  union all
                  select 3, 1 + n % 3000, n, 'fill-' || (1 + n / 3000), 'u-' || lpad((1 + n % 3000)::text, 5, '0'),
                         'Q' || (1 + (n / 3000) % 4), null, null, now() + (1 + n % 90) * interval '1 day',
                         now() - interval '1 hour' + n * interval '1 ms'
                  from generate_series(0, 95999) n) f
                order by created""").update();
        db.sql("set session_replication_role = replica").update();
        db.sql("""
                insert into act_ru_variable (id_, rev_, type_, name_, execution_id_, proc_inst_id_, text_, long_,
                                             var_scope_, sequence_counter_, is_concurrent_local_)
                select gen_random_uuid()::text, 1, case when k between 3 and 19 then 'date' else 'string' end,
                       case k when 0 then 'cycleId' when 1 then 'unitCode' when 2 then 'category' else 'var' || k end,
                       'pi-' || u, 'pi-' || u,
                       case k when 0 then 'bench-1' when 1 then 'u-' || lpad(u::text, 5, '0') when 2 then 'cat-' || u % 3
                              else case when k >= 20 then 'value ' || k end end,
                       case when k between 3 and 19 then 1700000000000 + k end, 'pi-' || u, 1, false
                from generate_series(1, 3000) u, generate_series(0, 39) k order by u, k""").update();
        db.sql("""
                insert into act_ru_task (id_, rev_, name_, priority_, create_time_, due_date_, suspension_state_,
                                         task_state_, task_def_key_, proc_inst_id_, execution_id_, proc_def_id_)
                select id, 1, case phase when 1 then '提交自评' when 2 then '审核自评'
                                   else '提交自评（填报、主要领导签发）/ submit the self-assessment' end,
                       50, created, due, 1, 'Created', key, case when phase < 3 then 'pi-' || u end,
                       case when phase < 3 then 'ex-' || id end, case when phase < 3 then 'unit:1:x' end
                from fill_task order by created""").update();
        db.sql("""
                insert into act_ru_identitylink (id_, rev_, group_id_, type_, task_id_)
                select gen_random_uuid()::text, 1, g, 'candidate', f.id
                from fill_task f, unnest(case when f.dept is null
                                             then array['unit-reporter:' || f.unit, 'unit-head:' || f.unit]
                                             else array['dept-reviewer:' || f.dept] end) with ordinality g(g, o)
                order by f.created, o""").update();
        db.sql("""
                insert into act_ru_variable (id_, rev_, type_, name_, task_id_, text_, var_scope_, sequence_counter_,
                                             is_concurrent_local_)
                select gen_random_uuid()::text, 1, 'string', a.name, f.id, a.value, f.id, 1, false
                from fill_task f, lateral (values (1, 'cycleId', f.cycle), (2, 'unitCode', f.unit), (3, 'period', f.period),
                                                  (4, 'department', f.dept),
                                                  (5, 'candidateGroups', case when f.dept is null
                                                       then 'unit-head:' || f.unit || ',unit-reporter:' || f.unit
                                                       else 'dept-reviewer:' || f.dept end)) a(o, name, value)
                where a.value is not null
                order by f.created, a.o""").update();
        db.sql("set session_replication_role = origin").update();
        // Some reviews claimed: by the reviewer, by a colleague, and one of the other department's by the reviewer
        // (offered to none of the reviewer's groups: not theirs to list).
        db.sql("""
                update act_ru_task t set assignee_ = case when f.dept = 'sfpymj' and f.u % 7 = 0 then 'reviewer.sfpymj'
                                                          when f.dept = 'sfpymj' and f.u % 11 = 0 then 'reviewer.other'
                                                          else 'reviewer.sfpymj' end
                from fill_task f where f.id = t.id_ and f.phase = 2
                  and (f.dept = 'sfpymj' and (f.u % 7 = 0 or f.u % 11 = 0) or f.dept = 'swzzb' and f.u % 13 = 0)""").update();
    }
}
