package io.kaohe.support.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.modulith.events.support.DelegatingEventExternalizer;

/**
 * Around Spring Modulith's send of each outbox publication to Kafka, after commit or from the
 * resubmission job: the send runs inside the trace the event was recorded in (so the record's
 * traceparent header, written by the KafkaTemplate's observation, continues the request that
 * caused it, whichever thread sends), and its outcome is counted as {@code kaohe.events.published}.
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
            sent.whenComplete((ok, failure) -> count(event, failure == null ? "sent" : "failed"));
        }
        return result;
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
