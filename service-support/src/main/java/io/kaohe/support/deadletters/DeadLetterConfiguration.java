package io.kaohe.support.deadletters;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Dead letters in every consuming service: a parked event is recorded ({@link DeadLetterCollector}),
 * counted ({@link ParkedEvents}), listed and replayed ({@link DeadLetterController}); a replay reaches
 * only the group that parked it ({@link ReplayTargeting}).
 */
@AutoConfiguration(afterName = "io.kaohe.support.events.MessagingConfiguration")
@Import(DeadLetterController.class)
public class DeadLetterConfiguration {

    static final String LISTENER_FACTORY = "deadLetterListenerFactory";

    @Bean
    ParkedEvents parkedEvents(JdbcClient db, MeterRegistry registry) {
        return new ParkedEvents(db, registry);
    }

    @Bean
    DeadLetters deadLetters(JdbcClient db, TransactionTemplate transaction, ApplicationEventPublisher events,
                            ParkedEvents metric) {
        return new DeadLetters(db, transaction, events, metric);
    }

    @Bean
    DeadLetterCollector deadLetterCollector(DeadLetters deadLetters, KafkaListenerEndpointRegistry listeners,
                                            @Value("${spring.application.name}") String applicationName) {
        return new DeadLetterCollector(deadLetters, listeners, applicationName);
    }

    /** Picked up by Spring Boot's listener container factory: every consumer of the service gets it. */
    @Bean
    RecordInterceptor<Object, Object> replayTargeting() {
        return new ReplayTargeting();
    }

    /**
     * The collector's own containers: a letter it cannot record (the database is down) is retried
     * until it can be, never parked a second time, and never skipped as a replay meant for others.
     */
    @Bean(LISTENER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> deadLetterListenerFactory(
            ConsumerFactory<Object, Object> consumers) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(consumers);
        factory.getContainerProperties().setAckMode(
                org.springframework.kafka.listener.ContainerProperties.AckMode.RECORD);
        ExponentialBackOff backOff = new ExponentialBackOff(1000, 2.0);
        backOff.setMaxInterval(Duration.ofMinutes(1).toMillis());
        factory.setCommonErrorHandler(new DefaultErrorHandler(backOff));
        return factory;
    }

    /** A gauge at 0 for each topic each of the service's consumers reads, before anything is parked. */
    @EventListener(ApplicationReadyEvent.class)
    void registerGauges(ApplicationReadyEvent ready) {
        ParkedEvents metric = ready.getApplicationContext().getBean(ParkedEvents.class);
        KafkaListenerEndpointRegistry listeners = ready.getApplicationContext().getBean(KafkaListenerEndpointRegistry.class);
        String collector = ready.getApplicationContext().getEnvironment().getProperty("spring.application.name")
                + ".dead-letters";
        for (MessageListenerContainer container : listeners.getListenerContainers()) {
            String group = container.getGroupId();
            String[] topics = container.getContainerProperties().getTopics();
            if (group != null && !group.equals(collector) && topics != null) {
                for (String topic : topics) {
                    metric.register(topic, group);
                }
            }
        }
        metric.refresh();
    }
}
