package io.kaohe.support.events;

import io.kaohe.contracts.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.converter.MessagingMessageConverter;
import org.springframework.kafka.support.converter.RecordMessageConverter;
import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.RoutingTarget;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.util.backoff.ExponentialBackOff;

/** Outbox to Kafka, the platform's topics, and what a consumer does with an event it cannot apply. */
@AutoConfiguration(beforeName = {
        "org.springframework.modulith.events.kafka.KafkaJacksonConfiguration",
        "org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration"})
@EnableScheduling
public class MessagingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MessagingConfiguration.class);

    @Bean
    EventPublisher eventPublisher(ApplicationEventPublisher events, @Value("${spring.application.name}") String name) {
        return new EventPublisher(events, name);
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

    /** Only {@link ExternalEvent}s leave the service: to their topic, keyed by unit, as their recorded JSON. */
    @Bean
    EventExternalizationConfiguration eventExternalization() {
        return EventExternalizationConfiguration.externalizing()
                .selectByType(ExternalEvent.class)
                .route(ExternalEvent.class, event -> RoutingTarget.forTarget(event.topic()).andKey(event.key()))
                .mapping(ExternalEvent.class, ExternalEvent::json)
                .build();
    }

    @Bean
    KafkaAdmin.NewTopics platformTopics() {
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : Topics.ALL) {
            topics.add(TopicBuilder.name(topic).partitions(Topics.PARTITIONS).replicas(1).build());
            topics.add(TopicBuilder.name(Topics.deadLetter(topic)).partitions(Topics.PARTITIONS).replicas(1).build());
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    /**
     * Transient failures are retried with back-off; an event still failing after that, one that
     * is not ours at all, or one that can never apply, is parked on the topic's dead-letter twin
     * instead of blocking the partition or being lost.
     */
    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaOperations<Object, Object> kafka) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafka,
                (record, failure) -> new TopicPartition(Topics.deadLetter(record.topic()), record.partition()));
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxElapsedTime(Duration.ofSeconds(30).toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(MalformedEventException.class, UnprocessableEventException.class);
        return handler;
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

        @Scheduled(initialDelayString = "${kaohe.outbox.resubmit-every:PT30S}",
                   fixedDelayString = "${kaohe.outbox.resubmit-every:PT30S}")
        void resubmit() {
            try {
                incomplete.resubmitIncompletePublicationsOlderThan(Duration.ofSeconds(30));
            } catch (RuntimeException e) {
                log.warn("resubmitting unsent events failed; will try again: {}", e.getMessage());
            }
        }
    }
}
