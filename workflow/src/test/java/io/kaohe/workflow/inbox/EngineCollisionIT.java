package io.kaohe.workflow.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.contracts.events.SelfAssessmentSubmitted;
import io.kaohe.testsupport.Await;
import io.kaohe.testsupport.AuditRecords;
import io.kaohe.testsupport.TestServers;
import io.kaohe.workflow.WorkflowIntegrationTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * A completion whose flush meets another writer of the task's execution, as a due-date timer or an async
 * step of the same process would at that moment: the engine's optimistic lock makes the completion lose.
 * Provoked from connections of the test's own ({@link Collider}), each committing only once the completion
 * waits for the row, so the completion loses exactly when the test wants it to.
 */
class EngineCollisionIT extends WorkflowIntegrationTest {

    private static final String REVIEW = "UserTask_ReviewSelfAssessment";

    @Test
    void aCompletionThatLostTheEnginesLockToAnotherWriterIsTriedAgainAndDoneOnce() throws Exception {
        String task = reviewTask(reviewing("collide-1"));

        Collider collider = new Collider(task, 1);
        ResponseEntity<JsonNode> done = collider.during(() -> complete(task));

        assertThat(collider.collisions).isEqualTo(1);
        assertThat(done.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(done.getBody().get("completedBy").asText()).isEqualTo("reviewer.fpymj");
        assertThat(count("select count(*) from act_ru_task where id_ = ?", task)).isZero();
        assertThat(count("select count(*) from task_event where task_id = ? and action = 'COMPLETED'", task)).isEqualTo(1);
        // The form's record (task-local variables) once, not once per attempt.
        assertThat(count("select count(*) from act_hi_varinst where task_id_ = ?", task)).isPositive()
                .isEqualTo(count("select count(distinct name_) from act_hi_varinst where task_id_ = ?", task));
        assertThat(completionRecords(task)).singleElement()
                .satisfies(r -> assertThat(r.get("outcome").asText()).isEqualTo("SUCCESS"));
    }

    @Test
    void aCompletionThatKeepsLosingIsAConcurrentEditAndLeavesNothingOfItself() throws Exception {
        String task = reviewTask(reviewing("collide-2"));
        assertThat(call(HttpMethod.PUT, "/api/workflow/tasks/" + task + "/draft", "reviewer.fpymj",
                Map.of("outcome", "ACCEPTED", "comment", "草稿")).getStatusCode()).isEqualTo(HttpStatus.OK);
        long eventsBefore = count("select count(*) from task_event where task_id = ?", task);
        long variablesBefore = count("select count(*) from act_ru_variable where task_id_ = ?", task);

        Collider collider = new Collider(task, Integer.MAX_VALUE);
        ResponseEntity<JsonNode> refused = collider.during(() -> complete(task));

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getBody().get("code").asText()).isEqualTo("platform.concurrent-edit");
        // At least once per attempt: the next writer may take the row's new version before the waiting attempt
        // re-checks it, and that attempt then waits for it too.
        assertThat(collider.collisions).isGreaterThanOrEqualTo(EngineCollisions.ATTEMPTS);
        // Nothing of any attempt: the task open and unclaimed, no form recorded, the draft kept, no event.
        assertThat(count("select count(*) from act_ru_task where id_ = ? and assignee_ is null", task)).isEqualTo(1);
        assertThat(count("select count(*) from act_ru_variable where task_id_ = ?", task)).isEqualTo(variablesBefore);
        assertThat(count("select count(*) from task_draft where task_id = ?", task)).isEqualTo(1);
        assertThat(count("select count(*) from task_event where task_id = ?", task)).isEqualTo(eventsBefore);
        assertThat(completionRecords(task)).singleElement().satisfies(r -> {
            assertThat(r.get("outcome").asText()).isEqualTo("FAILED");
            assertThat(r.get("status").asInt()).isEqualTo(409);
        });

        // Without another writer the same completion goes through.
        assertThat(complete(task).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(count("select count(*) from task_draft where task_id = ?", task)).isZero();
    }

    private ResponseEntity<JsonNode> complete(String task) {
        return call(HttpMethod.POST, "/api/workflow/tasks/" + task + "/complete", "reviewer.fpymj",
                Map.of("outcome", "ACCEPTED"));
    }

    private long count(String sql, String task) {
        return db.sql(sql).param(task).query(Long.class).single();
    }

    private List<JsonNode> completionRecords(String task) {
        return AuditRecords.matching(dataSource, r -> "workflow".equals(r.path("service").asText())
                && task.equals(r.path("objectId").asText()) && r.path("verb").asText().startsWith("complete"));
    }

    /**
     * Writes the task's execution row as a job of its process would, from connections of its own: each
     * holds the row (an uncommitted bump of its revision) until the completion waits for it, then commits,
     * so the completion's flush finds another revision and loses. When another collision is wanted, the
     * next writer queues for the row before the current one commits: PostgreSQL hands it the row as soon
     * as the losing attempt rolls back, long before the retry (after its pause and its re-reads) flushes.
     */
    private final class Collider {

        private final String executionId;
        private final int wanted;
        // A thread each for the completion and the writers: every one of them blocks on the database.
        private final ExecutorService threads = Executors.newCachedThreadPool();
        int collisions;

        Collider(String task, int wanted) {
            this.executionId = db.sql("select execution_id_ from act_ru_task where id_ = ?").param(task)
                    .query(String.class).single();
            this.wanted = wanted;
        }

        ResponseEntity<JsonNode> during(Supplier<ResponseEntity<JsonNode>> completion) throws Exception {
            Writer current = new Writer();
            try {
                current.holding.get(10, TimeUnit.SECONDS);
                CompletableFuture<ResponseEntity<JsonNode>> answer = CompletableFuture.supplyAsync(completion, threads);
                while (true) {
                    Writer holder = current;
                    Await.until(() -> answer.isDone() || holder.blocksAnother(), "the completion to wait for the row",
                            Duration.ofSeconds(60));
                    if (answer.isDone()) {
                        break;
                    }
                    Writer next = collisions + 1 < wanted ? new Writer() : null;
                    if (next != null) {
                        Await.until(next::waits, "the next writer to queue for the row", Duration.ofSeconds(30));
                    }
                    current.commit();
                    collisions++;
                    if (next == null) {
                        break;
                    }
                    current.close();
                    current = next;
                    current.holding.get(60, TimeUnit.SECONDS);
                }
                return answer.get(60, TimeUnit.SECONDS);
            } finally {
                current.close();
                threads.shutdown();
            }
        }

        /** One writer's transaction on the execution row. */
        private final class Writer {

            private final Connection connection;
            private final int pid;
            final CompletableFuture<Void> holding;

            Writer() throws SQLException {
                // Not from the service's pool: a writer waiting for the row must not take what the service needs.
                connection = DriverManager.getConnection(TestServers.database("workflow"), TestServers.postgres().user(),
                        TestServers.postgres().password());
                connection.setAutoCommit(false);
                try (PreparedStatement s = connection.prepareStatement("select pg_backend_pid()");
                     ResultSet r = s.executeQuery()) {
                    r.next();
                    pid = r.getInt(1);
                }
                holding = CompletableFuture.runAsync(() -> {
                    try (PreparedStatement s = connection.prepareStatement(
                            "update act_ru_execution set rev_ = rev_ + 1 where id_ = ?")) {
                        s.setString(1, executionId);
                        assertThat(s.executeUpdate()).isEqualTo(1);
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }, threads);
            }

            /** Queued for the row another transaction holds. */
            boolean waits() {
                return db.sql("select count(*) from pg_stat_activity where pid = ? and wait_event_type = 'Lock'")
                        .param(pid).query(Long.class).single() == 1;
            }

            /** Another transaction (the completion's) waits for this one. */
            boolean blocksAnother() {
                return db.sql("select count(*) from pg_stat_activity where ? = any(pg_blocking_pids(pid))")
                        .param(pid).query(Long.class).single() > 0;
            }

            void commit() throws SQLException {
                connection.commit();
            }

            /** Rolls back what it still holds (nothing once committed). */
            void close() throws SQLException {
                try {
                    connection.rollback();
                } finally {
                    connection.close();
                }
            }
        }
    }

    /** bz-sjw signed off Q1: its two departments review. */
    private String reviewing(String cycleId) {
        assertThat(openCycle(cycleId, "P365D").getStatusCode()).isEqualTo(HttpStatus.CREATED);
        await(() -> tasks("reporter.sjw", "cycleId=" + cycleId).size() == 1, "the first self-check");
        send("/evidence-service", SelfAssessmentSubmitted.TYPE, "submissions/x", cycleId, "bz-sjw",
                new SelfAssessmentSubmitted("sub-" + cycleId, 1, cycleId, "bz-sjw", "Q1", "v", "reporter.sjw", "head.sjw",
                        Instant.now(), false, List.of()));
        await(() -> tasks("reviewer.fpymj", "cycleId=" + cycleId).size() == 1, "the department's review");
        return cycleId;
    }

    private String reviewTask(String cycleId) {
        return tasks("reviewer.fpymj", "cycleId=" + cycleId + "&type=" + REVIEW).get(0).get("id").asText();
    }
}
