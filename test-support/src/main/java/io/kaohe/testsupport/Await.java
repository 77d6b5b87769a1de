package io.kaohe.testsupport;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

/**
 * Waits for what a service or a running platform does in its own time (an event consumed, an outbox emptied, a task
 * created, a timer fired): the condition is asked again and again until it holds, or the test fails naming
 * {@code what}.
 */
public final class Await {

    /** How long a test waits unless it says otherwise. */
    public static final Duration DEFAULT = Duration.ofSeconds(60);

    private Await() {
    }

    public static void until(BooleanSupplier condition, String what) {
        until(condition, what, DEFAULT);
    }

    /** Asks every 200 ms (a service in the test's own JVM answers quickly). */
    public static void until(BooleanSupplier condition, String what, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    /**
     * Asks a running platform every second until {@code probe} answers something (not null), and returns it; fails
     * after {@code within}.
     */
    public static <T> T until(String what, Duration within, Callable<T> probe) throws Exception {
        return until(() -> what, within, Duration.ofSeconds(1), probe);
    }

    /**
     * Asks every {@code every} until {@code probe} answers something (not null), and returns it; fails after
     * {@code within}. {@code what} is told only then, so it may say where things stand at that moment.
     */
    public static <T> T until(Callable<String> what, Duration within, Duration every, Callable<T> probe) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            T value = probe.call();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + within.toSeconds() + " s for " + what.call());
            }
            Thread.sleep(every.toMillis());
        }
    }
}
