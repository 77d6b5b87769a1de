package io.kaohe.deploy;

import static io.kaohe.deploy.RunningHaPlatform.BALANCER;
import static io.kaohe.deploy.RunningHaPlatform.PORTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Drill 2: a workflow engine killed (SIGKILL) while a cycle of 1,000 units opens, and the other one while 500
 * reviews complete. The two engines share workflow's database; a dead engine's transactions roll back and the jobs
 * it had locked are taken over once their lock runs out (CAMUNDA_JOB_LOCK_MS, 60 s). Every unit must end with one
 * process and exactly its expected open tasks, no event of the cycle sent twice under two ids, no person told twice,
 * no completion recorded twice (a completion with no answer is sent again, as a person presses again; if the first
 * went through, the second is refused with a problem detail).
 */
@Order(9)
class WorkflowEngineDiesHaIT {

    private static final int UNITS = 1_000;
    private static final int REVIEWS = 500;
    private static final int CALLERS = 3;
    private static final String SUBMIT = "UserTask_SubmitSelfAssessment";
    private static final String REVIEW = "UserTask_ReviewSelfAssessment";
    /** The drills' rubric: item 1.1 reviewed by 市扶贫移民局 (reviewer.fpymj), 1.2 by 市委组织部. */
    private static final String FIRST_DEPARTMENT = "sfpymj";
    private static final String SECOND_DEPARTMENT = "swzzb";
    /** event-contracts' Topics (the launcher does not depend on the contracts). */
    private static final String EVIDENCE_TOPIC = "kaohe.evidence.events";
    private static final List<String> WORKFLOW_TOPICS = List.of("kaohe.workflow.events", "kaohe.scoring.commands");
    private static final Duration SETTLE = Duration.ofMinutes(10);

    @BeforeAll
    static void startThePlatformInItsProductionShape() throws Exception {
        RunningHaPlatform.start();
    }

