package io.kaohe.workflow.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaohe.contracts.events.SelfAssessmentSubmitted;
import io.kaohe.support.security.CurrentUser;
import io.kaohe.testsupport.TestServers;
import io.kaohe.workflow.WorkflowApplication;
import io.kaohe.workflow.cycles.Cycles;
import io.kaohe.workflow.cycles.OpenCycleRequest;
import io.kaohe.workflow.process.AssessingDepartments;
import io.kaohe.workflow.process.EventCorrelation;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Workflow's figures (a bench harness, not a test; it never fails on a timing). Starts the
 * workflow application on the embedded real PostgreSQL and Kafka with its own settings, then:
 * a baseline of pgbench TPS on the same database (Debian's pgbench; deploy/bench/workflow.sh installs
 * it when missing) and of single-row JDBC insert transactions, opening a cycle of N units until every unit process waits at its first user
 * task, filling the engine to the target number of open tasks with more cycles, inbox queries
 * (p50/p99) for several callers, correlating submissions, and completing review tasks through
 * the inbox's completion (form read, validated, engine completion, inbox record).
 * Usage: {@code deploy/bench/workflow.sh [units] [open tasks] [completions]} (defaults 3000 100000 2000).
 */
public final class WorkflowBenchmark {

    private static final List<String> DEPARTMENTS = List.of("sfpymj", "swzzb");

    /** A test configuration, so that component scanning in the integration tests leaves it out. */
    @org.springframework.boot.test.context.TestConfiguration
    static class FixedRubric {
        @Bean
        @Primary
        AssessingDepartments benchDepartments() {
            return (version, unit) -> {
                Map<String, List<String>> items = new LinkedHashMap<>();
                items.put(DEPARTMENTS.get(0), List.of("T." + unit + ".1", "T." + unit + ".2"));
                items.put(DEPARTMENTS.get(1), List.of("T." + unit + ".3"));
                return items;
            };
        }
    }

    /** The bench's roster: every unit it opens the cycle for, all assessed by the bench's version. */
    private static volatile List<io.kaohe.workflow.cycles.CycleRoster.RosterUnit> benchRoster = List.of();

    /** rubric-service's roster as the bench answers it. */
    @org.springframework.boot.test.context.TestConfiguration
    static class BenchRoster {
        @Bean
        @Primary
        io.kaohe.workflow.cycles.CycleRoster benchCycleRoster() {
            return new io.kaohe.workflow.cycles.CycleRoster() {
                @Override
                public List<RosterUnit> units() {
                    return benchRoster;
                }

                @Override
                public java.util.Optional<List<RosterUnit>> assessedBy(String rubricVersionId) {
                    return java.util.Optional.of(benchRoster);
                }

                @Override
                public java.util.Optional<List<String>> savedList(String code) {
                    return java.util.Optional.empty();
                }
            };
        }
    }

