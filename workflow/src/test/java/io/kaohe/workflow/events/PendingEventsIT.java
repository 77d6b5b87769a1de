package io.kaohe.workflow.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaohe.contracts.events.EventEnvelope;
import io.kaohe.contracts.events.SelfAssessmentSubmitted;
import io.kaohe.support.events.EventJson;
import io.kaohe.support.events.ReceivedEvent;
import io.kaohe.workflow.WorkflowIntegrationTest;
import io.kaohe.workflow.process.EventCorrelation.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Two workflow replicas retrying the kept events at the same time, on the real PostgreSQL. */
class PendingEventsIT extends WorkflowIntegrationTest {

    @Autowired
    PendingEvents pending;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void twoReplicasRetryingAtOnceCorrelateEachKeptEventOnce() throws Exception {
        String consumer = "pending-it-" + UUID.randomUUID();
        List<String> ours = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            // A submission no process waits for: the application's own retries keep it (NOT_READY).
            EventEnvelope<SelfAssessmentSubmitted> envelope = EventEnvelope.of("/evidence-service",
                    SelfAssessmentSubmitted.TYPE, "submissions/p" + i, "pending-it", "bz-sjw",
                    new SelfAssessmentSubmitted("p" + i, 1, "pending-it", "bz-sjw", "Q" + (i % 4 + 1), "v",
                            "reporter.sjw", "head.sjw", Instant.now(), false, List.of()));
            String message = EventJson.write(envelope);
            new TransactionTemplate(transactions).executeWithoutResult(tx ->
                    pending.keep(consumer, EventJson.read(message), "pending-it:bz-sjw", message));
            ours.add(envelope.id());
        }

        // Replica A takes its first event and holds it (its row locked) until replica B's whole pass is done.
        Map<String, AtomicInteger> correlated = new ConcurrentHashMap<>();
        CountDownLatch aHolds = new CountDownLatch(1);
        CountDownLatch bDone = new CountDownLatch(1);
        AtomicBoolean held = new AtomicBoolean();
        AtomicBoolean bFinishedWhileAHeld = new AtomicBoolean();
        Correlator counting = new Correlator(null) {
            @Override
            Outcome correlate(ReceivedEvent event) {
                if (!ours.contains(event.id())) {
                    return Outcome.NOT_READY; // another test's event: left as it is
                }
                correlated.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet();
                if ("replica-a".equals(Thread.currentThread().getName()) && held.compareAndSet(false, true)) {
                    aHolds.countDown();
                    try {
                        bFinishedWhileAHeld.set(bDone.await(60, TimeUnit.SECONDS));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return Outcome.CORRELATED;
            }
        };
        PendingEvents replicaA = new PendingEvents(db, counting, transactions, Duration.ofDays(30));
        PendingEvents replicaB = new PendingEvents(db, counting, transactions, Duration.ofDays(30));
        Thread a = new Thread(replicaA::retry, "replica-a");
        a.start();
        assertThat(aHolds.await(60, TimeUnit.SECONDS)).as("replica A holds an event").isTrue();
        replicaB.retry();
        bDone.countDown();
        a.join(Duration.ofSeconds(90).toMillis());

        assertThat(bFinishedWhileAHeld).as("replica B's pass skipped the held row instead of waiting for it").isTrue();
        // The application's own scheduled pass may have held a row for a moment, so both skipped it: more passes.
        for (int pass = 0; pass < 10 && correlated.size() < ours.size(); pass++) {
            replicaB.retry();
        }
        assertThat(correlated.keySet()).containsExactlyInAnyOrderElementsOf(ours);
        assertThat(correlated.values()).allSatisfy(times -> assertThat(times.get()).isEqualTo(1));
        assertThat(db.sql("select count(*) from pending_event where consumer = ?").param(consumer)
                .query(Long.class).single()).isZero();
    }
}
