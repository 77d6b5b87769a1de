package io.kaohe.support.events;

import io.kaohe.contracts.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.converter.MessagingMessageConverter;
import org.springframework.kafka.support.converter.RecordMessageConverter;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.RoutingTarget;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.util.backoff.ExponentialBackOff;

/** Outbox to Kafka, the platform's topics, and what a consumer does with an event it cannot apply. */
@AutoConfiguration(beforeName = {
        "org.springframework.modulith.events.kafka.KafkaJacksonConfiguration",
        "org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration"})
public class MessagingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MessagingConfiguration.class);

    @Bean
    EventPublisher eventPublisher(ApplicationEventPublisher events, @Value("${spring.application.name}") String name,
                                  ObjectProvider<Tracer> tracers, ObjectProvider<Propagator> propagators) {
        return new EventPublisher(events, name, new TraceContexts(tracers, propagators));
    }

    /**
     * Each outbox send runs in the trace its event was recorded in and is counted (OutboxSends). An
     * infrastructure advisor, so the transaction proxy Spring Modulith's externalizer already has takes it.
     */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor outboxSends(ObjectProvider<Tracer> tracers, ObjectProvider<Propagator> propagators,
                               ObjectProvider<MeterRegistry> registries) {
        return new DefaultPointcutAdvisor(new OutboxSends.Externalizing(),
                new OutboxSends(new TraceContexts(tracers, propagators), registries));
    }

    @Bean
    OutboxBacklog outboxBacklog(JdbcTemplate jdbc) {
        return new OutboxBacklog(JdbcClient.create(jdbc));
    }

    @Bean
    Inbox inbox(JdbcTemplate jdbc) {
        return new Inbox(jdbc);
    }

    /**
     * Messages are the envelope's JSON text, untouched both ways. Without this bean Spring
     * Modulith installs a JSON converter that would quote our already-written JSON when sending
     * and try to bind it to the listener's parameter type when receiving.
     */
    @Bean
    RecordMessageConverter plainMessages() {
        return new MessagingMessageConverter();
    }

    /**
     * Only {@link ExternalEvent}s leave the service: to their topic, keyed by unit, as their recorded
     * JSON; and {@link ReplayedEvent}s, a parked event sent again, marked for the one consumer group
     * that parked it.
     */
    @Bean
    EventExternalizationConfiguration eventExternalization() {
        return EventExternalizationConfiguration.externalizing()
                .selectByType(type -> type == ExternalEvent.class || type == ReplayedEvent.class)
                .route(ExternalEvent.class, event -> RoutingTarget.forTarget(event.topic()).andKey(event.key()))
                .mapping(ExternalEvent.class, ExternalEvent::json)
                .route(ReplayedEvent.class, event -> RoutingTarget.forTarget(event.topic()).andKey(event.key()))
                // A message rather than headers(…): Spring Modulith 1.4 asks for headers with the mapped payload.
                .mapping(ReplayedEvent.class, event -> MessageBuilder.withPayload(event.message())
                        .setHeader(ReplayedEvent.FOR_CONSUMER, event.consumer().getBytes(StandardCharsets.UTF_8)).build())
                .build();
    }

    /**
     * Every topic and its dead-letter twin, with the replication the cluster is configured for
     * (kaohe.kafka.*: 1 and 1 on one broker, 3 and 2 on a production cluster, where one broker may
     * die without an acknowledged event being lost). An existing topic keeps its replication factor;
     * its min.insync.replicas follows the configuration (spring.kafka.admin.modify-topic-configs).
     */
    @Bean
    KafkaAdmin.NewTopics platformTopics(@Value("${kaohe.kafka.replication-factor:1}") short replicationFactor,
                                        @Value("${kaohe.kafka.min-insync-replicas:1}") int minInSyncReplicas) {
        if (replicationFactor < 1 || minInSyncReplicas < 1 || minInSyncReplicas > replicationFactor) {
            throw new IllegalStateException("KAFKA_MIN_INSYNC_REPLICAS (" + minInSyncReplicas
                    + ") must be between 1 and KAFKA_REPLICATION_FACTOR (" + replicationFactor + ")");
        }
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : Topics.ALL) {
            for (String name : List.of(topic, Topics.deadLetter(topic))) {
                topics.add(TopicBuilder.name(name).partitions(Topics.PARTITIONS).replicas(replicationFactor)
                        .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minInSyncReplicas)).build());
            }
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    /**
     * Transient failures are retried with back-off; an event still failing after that, one that
     * is not ours at all, or one that can never apply, is parked on the topic's dead-letter twin
     * instead of blocking the partition or being lost.
     */
    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaOperations<Object, Object> kafka,
                                          @Value("${kaohe.events.retry-for:PT30S}") Duration retryFor) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafka,
                (record, failure) -> new TopicPartition(Topics.deadLetter(record.topic()), record.partition()));
        // Spring Kafka's headers name the wrapping listener exception; the operator needs the cause.
        recoverer.setHeadersFunction((record, failure) -> new RecordHeaders(new Header[] {new RecordHeader(PARKED_REASON,
                reason(failure).getBytes(StandardCharsets.UTF_8))}));
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxElapsedTime(retryFor.toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(MalformedEventException.class, UnprocessableEventException.class);
        return handler;
    }

    /** The Kafka header of a dead letter that says why it was parked: the innermost cause, class and message. */
    public static final String PARKED_REASON = "kaohe_parked_reason";

    static String reason(Throwable failure) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
        String reason = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return reason.length() <= 2000 ? reason : reason.substring(0, 2000) + "…";
    }

    @Bean
    OutboxResubmission outboxResubmission(IncompleteEventPublications incomplete) {
        return new OutboxResubmission(incomplete);
    }

    /** Sends again what Kafka has not acknowledged, e.g. because the broker was down at commit time. */
    static class OutboxResubmission {

        private final IncompleteEventPublications incomplete;

        OutboxResubmission(IncompleteEventPublications incomplete) {
            this.incomplete = incomplete;
        }

        /** On one replica at a time: two would send the same publications twice. */
        @Scheduled(initialDelayString = "${kaohe.outbox.resubmit-every:PT30S}",
                   fixedDelayString = "${kaohe.outbox.resubmit-every:PT30S}")
        @SchedulerLock(name = "outbox-resubmission", lockAtLeastFor = "PT5S", lockAtMostFor = "PT10M")
        void resubmit() {
            try {
                incomplete.resubmitIncompletePublicationsOlderThan(Duration.ofSeconds(30));
            } catch (RuntimeException e) {
                log.warn("resubmitting unsent events failed; will try again: {}", e.getMessage());
            }
        }
    }
}