    @Test
    void everyUnitIsAtItsTasksOnceWhenAnEngineDiesWhileTheCycleOpensAndWhileReviewsComplete() throws Exception {
        LocalPlatform platform = RunningHaPlatform.platform();
        String cycle = "d2-" + Long.toString(System.currentTimeMillis(), 36);
        List<HaDrills.DrillUnit> units = new ArrayList<>();
        for (int i = 1; i <= UNITS; i++) {
            units.add(new HaDrills.DrillUnit(String.format(Locale.ROOT, "d2-%04d", i), String.format(Locale.ROOT, "演练单位%04d", i)));
        }
        long e = System.nanoTime();
        HaDrills.enrol(RunningHaPlatform.token("office"), units);
        long enrolMillis = millisSince(e);

        // 1. The cycle opens: one unit-assessment per unit, each started in a job of its own, whose first quarter
        // opens at once (the year runs from now) with the unit's first task. workflow-1 dies a third of the way.
        long o = System.nanoTime();
        String version = HaDrills.openCycle(RunningHaPlatform.token("office"), cycle, LocalDate.now().getYear() + 1,
                "引擎宕机演练", units, "P365D");
        long openedMillis = millisSince(o);
        long atTheFirstKill = awaitCount(() -> tasksOf(cycle, SUBMIT), UNITS / 3, Duration.ofMinutes(10),
                "a third of the units at their first task");
        long k1 = System.nanoTime();
        platform.kill("workflow-1");
        long killedAfterOpening = millisSince(o);
        CompletableFuture<Integer> heldAtTheFirstKill = jobsHeldByTheDead();
        CompletableFuture<Long> firstRestart = restart(platform, "workflow-1");
        awaitCount(() -> tasksOf(cycle, SUBMIT), UNITS, SETTLE, "every unit at its first task");
        long firstRecoveryMillis = millisSince(k1);
        long firstRestartMillis = firstRestart.get(5, TimeUnit.MINUTES);
        Map<String, List<String>> expected = new TreeMap<>();
        units.forEach(u -> expected.put(u.code(), List.of(SUBMIT)));
        List<String> wrongAfterOpening = differences(expected, openTasks(cycle));
        Map<String, Long> processesAfterOpening = processesPerUnit(cycle);
        System.out.printf("drill 2, opening: %d units enrolled in %d ms; cycle %s opened (request %d ms); workflow-1 "
                        + "killed %d ms after with %d units at their first task and %d jobs under its lock, restarted in "
                        + "%d ms; all %d there %d ms after the kill; units not at exactly their task: %d %s; processes "
                        + "per unit: %s%n", UNITS, enrolMillis, cycle, openedMillis, killedAfterOpening - openedMillis,
                atTheFirstKill, heldAtTheFirstKill.get(), firstRestartMillis, UNITS, firstRecoveryMillis, wrongAfterOpening.size(), first(wrongAfterOpening), processesAfterOpening);
        assertThat(wrongAfterOpening).as("units not at exactly their first task after the opening").isEmpty();
        assertThat(processesAfterOpening).as("processes started per unit (unit-assessment, its first quarter)")
                .isEqualTo(Map.of("unit-assessment", (long) UNITS, "period-assessment", (long) UNITS));

        // 2. Every unit submits (evidence-service's event, as its outbox writes it); each submission opens one
        // review per assessing department. Then 500 units' first review is accepted through the inbox while
        // workflow-2 dies.
        long s = System.nanoTime();
        submit(cycle, version, units);
        awaitCount(() -> tasksOf(cycle, REVIEW), 2L * UNITS, SETTLE, "every unit's two reviews");
        long reviewsMillis = millisSince(s);
        Map<String, String> reviews = firstReviews(cycle, units.subList(0, REVIEWS));
        assertThat(reviews).as("the first department's review of the first 500 units").hasSize(REVIEWS);
        Completions completions = new Completions(reviews);
        completions.run(platform, "workflow-2");

        // 3. What came of it: the accepted reviews' continuations (asynchronous, after the task) taken over too.
        long k2 = completions.killedAt;
        Set<String> accepted = new TreeSet<>(reviews.keySet());
        awaitCount(() -> (long) departmentsAccepted(cycle).size(), REVIEWS, SETTLE, "every accepted review carried on");
        long secondRecoveryMillis = millisSince(k2);
        Map<String, Long> acceptedPerUnit = departmentsAccepted(cycle);
        units.forEach(u -> expected.put(u.code(), accepted.contains(u.code())
                ? List.of(REVIEW + "@" + SECOND_DEPARTMENT)
                : List.of(REVIEW + "@" + FIRST_DEPARTMENT, REVIEW + "@" + SECOND_DEPARTMENT)));
        List<String> wrong = differences(expected, openTasks(cycle));
        Map<String, Long> processes = processesPerUnit(cycle);
        long incidents = incidents(cycle);
        long completedTwice = completionsRecordedMoreThanOnce(reviews.values());
        long completedInHistory = completedInHistory(reviews.values());

        // 0 duplicated: every event of the cycle workflow sent, one id per logical event; every person told once.
        long expectedEvents = 1 + UNITS + 2L * UNITS; // CycleOpened, each unit's first task, its two reviews
        Events events = events(cycle, expectedEvents);
        long expectedNotifications = 2L * UNITS + 2L * UNITS; // a first task to reporter and head, a review to its department
        awaitCount(() -> notifications(cycle), expectedNotifications, SETTLE, "the cycle's notifications");
        long notificationCount = notifications(cycle);
        long notifiedTwice = notifiedTwice(cycle);

        System.out.printf("drill 2 (a workflow engine killed while %d units open and while %d tasks complete): "
                        + "opening — workflow-1 killed with %d of %d units at their first task and %d jobs under its lock, "
                        + "restarted in %d ms, all there %d ms after the kill; %d submissions → %d review tasks in %d ms; "
                        + "reviews — %d completed through nginx by %d callers in %d ms, workflow-2 killed after %d answers "
                        + "with %d jobs under its lock, restarted in %d ms; "
                        + "answers %s; sent again %d, of which refused as already completed %d; every accepted review "
                        + "carried on %d ms after the kill (job lock 60 s); units not at exactly their expected tasks: %d; "
                        + "processes %s; incidents %d; completions in history %d, recorded twice by the inbox %d; "
                        + "events of the cycle on Kafka %d (%s; records %d, sent again under the same id %d), logical "
                        + "events under two ids %d; notifications %d (expected %d), told twice %d%n",
                UNITS, REVIEWS, atTheFirstKill, UNITS, heldAtTheFirstKill.get(), firstRestartMillis, firstRecoveryMillis,
                UNITS, 2 * UNITS, reviewsMillis, completions.completed.get() + completions.refusedAsDone.get(), CALLERS,
                completions.tookMillis, completions.answersAtKill, completions.jobsHeld, completions.restartMillis,
                completions.statuses,
                completions.sentAgain.get(), completions.refusedAsDone.get(), secondRecoveryMillis, wrong.size(),
                processes, incidents, completedInHistory, completedTwice, events.logical(), events.byType(),
                events.records(), events.sentAgain(), events.duplicated().size(), notificationCount,
                expectedNotifications, notifiedTwice);

        assertThat(completions.unexpected).as("answers that are neither a completion nor a clean refusal of a retry").isEmpty();
        assertThat(completions.completed.get() + completions.refusedAsDone.get()).as("reviews completed").isEqualTo(REVIEWS);
        assertThat(completedInHistory).as("the reviews completed in Camunda's history").isEqualTo(REVIEWS);
        assertThat(completedTwice).as("completions the inbox recorded twice").isZero();
        assertThat(acceptedPerUnit).as("each accepted review carried on once").hasSize(REVIEWS)
                .allSatisfy((unit, times) -> assertThat(times).as(unit).isEqualTo(1L));
        assertThat(acceptedPerUnit.keySet()).isEqualTo(accepted);
        assertThat(wrong).as("units not at exactly their expected tasks").isEmpty();
        assertThat(processes).as("processes per unit: still one unit-assessment and one first quarter")
                .isEqualTo(Map.of("unit-assessment", (long) UNITS, "period-assessment", (long) UNITS));
        assertThat(incidents).as("incidents (jobs out of retries) in the cycle's processes").isZero();
        assertThat(events.duplicated()).as("logical events sent under more than one id").isEmpty();
        assertThat(events.logical()).as("logical events of the cycle").isEqualTo(expectedEvents);
        assertThat(notificationCount).as("notifications of the cycle").isEqualTo(expectedNotifications);
        assertThat(notifiedTwice).as("audiences told twice of the same task").isZero();
    }

