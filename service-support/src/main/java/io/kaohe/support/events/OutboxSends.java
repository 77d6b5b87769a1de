package io.kaohe.support.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.reflect.Method;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.modulith.events.support.DelegatingEventExternalizer;

/**
 * Around Spring Modulith's send of each outbox publication to Kafka, after commit or from the
 * resubmission job: the send runs inside the trace the event was recorded in (so the record's
 * traceparent header, written by the KafkaTemplate's observation, continues the request that
 * caused it, whichever thread sends), and its outcome is counted as {@code kaohe.events.published}. The send
 * returns once Kafka has answered, so that the publication's completion is not recorded on Kafka's I/O thread.
 */
class OutboxSends implements MethodInterceptor {

    static final String METRIC = "kaohe.events.published";

    /** Where the advice applies: the externalizer's {@code externalize(Object)}. */
    static class Externalizing extends StaticMethodMatcherPointcut {
        @Override
        public boolean matches(Method method, Class<?> targetClass) {
            return DelegatingEventExternalizer.class.isAssignableFrom(targetClass)
                    && method.getName().equals("externalize") && method.getParameterCount() == 1;
        }
    }

    private final TraceContexts traces;
    private final ObjectProvider<MeterRegistry> registries;

    OutboxSends(TraceContexts traces, ObjectProvider<MeterRegistry> registries) {
        this.traces = traces;
        this.registries = registries;
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        if (!(invocation.getArguments()[0] instanceof ExternalEvent event)) {
            return invocation.proceed();
        }
        Object result;
        try {
            result = traces.within(event.traceparent(), "outbox send", () -> {
                try {
                    return invocation.proceed();
                } catch (Exception | Error e) {
                    throw e;
                } catch (Throwable t) {
                    throw new IllegalStateException(t);
                }
            });
        } catch (Exception | Error e) {
            count(event, "failed");
            throw e;
        }
        if (result instanceof CompletableFuture<?> sent) {
            awaitAcknowledgement(sent);
            sent.whenComplete((ok, failure) -> count(event, failure == null ? "sent" : "failed"));
        }
        return result;
    }

    /**
     * Waits for Kafka's answer here, on the outbox's sending thread, so that Spring Modulith marks the publication
     * completed (a database transaction of its own) on this thread, once the future is done. Left to the future, that
     * transaction ran on the Kafka producer's one I/O thread, which sent and acknowledged nothing else meanwhile: every
     * other event's send waited for it. The thread waits no longer than before (Spring's {@code @Async} waits for the
     * future's result anyway), and at most the producer's delivery.timeout.ms, after which the future has failed.
     */
    private static void awaitAcknowledgement(CompletableFuture<?> sent) {
        try {
            sent.join();
        } catch (CompletionException | CancellationException failed) {
            // The future carries the failure: Spring Modulith leaves the publication incomplete for resubmission.
        }
    }

    private void count(ExternalEvent event, String outcome) {
        MeterRegistry registry = registries.getIfAvailable();
        if (registry != null) {
            Counter.builder(METRIC)
                    .description("Outbox publications handed to Kafka: sent (acknowledged) or failed (left for resubmission)")
                    .tags("topic", event.topic(), "outcome", outcome)
                    .register(registry).increment();
        }
    }
}
