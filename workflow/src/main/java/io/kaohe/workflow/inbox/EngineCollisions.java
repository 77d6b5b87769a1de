package io.kaohe.workflow.inbox;

import io.kaohe.support.problems.ProblemException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs an inbox write on tasks in a transaction of its own, and again when it lost the engine's
 * optimistic lock: most often a job of the same process instance (a reminder or overdue timer, an
 * async step) changed the same executions at that moment, and nobody else touched the task, so "edited
 * by someone else" would be false. Each attempt re-reads the task: a person who really completed or
 * claimed it meanwhile is then reported as such (404, held by another). Only when every attempt lost
 * does the caller get 409 {@code platform.concurrent-edit}. A task someone claimed first
 * ({@code TaskAlreadyClaimedException}, already a 409 here) is never tried again.
 */
@Component
class EngineCollisions {

    static final int ATTEMPTS = 3;
    private static final Logger log = LoggerFactory.getLogger(EngineCollisions.class);

    private final TransactionTemplate ownTransaction;

    EngineCollisions(PlatformTransactionManager transactions) {
        // A failed attempt's transaction is rollback-only: every attempt needs a new one, all of its writes or none.
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The write's result; {@code what} names the task(s) in the log. */
    <T> T retried(String what, Supplier<T> write) {
        for (int attempt = 1; ; attempt++) {
            try {
                return ownTransaction.execute(tx -> write.get());
            } catch (RuntimeException e) {
                if (!lostLock(e)) {
                    throw e;
                }
                if (attempt == ATTEMPTS) {
                    log.warn("{}: lost the engine's lock {} times in a row, answered as a concurrent edit", what, attempt);
                    throw ProblemException.conflict("platform.concurrent-edit");
                }
                log.info("{}: lost the engine's lock (attempt {} of {}), trying again: {}", what, attempt, ATTEMPTS,
                        e.getMessage());
                pause(attempt);
            }
        }
    }

    private static boolean lostLock(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockingException) {
                return true;
            }
        }
        return false;
    }

    /** Jittered, so that two writers that collided do not meet again; a job's transaction is this short. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(20, 60) * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.conflict("platform.concurrent-edit");
        }
    }
}