    /** Each unit's Q1 self-assessment signed off: SelfAssessmentSubmitted as evidence-service's outbox sends it. */
    private static void submit(String cycle, String version, List<HaDrills.DrillUnit> units) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + PORTS.kafkaNode(1));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            List<Future<?>> sent = new ArrayList<>();
            for (HaDrills.DrillUnit unit : units) {
                String submission = UUID.randomUUID().toString();
                Instant now = Instant.now();
                String json = """
                        {"specversion":"1.0","id":"%s","source":"/evidence-service","type":"SelfAssessmentSubmitted",
                         "subject":"submissions/%s","time":"%s","datacontenttype":"application/json",
                         "cycleid":"%s","unitid":"%s",
                         "data":{"submissionId":"%s","version":1,"cycleId":"%s","unitCode":"%s","period":"Q1",
                          "rubricVersionId":"%s","preparedBy":"reporter.%s","signedOffBy":"head.%s",
                          "submittedAt":"%s","late":false,"items":[]}}
                        """.formatted(UUID.randomUUID(), submission, now, cycle, unit.code(), submission, cycle,
                        unit.code(), version, unit.code(), unit.code(), now);
                // The key is the unit, as the envelope's: one unit's events stay in order.
                sent.add(producer.send(new ProducerRecord<>(EVIDENCE_TOPIC, unit.code(), json)));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        }
    }

    /**
     * 500 review completions through nginx by a few callers at once, one engine killed when half are answered and
     * started again. A request with no answer or a 5xx is sent again after a second; one that then finds its task
     * gone (404 workflow.task.unknown, a problem detail) had gone through the first time. The kill catches
     * completions in flight; whether it also catches continuations the engine had locked (each accepted review
     * carries on in a job after its task) is chance, counted in {@link #jobsHeld}.
     */
    private static final class Completions {

        private final Map<String, String> tasksByUnit;
        private final AtomicInteger completed = new AtomicInteger();
        private final AtomicInteger refusedAsDone = new AtomicInteger();
        private final AtomicInteger sentAgain = new AtomicInteger();
        private final Map<Integer, Integer> statuses = new TreeMap<>();
        private final List<String> unexpected = new ArrayList<>();
        private volatile String token;
        private volatile long tokenAt;
        private long killedAt;
        private long answersAtKill;
        private long restartMillis;
        private long tookMillis;
        private int jobsHeld;
        private CompletableFuture<Integer> held;

        Completions(Map<String, String> tasksByUnit) {
            this.tasksByUnit = tasksByUnit;
        }

        void run(LocalPlatform platform, String victim) throws Exception {
            ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
            long t = System.nanoTime();
            CompletableFuture<Long> restart = null;
            try {
                List<Future<?>> done = new ArrayList<>();
                tasksByUnit.values().forEach(task -> done.add(callers.submit(() -> complete(task))));
                while (answered() < REVIEWS / 2) {
                    Thread.sleep(50);
                }
                answersAtKill = answered();
                killedAt = System.nanoTime();
                platform.kill(victim);
                held = jobsHeldByTheDead();
                restart = WorkflowEngineDiesHaIT.restart(platform, victim);
                for (Future<?> f : done) {
                    f.get(SETTLE.toMillis(), TimeUnit.MILLISECONDS);
                }
            } finally {
                callers.shutdownNow();
            }
            tookMillis = millisSince(t);
            restartMillis = restart == null ? -1 : restart.get(5, TimeUnit.MINUTES);
            jobsHeld = held == null ? -1 : held.get();
        }

        private long answered() {
            return completed.get() + refusedAsDone.get() + unexpectedCount();
        }

        private synchronized long unexpectedCount() {
            return unexpected.size();
        }

        private void complete(String task) {
            boolean sentBefore = false;
            long deadline = System.nanoTime() + SETTLE.toNanos();
            while (true) {
                int status;
                String body;
                String contentType;
                try {
                    HttpResponse<String> response = RunningPlatform.HTTP.send(DrillLoad.json("POST",
                                    BALANCER + "/api/workflow/tasks/" + task + "/complete", token(), "{\"outcome\":\"ACCEPTED\"}"),
                            HttpResponse.BodyHandlers.ofString());
                    status = response.statusCode();
                    body = response.body();
                    contentType = response.headers().firstValue("Content-Type").orElse("");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    status = -1; // no answer (connection reset or refused, timed out)
                    body = e.toString();
                    contentType = "";
                }
                synchronized (this) {
                    statuses.merge(status, 1, Integer::sum);
                }
                if (status == 200) {
                    completed.incrementAndGet();
                    return;
                }
                boolean problem = contentType.startsWith("application/problem+json");
                if (sentBefore && status == 404 && problem && body.contains("\"workflow.task.unknown\"")) {
                    refusedAsDone.incrementAndGet();
                    return;
                }
                // No answer, a 5xx, or (after one) the first attempt still holding the task: as a person, press again.
                boolean retry = status == -1 || status >= 500
                        || (sentBefore && status == 409 && body.contains("platform.concurrent-edit"));
                if (!retry || System.nanoTime() > deadline) {
                    synchronized (this) {
                        unexpected.add(task + ": " + status + " " + body.substring(0, Math.min(300, body.length())));
                    }
                    return;
                }
                sentBefore = true;
                sentAgain.incrementAndGet();
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        /** reviewer.fpymj's token, fetched again every minute (it lives five). */
        private synchronized String token() throws Exception {
            if (token == null || System.nanoTime() - tokenAt > Duration.ofMinutes(1).toNanos()) {
                token = RunningHaPlatform.token("reviewer.fpymj");
                tokenAt = System.nanoTime();
            }
            return token;
        }
    }

    /**
     * How many jobs a just-killed engine had locked: lock owners are random ids, so the jobs locked now that are still
     * under the same lock 10 s later (a live engine runs what it locks within a second or so; a dead one's stay locked
     * until their lock runs out).
     */
    private static CompletableFuture<Integer> jobsHeldByTheDead() throws Exception {
        Map<String, String> atTheKill = lockedJobs();
        return CompletableFuture.supplyAsync(() -> {
            try {
                Thread.sleep(10_000);
                Map<String, String> later = lockedJobs();
                return (int) atTheKill.entrySet().stream().filter(j -> j.getValue().equals(later.get(j.getKey()))).count();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, WorkflowEngineDiesHaIT::onItsOwnThread);
    }

    /** Jobs under a lock that has not run out: id → owner and lock expiry. */
    private static Map<String, String> lockedJobs() throws Exception {
        Map<String, String> jobs = new HashMap<>();
        try (Connection db = RunningHaPlatform.database("workflow");
             ResultSet rs = db.createStatement().executeQuery("select id_, lock_owner_ || ' ' || lock_exp_time_ from act_ru_job "
                     + "where lock_owner_ is not null and lock_exp_time_ > now()")) {
            while (rs.next()) {
                jobs.put(rs.getString(1), rs.getString(2));
            }
        }
        return jobs;
    }

    private static CompletableFuture<Long> restart(LocalPlatform platform, String part) {
        return CompletableFuture.supplyAsync(() -> {
            long r = System.nanoTime();
            platform.restart(part);
            return millisSince(r);
        }, WorkflowEngineDiesHaIT::onItsOwnThread);
    }

    /** Waiting work (a restart, a look 10 s later) each on a thread of its own, never queued behind the other. */
    private static void onItsOwnThread(Runnable work) {
        new Thread(work, "drill-2").start();
    }

    private interface Count {
        long get() throws Exception;
    }

    /** Polls every 200 ms until {@code count} reaches {@code expected}; returns the count then. */
    private static long awaitCount(Count count, long expected, Duration within, String what) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            long n = count.get();
            if (n >= expected) {
                return n;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + within.toSeconds() + " s for " + what + ": " + n + " of " + expected);
            }
            Thread.sleep(200);
        }
    }

    /** Open tasks of one type in the cycle (the task-local attributes every task carries). */
    private static long tasksOf(String cycle, String type) throws Exception {
        try (Connection db = RunningHaPlatform.database("workflow");
             PreparedStatement q = db.prepareStatement("""
                     select count(*) from act_ru_task t
                     join act_ru_variable c on c.task_id_ = t.id_ and c.name_ = 'cycleId' and c.text_ = ?
                     where t.task_def_key_ = ?""")) {
            q.setString(1, cycle);
            q.setString(2, type);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Each unit's open tasks, as "type" or "type@department", sorted. */
    private static Map<String, List<String>> openTasks(String cycle) throws Exception {
        Map<String, List<String>> tasks = new TreeMap<>();
        try (Connection db = RunningHaPlatform.database("workflow");
             PreparedStatement q = db.prepareStatement("""
                     select u.text_, t.task_def_key_, d.text_ from act_ru_task t
                     join act_ru_variable c on c.task_id_ = t.id_ and c.name_ = 'cycleId' and c.text_ = ?
                     join act_ru_variable u on u.task_id_ = t.id_ and u.name_ = 'unitCode'
                     left join act_ru_variable d on d.task_id_ = t.id_ and d.name_ = 'department'""")) {
            q.setString(1, cycle);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    tasks.computeIfAbsent(rs.getString(1), u -> new ArrayList<>())
                            .add(rs.getString(2) + (rs.getString(3) == null ? "" : "@" + rs.getString(3)));
                }
            }
        }
        tasks.values().forEach(list -> list.sort(null));
        return tasks;
    }

    /** "unit: expected … found …" for every unit whose open tasks are not exactly the expected ones. */
    private static List<String> differences(Map<String, List<String>> expected, Map<String, List<String>> found) {
        Set<String> all = new TreeSet<>(expected.keySet());
        all.addAll(found.keySet());
        return all.stream().filter(u -> !expected.getOrDefault(u, List.of()).equals(found.getOrDefault(u, List.of())))
                .map(u -> u + ": expected " + expected.getOrDefault(u, List.of()) + ", found " + found.getOrDefault(u, List.of()))
                .toList();
    }

    private static String first(List<String> list) {
        return list.isEmpty() ? "" : list.subList(0, Math.min(5, list.size())).toString();
    }

    /**
     * How many units have how many processes of each model ever started (history: ended ones too); each model maps
     * to the number of units when every unit has exactly one, else to -(units with another number).
     */
    private static Map<String, Long> processesPerUnit(String cycle) throws Exception {
        Map<String, Map<String, Long>> byModel = new TreeMap<>();
        try (Connection db = RunningHaPlatform.database("workflow");
             PreparedStatement q = db.prepareStatement("""
                     select proc_def_key_, business_key_, count(*) from act_hi_procinst
                     where business_key_ like ? group by proc_def_key_, business_key_""")) {
            q.setString(1, cycle + ":%");
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    byModel.computeIfAbsent(rs.getString(1), m -> new HashMap<>()).put(rs.getString(2), rs.getLong(3));
                }
            }
        }
        Map<String, Long> summary = new TreeMap<>();
        byModel.forEach((model, perUnit) -> {
            long notOne = perUnit.values().stream().filter(n -> n != 1).count();
            summary.put(model, notOne == 0 ? perUnit.size() : -notOne);
        });
        return summary;
    }

    /** The open review task of {@link #FIRST_DEPARTMENT} of each of {@code units}: unit → task id. */
    private static Map<String, String> firstReviews(String cycle, List<HaDrills.DrillUnit> units) throws Exception {
        Map<String, String> tasks = new LinkedHashMap<>();
        try (Connection db = RunningHaPlatform.database("workflow");
             PreparedStatement q = db.prepareStatement("""
                     select u.text_, t.id_ from act_ru_task t
                     join act_ru_variable c on c.task_id_ = t.id_ and c.name_ = 'cycleId' and c.text_ = ?
                     join act_ru_variable u on u.task_id_ = t.id_ and u.name_ = 'unitCode' and u.text_ = any(?)
                     join act_ru_variable d on d.task_id_ = t.id_ and d.name_ = 'department' and d.text_ = ?
                     where t.task_def_key_ = ? order by u.text_""")) {
            q.setString(1, cycle);
            q.setArray(2, db.createArrayOf("text", units.stream().map(HaDrills.DrillUnit::code).toArray()));
            q.setString(3, FIRST_DEPARTMENT);
            q.setString(4, REVIEW);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    assertThat(tasks.put(rs.getString(1), rs.getString(2))).as("one review per unit and department").isNull();
                }
            }
        }
        return tasks;
    }

    /** Units whose review by a department was accepted and carried on to its end (history), with how many times. */
    private static Map<String, Long> departmentsAccepted(String cycle) throws Exception {
        Map<String, Long> units = new TreeMap<>();
        try (Connection db = RunningHaPlatform.database("workflow");
             PreparedStatement q = db.prepareStatement("""
                     select substr(p.business_key_, length(?) + 2), count(*) from act_hi_actinst a
                     join act_hi_procinst p on p.id_ = a.proc_inst_id_
                     where p.business_key_ like ? and a.act_id_ = 'EndEvent_DepartmentAccepted'
                     group by p.business_key_""")) {
            q.setString(1, cycle);
            q.setString(2, cycle + ":%");
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    units.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return units;
    }

    private static long incidents(String cycle) throws Exception {
        try (Connection db = RunningHaPlatform.database("workflow");
             PreparedStatement q = db.prepareStatement("""
                     select count(*) from act_ru_incident i join act_hi_procinst p on p.id_ = i.proc_inst_id_
                     where p.business_key_ = ? or p.business_key_ like ?""")) {
            q.setString(1, cycle);
            q.setString(2, cycle + ":%");
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The inbox's own record of the completions: tasks recorded COMPLETED more than once. */
    private static long completionsRecordedMoreThanOnce(java.util.Collection<String> tasks) throws Exception {
        return RunningHaPlatform.count("workflow", """
                select count(*) from (select task_id from task_event where action = 'COMPLETED' and task_id = any(?)
                group by task_id having count(*) > 1) twice""", tasks);
    }

    /** Tasks Camunda's history records as completed. */
    private static long completedInHistory(java.util.Collection<String> tasks) throws Exception {
        return RunningHaPlatform.count("workflow", "select count(*) from act_hi_taskinst where id_ = any(?) and delete_reason_ = 'completed'",
                tasks);
    }

    private static long notifications(String cycle) throws Exception {
        return RunningHaPlatform.count("notification", "select count(*) from notification where cycle_id = ?", cycle);
    }

    /**
     * Audiences told more than once of the same task: notification-service keys a notification on the event and the
     * audience, so a task announced twice (two events) or created twice (two tasks) shows as two rows for the same
     * unit, task type, period, department and audience.
     */
    private static long notifiedTwice(String cycle) throws Exception {
        return RunningHaPlatform.count("notification", """
                select count(*) from (select 1 from notification where cycle_id = ?
                group by kind, unit_code, params->>'taskType', params->>'period', params->>'department', audience
                having count(*) > 1) twice""", cycle);
    }

    /**
     * What workflow sent about the cycle, on its events topic and its commands topic: per logical event (a task's
     * creation by unit, type, period and department; anything else by type and subject) the ids it went under. The
     * outbox may send a record again under the same id (consumers keep it once); two ids for one logical event would
     * be a duplicate.
     */
    private record Events(long logical, long records, long sentAgain, Map<String, Long> byType, List<String> duplicated) {
    }

    private static Events events(String cycle, long expected) throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            Events events = readEvents(cycle);
            if (events.logical() >= expected || System.nanoTime() > deadline) {
                return events;
            }
            Thread.sleep(2_000);
        }
    }

    private static Events readEvents(String cycle) throws Exception {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + PORTS.kafkaNode(1));
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        Map<String, Set<String>> idsByLogical = new TreeMap<>();
        Map<String, Long> byType = new TreeMap<>();
        long records = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : WORKFLOW_TOPICS) {
                for (PartitionInfo p : consumer.partitionsFor(topic)) {
                    partitions.add(new TopicPartition(p.topic(), p.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(2))) {
                    JsonNode event = RunningPlatform.JSON.readTree(record.value());
                    if (!cycle.equals(event.path("cycleid").asText())) {
                        continue;
                    }
                    records++;
                    String type = event.path("type").asText();
                    JsonNode data = event.path("data");
                    String logical = "TaskCreated".equals(type)
                            ? type + " " + data.path("unitCode").asText() + " " + data.path("taskType").asText() + " "
                              + data.path("period").asText() + " " + data.path("department").asText()
                            : type + " " + event.path("subject").asText();
                    if (idsByLogical.computeIfAbsent(logical, l -> new TreeSet<>()).add(event.path("id").asText())) {
                        byType.merge("TaskCreated".equals(type) ? type + " " + data.path("taskType").asText() : type,
                                1L, Long::sum);
                    }
                }
            }
        }
        long ids = idsByLogical.values().stream().mapToLong(Set::size).sum();
        List<String> duplicated = idsByLogical.entrySet().stream().filter(en -> en.getValue().size() > 1)
                .map(en -> en.getKey() + " " + en.getValue()).collect(Collectors.toList());
        return new Events(idsByLogical.size(), records, records - ids, byType, duplicated);
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