    private WorkflowBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int units = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int openTarget = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int completions = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        String url = TestServers.database("workflow_bench");
        String user = TestServers.postgres().user();
        String password = TestServers.postgres().password();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", url);
        properties.put("spring.datasource.username", user);
        properties.put("spring.datasource.password", password);
        properties.put("spring.kafka.bootstrap-servers", TestServers.kafkaBootstrapServers());
        properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", "http://127.0.0.1:9/realms/none");
        properties.put("server.port", "0");
        properties.put("management.server.port", "0");
        properties.put("logging.level.root", "WARN");
        properties.put("logging.structured.format.console", "");
        // System properties: they outrank the service's application.yml and service-defaults.yml.
        properties.forEach((k, v) -> System.setProperty(k, String.valueOf(v)));
        ConfigurableApplicationContext app = new SpringApplicationBuilder(WorkflowApplication.class, FixedRubric.class, BenchRoster.class)
                .run();
        try {
            new WorkflowBenchmark().run(app, url, user, password, units, openTarget, completions);
            // -Dbench.hold=MINUTES keeps the database up afterwards for EXPLAIN (ANALYZE, BUFFERS) by hand.
            long hold = Long.getLong("bench.hold", 0);
            if (hold > 0) {
                System.out.println("holding the database for " + hold + " min: " + url + " (user " + user + ")");
                Thread.sleep(Duration.ofMinutes(hold).toMillis());
            }
        } catch (Exception | Error e) {
            e.printStackTrace();
        } finally {
            app.close();
            System.exit(0);
        }
    }

    private void run(ConfigurableApplicationContext app, String url, String user, String password, int units,
                     int openTarget, int completions) throws Exception {
        JdbcClient db = app.getBean(JdbcClient.class);
        Cycles cycles = app.getBean(Cycles.class);
        Environment env = app.getEnvironment();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "engine: history level %s; job executor %s, %s threads, "
                        + "acquisition wait %s ms (max %s ms), %s jobs per acquisition, queue %s; Hikari pool %s%n",
                env.getProperty("camunda.bpm.history-level"), env.getProperty("camunda.bpm.job-execution.enabled"),
                env.getProperty("camunda.bpm.job-execution.core-pool-size"),
                env.getProperty("camunda.bpm.job-execution.wait-time-in-millis"),
                env.getProperty("camunda.bpm.job-execution.max-wait"),
                env.getProperty("camunda.bpm.job-execution.max-jobs-per-acquisition"),
                env.getProperty("camunda.bpm.job-execution.queue-capacity"),
                env.getProperty("spring.datasource.hikari.maximum-pool-size")));

        double tps1 = pgbench(url, user, password, 1);
        double tps3 = pgbench(url, user, password, 3);
        out.append(String.format(Locale.ROOT, "baseline (pgbench, its TPC-B-like default, scale 10, 20 s, on the same "
                + "database): %.0f TPS with 1 client, %.0f TPS with 3%n", tps1, tps3));
        double insert1 = baseline(url, user, password, 1, 5000);
        out.append(String.format(Locale.ROOT, "second baseline (JDBC single-row insert transactions, autocommit): "
                + "%.0f TPS with 1 connection%n", insert1));

        String rubric = "bench-rubric";
        db.sql("insert into published_rubric (version_id, system_code, year, title, published_at) "
                + "values (?, 'bench', 2015, 'bench', now()) on conflict do nothing").param(rubric).update();
        List<OpenCycleRequest.Unit> roster = new ArrayList<>();
        for (int i = 1; i <= units; i++) {
            String code = String.format(Locale.ROOT, "u-%05d", i);
            roster.add(new OpenCycleRequest.Unit(code, "单位" + i, "cat-" + (i % 3)));
        }
        benchRoster = roster.stream().map(u -> new io.kaohe.workflow.cycles.CycleRoster.RosterUnit(u.unitCode(),
                u.unitName(), u.category(), true)).toList();
        CurrentUser office = new CurrentUser("office", Set.of("office-admin"), null, "kaohebang", Set.of());

        boolean statements = statementsKept(db);
        long t0 = System.nanoTime();
        cycles.open(new OpenCycleRequest("bench-1", 2015, "bench", rubric, roster, null,
                new OpenCycleRequest.Clock(Duration.ofDays(365), null)), office);
        double call = seconds(t0);
        awaitCount(db, "bench-1", "UserTask_SubmitSelfAssessment", units, Duration.ofMinutes(60));
        double elapsed = seconds(t0);
        double rate = units / elapsed;
        out.append(String.format(Locale.ROOT, "opening a cycle of %d units (the request itself %.2f s): every unit at "
                        + "its first user task after %.1f s = %.1f unit processes/s = %.4f × the 1-connection baseline "
                        + "TPS (%.4f × the 3-connection one)%n", units, call, elapsed, rate, rate / tps1, rate / tps3));
        if (statements) {
            out.append(statementProfile(db, "opening, per unit", units));
        }

        // Submissions: each correlation moves a unit's Q1 to its reviews (one review per department).
        EventCorrelation correlation = app.getBean(EventCorrelation.class);
        TransactionTemplate tx = app.getBean(TransactionTemplate.class);
        int submissions = Math.min(units, (completions + 1) / 2);
        long t1 = System.nanoTime();
        for (int i = 0; i < submissions; i++) {
            String unit = roster.get(i).unitCode();
            tx.executeWithoutResult(s -> correlation.selfAssessmentSubmitted(new SelfAssessmentSubmitted("s-" + unit, 1,
                    "bench-1", unit, "Q1", rubric, "r", "h", Instant.now(), false, List.of())));
        }
        double correlated = submissions / seconds(t1);
        awaitCount(db, "bench-1", "UserTask_ReviewSelfAssessment", submissions * 2, Duration.ofMinutes(30));
        double reviewsReady = seconds(t1);
        out.append(String.format(Locale.ROOT, "correlating %d SelfAssessmentSubmitted (each its own transaction): "
                        + "%.0f/s; all %d review tasks created (asynchronous step, rubric lookup stubbed) after %.1f s%n",
                submissions, correlated, submissions * 2, reviewsReady));

        // Fill the inbox to the target with tasks carrying the same attributes real ones do (candidate group,
        // task-local cycle, unit, period): the inbox reads only the task, identity-link and variable tables.
        org.camunda.bpm.engine.TaskService taskService = app.getBean(org.camunda.bpm.engine.TaskService.class);
        long filled = 0;
        long t4 = System.nanoTime();
        while (openTasks(db) < openTarget) {
            long batchStart = openTasks(db);
            int batch = (int) Math.min(500, openTarget - batchStart);
            long base = filled;
            // One engine command per batch: the nested service calls share its context and one flush.
            ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) app.getBean(
                    org.camunda.bpm.engine.ProcessEngine.class).getProcessEngineConfiguration())
                    .getCommandExecutorTxRequired().execute(commandContext -> {
                for (int i = 0; i < batch; i++) {
                    long n = base + i;
                    String unit = String.format(Locale.ROOT, "u-%05d", 1 + n % units);
                    String fillCycle = "fill-" + (1 + n / units);
                    String period = "Q" + (1 + (n / units) % 4);
                    org.camunda.bpm.engine.task.Task t = taskService.newTask();
                    t.setName("提交自评（填报、主要领导签发）/ submit the self-assessment");
                    t.setDueDate(java.util.Date.from(Instant.now().plus(Duration.ofDays(1 + n % 90))));
                    taskService.saveTask(t);
                    taskService.addCandidateGroup(t.getId(), "unit-reporter:" + unit);
                    taskService.addCandidateGroup(t.getId(), "unit-head:" + unit);
                    taskService.setVariablesLocal(t.getId(), Map.of("cycleId", fillCycle, "unitCode", unit,
                            "period", period, "candidateGroups", "unit-head:" + unit + ",unit-reporter:" + unit));
                }
                return null;
            });
            filled += batch;
        }
        out.append(String.format(Locale.ROOT, "filled to %d open tasks (%d of them standalone tasks with the same "
                + "attributes, %.0f/s)%n", openTasks(db), filled, filled / seconds(t4)));

        InboxQueries queries = app.getBean(InboxQueries.class);
        // The planner's statistics right after the fill are those of a table 30 times smaller until autovacuum's
        // next analyse (within a minute or so); a running year's tables have theirs. The department reviewer's list is
        // measured before and after an ANALYZE of the tables the inbox reads, and the rest after.
        CurrentUser deptReviewer = new CurrentUser("reviewer.sfpymj", Set.of("dept-reviewer"), null, "sfpymj", Set.of());
        InboxQueries.Filter oneCyclesReviews = new InboxQueries.Filter("bench-1", null, "UserTask_ReviewSelfAssessment",
                null, null, null, null, null, null, 0, 50);
        String unanalysed = db.sql("""
                select string_agg(relname || ' ' || n_mod_since_analyze || ' rows changed since '
                       || coalesce(greatest(last_analyze, last_autoanalyze)::text, 'never'), '; ' order by relname)
                from pg_stat_user_tables where relname in ('act_ru_task', 'act_ru_identitylink', 'act_ru_variable')
                """).query(String.class).single();
        double[] beforeAnalyze = latencies(200, () -> queries.list(deptReviewer, oneCyclesReviews).total());
        db.sql("analyze act_ru_task, act_ru_identitylink, act_ru_variable").update();
        out.append(String.format(Locale.ROOT, "inbox list, department reviewer, before ANALYZE (%s): p50 %.1f ms, "
                + "p99 %.1f ms; the figures below follow an ANALYZE%n", unanalysed, beforeAnalyze[0], beforeAnalyze[1]));
        List<String[]> personas = List.of(
                new String[] {"unit reporter (u-00042), all cycles", "reporter.u42", "unit-reporter", "u-00042", null},
                new String[] {"department reviewer, reviews of one cycle, soonest due", "reviewer.sfpymj", "dept-reviewer",
                        null, "sfpymj"},
                new String[] {"office, overdue only", "office", "office-admin", null, null});
        for (String[] p : personas) {
            CurrentUser caller = new CurrentUser(p[1], Set.of(p[2]), p[3], p[4], Set.of());
            InboxQueries.Filter filter = p[4] != null
                    ? new InboxQueries.Filter("bench-1", null, "UserTask_ReviewSelfAssessment", null, null, null, null,
                    null, null, 0, 50)
                    : "office".equals(p[1]) ? new InboxQueries.Filter(null, null, null, null, null, true, null, null,
                    null, 0, 50) : new InboxQueries.Filter(null, null, null, null, null, null, null, null, null, 0, 50);
            long[] total = new long[1];
            statementsKept(db);
            double[] lat = latencies(200, () -> {
                total[0] = queries.list(caller, filter).total();
                return null;
            });
            out.append(String.format(Locale.ROOT, "inbox list, %s (%d visible): p50 %.1f ms, p99 %.1f ms%n", p[0],
                    total[0], lat[0], lat[1]));
            if (statements) {
                out.append(statementProfile(db, "one inbox list", 220));
            }
        }
        CurrentUser reviewer = new CurrentUser("reviewer.sfpymj", Set.of("dept-reviewer"), null, "sfpymj", Set.of());
        double[] counts = latencies(200, () -> queries.counts(reviewer, null));
        out.append(String.format(Locale.ROOT, "inbox counts per type (badges), department reviewer: p50 %.1f ms, "
                + "p99 %.1f ms%n", counts[0], counts[1]));

        // Completions through the inbox's completion, one transaction each, single caller.
        TaskActions actions = app.getBean(TaskActions.class);
        JsonNode accepted = app.getBean(ObjectMapper.class).readTree("{\"outcome\":\"ACCEPTED\"}");
        List<String> ids = db.sql("""
                select t.id_ from act_ru_task t join act_ru_variable v on v.task_id_ = t.id_ and v.name_ = 'cycleId'
                where t.task_def_key_ = 'UserTask_ReviewSelfAssessment' and v.text_ = 'bench-1'
                and exists (select 1 from act_ru_identitylink l where l.task_id_ = t.id_ and l.group_id_ = 'dept-reviewer:sfpymj')
                limit ?""").param(completions).query(String.class).list();
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/workflow/tasks/x/complete");
        int half = ids.size() / 2;
        statementsKept(db);
        // -Dbench.jfr=true: a JFR recording (settings "profile") of the completions alone, for where their time goes.
        jdk.jfr.Recording jfr = Boolean.getBoolean("bench.jfr")
                ? new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile")) : null;
        if (jfr != null) {
            jfr.start();
        }
        long t2 = System.nanoTime();
        for (String id : ids.subList(0, half)) {
            actions.complete(id, accepted, reviewer, request);
        }
        double single = half / seconds(t2);
        if (statements) {
            out.append(statementProfile(db, "one completion", half));
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<?>> done = new ArrayList<>();
        long t3 = System.nanoTime();
        for (String id : ids.subList(half, ids.size())) {
            done.add(pool.submit(() -> actions.complete(id, accepted, reviewer, request)));
        }
        int failed = 0;
        for (Future<?> f : done) {
            try {
                f.get();
            } catch (Exception e) {
                failed++;
            }
        }
        double parallel = (ids.size() - half) / seconds(t3);
        pool.shutdown();
        if (jfr != null) {
            java.nio.file.Path recording = java.nio.file.Path.of("target", "completions.jfr").toAbsolutePath();
            jfr.dump(recording);
            jfr.close();
            out.append("JFR recording of the completions (both phases): ").append(recording).append('\n');
        }
        out.append(String.format(Locale.ROOT, "task completions via the inbox (ReviewForm ACCEPTED): %.0f/s with 1 "
                        + "caller (%d tasks), %.0f/s with 3 callers (%d tasks, %d refused)%n", single, half, parallel,
                ids.size() - half, failed));
        out.append(String.format(Locale.ROOT, "database at the end: %d open tasks, %d running process instances, "
                        + "%d jobs%n", openTasks(db),
                db.sql("select count(*) from act_ru_execution where parent_id_ is null").query(Long.class).single(),
                db.sql("select count(*) from act_ru_job").query(Long.class).single()));
        System.out.println();
        System.out.println("=== workflow benchmark ===");
        System.out.print(out);
    }

    /**
     * pgbench's TPS on the benchmark's own database: {@code pgbench -i -s 10} once, then its default
     * TPC-B-like transaction for 20 s with {@code clients} clients (Debian's postgresql-client; the
     * zonky bundle has no pgbench).
     */
    private static double pgbench(String url, String user, String password, int clients) throws Exception {
        java.net.URI uri = java.net.URI.create(url.substring("jdbc:".length()));
        String database = uri.getPath().substring(1);
        List<String> connection = List.of("-h", uri.getHost(), "-p", String.valueOf(uri.getPort()), "-U", user);
        if (clients == 1) {
            List<String> init = new ArrayList<>(List.of("pgbench", "-i", "-q", "-s", "10"));
            init.addAll(connection);
            init.add(database);
            run(init, password);
        }
        List<String> bench = new ArrayList<>(List.of("pgbench", "-c", String.valueOf(clients), "-j",
                String.valueOf(clients), "-T", "20"));
        bench.addAll(connection);
        bench.add(database);
        String output = run(bench, password);
        java.util.regex.Matcher tps = java.util.regex.Pattern.compile("tps = ([0-9.]+)").matcher(output);
        if (!tps.find()) {
            throw new IllegalStateException("pgbench printed no TPS:\n" + output);
        }
        return Double.parseDouble(tps.group(1));
    }

    private static String run(List<String> command, String password) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", password);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }

    private static double baseline(String url, String user, String password, int connections, int perConnection)
            throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("create table if not exists bench_baseline (id bigserial primary key, at timestamptz not null, "
                    + "payload text not null)");
        }
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<Future<?>> all = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int k = 0; k < connections; k++) {
            all.add(pool.submit(() -> {
                try (Connection c = DriverManager.getConnection(url, user, password);
                     PreparedStatement insert = c.prepareStatement(
                             "insert into bench_baseline (at, payload) values (now(), ?)")) {
                    c.setAutoCommit(true);
                    for (int i = 0; i < perConnection; i++) {
                        insert.setString(1, "row " + i);
                        insert.executeUpdate();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : all) {
            f.get();
        }
        double tps = connections * perConnection / seconds(t0);
        pool.shutdown();
        return tps;
    }

    private static void awaitCount(JdbcClient db, String cycleId, String type, int expected, Duration max)
            throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            long n = db.sql("""
                    select count(*) from act_ru_task t join act_ru_variable v
                      on v.task_id_ = t.id_ and v.name_ = 'cycleId' and v.text_ = ?
                    where t.task_def_key_ = ?""").params(cycleId, type).query(Long.class).single();
            if (n >= expected) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("timed out waiting for " + expected + " " + type + " of " + cycleId);
    }

    /**
     * Starts counting statements afresh when PostgreSQL keeps pg_stat_statements (the test server preloads it
     * with -Dkaohe.postgres.stat-statements=true, as deploy/bench/workflow.sh sets): counts and database time per
     * statement do not depend on what else the machine runs, so they say where an opening's work goes.
     */
    private static boolean statementsKept(JdbcClient db) {
        try {
            db.sql("create extension if not exists pg_stat_statements").update();
            db.sql("select pg_stat_statements_reset()").query().singleValue();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Statements and database time per {@code per} (a unit opened, a task completed), the heaviest first. */
    private static String statementProfile(JdbcClient db, String label, int per) {
        String own = "query not like '%pg_stat_statements%' and query not like 'select count(*) from act_ru_task%'";
        Map<String, Object> sum = db.sql("select coalesce(sum(calls), 0) calls, coalesce(sum(total_exec_time), 0) ms, "
                + "coalesce(sum(rows), 0) rows_ from pg_stat_statements where " + own).query().singleRow();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "  statements, %s: %.1f statements, %.2f ms "
                        + "database time, %.1f rows; the heaviest:%n", label,
                ((Number) sum.get("calls")).doubleValue() / per, ((Number) sum.get("ms")).doubleValue() / per,
                ((Number) sum.get("rows_")).doubleValue() / per));
        db.sql("select calls, total_exec_time ms, rows, regexp_replace(left(query, 110), '\\s+', ' ', 'g') q "
                        + "from pg_stat_statements where " + own + " order by total_exec_time desc limit 25")
                .query((rs, i) -> String.format(Locale.ROOT, "    %7.2f calls %7.3f ms %s%n",
                        rs.getDouble("calls") / per, rs.getDouble("ms") / per, rs.getString("q")))
                .list().forEach(out::append);
        return out.toString();
    }

    private static long openTasks(JdbcClient db) {
        return db.sql("select count(*) from act_ru_task").query(Long.class).single();
    }

    /** p50 and p99 in milliseconds over {@code n} calls after 20 warm-up calls. */
    static double[] latencies(int n, Supplier<Object> call) {
        for (int i = 0; i < 20; i++) {
            call.get();
        }
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            call.get();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return new double[] {ms[n / 2], ms[(int) Math.ceil(n * 0.99) - 1]};
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
