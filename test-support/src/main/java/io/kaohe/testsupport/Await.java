package io.kaohe.testsupport;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waiting for a running platform to get somewhere: events consumed, tasks created, timers fired. */
public final class Await {

    private Await() {
    }

    /** Polls every second until {@code probe} answers something (not null); fails after {@code within}. */
    public static <T> T until(String what, Duration within, Callable<T> probe) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            T value = probe.call();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + within.toSeconds() + " s for " + what);
            }
            Thread.sleep(1_000);
        }
    }
}
