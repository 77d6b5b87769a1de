package io.kaohe.support.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.concurrent.CompletableFuture;
import org.aopalliance.intercept.MethodInvocation;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * Spring Modulith marks a publication completed (a database transaction) in a callback on the future the send
 * returns: that callback must run on the outbox's sending thread, never on the Kafka producer's I/O thread that
 * completes the future, where it would hold up every other event's send.
 */
class OutboxSendsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final OutboxSends sends = new OutboxSends(new TraceContexts(none(Tracer.class), none(Propagator.class)),
            registry(meters));

    private final ExternalEvent event = new ExternalEvent("kaohe.rubric", "unit-1", "e-1", "RubricPublished", "{}", null);

    @Test
    void returnsOnlyOnceKafkaAnsweredSoTheCompletionRunsOnTheSendingThread() throws Throwable {
        CompletableFuture<Object> acknowledged = new CompletableFuture<>();
        Thread kafkaIo = new Thread(() -> {
            sleep(200);
            acknowledged.complete("metadata");
        }, "kafka-producer-network-thread");
        kafkaIo.start();

        CompletableFuture<?> sent = (CompletableFuture<?>) sends.invoke(sending(acknowledged));

        assertThat(sent.isDone()).isTrue();
        // What Spring Modulith's completion does with the future it gets back: a callback on it.
        Thread completedOn = sent.thenApply(ok -> Thread.currentThread()).join();
        assertThat(completedOn).isSameAs(Thread.currentThread()).isNotSameAs(kafkaIo);
        assertThat(meters.counter(OutboxSends.METRIC, "topic", "kaohe.rubric", "outcome", "sent").count()).isEqualTo(1);
    }

    @Test
    void aFailedSendComesBackFailedForResubmissionAndIsCounted() throws Throwable {
        CompletableFuture<Object> refused = new CompletableFuture<>();
        new Thread(() -> {
            sleep(100);
            refused.completeExceptionally(new IllegalStateException("broker away"));
        }).start();

        CompletableFuture<?> sent = (CompletableFuture<?>) sends.invoke(sending(refused));

        assertThat(sent.isCompletedExceptionally()).isTrue();
        assertThat(meters.counter(OutboxSends.METRIC, "topic", "kaohe.rubric", "outcome", "failed").count()).isEqualTo(1);
    }

    private MethodInvocation sending(CompletableFuture<Object> future) throws Throwable {
        MethodInvocation invocation = mock(MethodInvocation.class);
        when(invocation.getArguments()).thenReturn(new Object[] {event});
        when(invocation.proceed()).thenReturn(future);
        return invocation;
    }

    private static <T> org.springframework.beans.factory.ObjectProvider<T> none(Class<T> type) {
        return new StaticListableBeanFactory().getBeanProvider(type);
    }

    private static org.springframework.beans.factory.ObjectProvider<MeterRegistry> registry(MeterRegistry registry) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("meters", registry);
        return beans.getBeanProvider(MeterRegistry.class);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
