package io.kaohe.support.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The service's request log: each request written when answered, with its status and time, on the logger
 * {@code kaohe.access} (INFO; {@code logging.level.kaohe.access=warn} silences it) — with the trace id,
 * which the gateway's own line for the request carries too. A request still unanswered after
 * {@code kaohe.slow-request-after} (5 s) is logged at once with what its thread is doing at that moment
 * (the stack: a pool or a lock it waits for, a call to Keycloak, a query) and again when it is answered —
 * to tell, with the gateway's line, where a request that "hangs" spends its time.
 */
public class RequestLog extends OncePerRequestFilter implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RequestLog.class);
    private static final Logger access = LoggerFactory.getLogger("kaohe.access");
    private static final int FRAMES = 40;

    private final long afterMillis;
    private final ScheduledExecutorService watchdog;

    public RequestLog(Duration after) {
        this.afterMillis = after.toMillis();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = Executors.defaultThreadFactory().newThread(runnable);
            thread.setName("slow-requests");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true); // answered requests leave no task behind
        this.watchdog = executor;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        String what = request.getMethod() + " " + request.getRequestURI();
        String trace = MDC.get("traceId");
        Thread worker = Thread.currentThread();
        ScheduledFuture<?> check = watchdog.schedule(() -> stillRunning(what, trace, worker),
                afterMillis, TimeUnit.MILLISECONDS);
        try {
            chain.doFilter(request, response);
        } finally {
            check.cancel(false);
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            if (tookMillis >= afterMillis) {
                log.warn("slow request: {} answered {} after {} ms", what, response.getStatus(), tookMillis);
            } else {
                access.info("{} answered {} in {} ms", what, response.getStatus(), tookMillis);
            }
        }
    }

    private void stillRunning(String what, String trace, Thread worker) {
        String stack = Arrays.stream(worker.getStackTrace()).limit(FRAMES)
                .map(frame -> "\n\tat " + frame).collect(Collectors.joining());
        if (trace != null) MDC.put("traceId", trace);
        try {
            log.warn("slow request: {} still unanswered after {} ms; its thread {} is at:{}",
                    what, afterMillis, worker.getName(), stack);
        } finally {
            MDC.remove("traceId");
        }
    }

    @Override
    public void destroy() {
        watchdog.shutdownNow();
    }
}
