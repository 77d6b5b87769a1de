package io.kaohe.support.events;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The current trace as a W3C {@code traceparent} value, and work run again inside a trace so written.
 * Without a tracer (tracing off) both are no-ops: nothing is captured, the work runs as it is.
 */
class TraceContexts {

    static final String TRACEPARENT = "traceparent";

    private final ObjectProvider<Tracer> tracers;
    private final ObjectProvider<Propagator> propagators;

    TraceContexts(ObjectProvider<Tracer> tracers, ObjectProvider<Propagator> propagators) {
        this.tracers = tracers;
        this.propagators = propagators;
    }

    /** The traceparent of the current span, or null when nothing is being traced here. */
    String current() {
        Tracer tracer = tracers.getIfAvailable();
        Propagator propagator = propagators.getIfAvailable();
        Span span = tracer == null ? null : tracer.currentSpan();
        if (span == null || propagator == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(span.context(), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /**
     * Runs {@code work} in a new span named {@code name}, a child of {@code traceparent}'s span: whatever
     * it sends (a Kafka record's traceparent header) belongs to that trace, on any thread.
     */
    <T> T within(String traceparent, String name, Callable<T> work) throws Exception {
        Tracer tracer = tracers.getIfAvailable();
        Propagator propagator = propagators.getIfAvailable();
        if (traceparent == null || tracer == null || propagator == null) {
            return work.call();
        }
        Span span = propagator.extract(Map.of(TRACEPARENT, traceparent), Map::get).name(name).start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return work.call();
        } catch (Exception | Error e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }
}
