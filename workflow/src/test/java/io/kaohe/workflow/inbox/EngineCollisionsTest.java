package io.kaohe.workflow.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kaohe.support.problems.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;

/** Which failures are tried again, how often, and that every attempt has a transaction of its own. */
class EngineCollisionsTest {

    private final Transactions transactions = new Transactions();
    private final EngineCollisions collisions = new EngineCollisions(transactions);

    @Test
    void aLostLockIsTriedAgainInANewTransactionAndTheFailedOneRollsBack() {
        AtomicInteger attempts = new AtomicInteger();
        String result = collisions.retried("task t", () -> {
            if (attempts.incrementAndGet() == 1) {
                throw new OptimisticLockingException("ENTITY_UPDATED execution");
            }
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(transactions.ended).containsExactly("rolled back", "committed");
        assertThat(transactions.propagations).containsOnly(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Test
    void aLockLostEveryTimeIsAConcurrentEditAfterTheLastAttempt() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> collisions.retried("task t", () -> {
            attempts.incrementAndGet();
            throw new ProcessEngineException("wrapped", new OptimisticLockingException("ENTITY_UPDATED execution"));
        })).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(e.code()).isEqualTo("platform.concurrent-edit");
        });
        assertThat(attempts).hasValue(EngineCollisions.ATTEMPTS);
        assertThat(transactions.ended).containsOnly("rolled back").hasSize(EngineCollisions.ATTEMPTS);
    }

    @Test
    void aRefusalIsAnsweredAtOnce() {
        // As TaskActions answers a colleague's claim that came first (TaskAlreadyClaimedException), a task gone, a form.
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> collisions.retried("task t", () -> {
            attempts.incrementAndGet();
            throw ProblemException.conflict("platform.concurrent-edit");
        })).isInstanceOf(ProblemException.class);
        assertThat(attempts).hasValue(1);
        assertThat(transactions.ended).containsExactly("rolled back");
    }

    /** Records what each transaction asked for and how it ended. */
    private static final class Transactions implements PlatformTransactionManager {

        final List<Integer> propagations = new ArrayList<>();
        final List<String> ended = new ArrayList<>();

        @Override
        public TransactionStatus getTransaction(TransactionDefinition definition) {
            propagations.add(definition.getPropagationBehavior());
            return new SimpleTransactionStatus(true);
        }

        @Override
        public void commit(TransactionStatus status) {
            ended.add("committed");
        }

        @Override
        public void rollback(TransactionStatus status) {
            ended.add("rolled back");
        }
    }
}
