package io.kaohe.notification.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaohe.notification.NotificationSettings;
import io.kaohe.notification.channels.Channel;
import io.kaohe.notification.notices.Texts;
import io.kaohe.notification.people.Directory;
import io.kaohe.notification.preferences.Preferences;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The workers: plan deliveries for new notifications, send what is due, send the digests. Each runs
 * batch after batch until nothing is left, every few seconds; safe on any number of replicas (rows are
 * claimed with SKIP LOCKED). A failing batch (the directory down, the database away) is tried again at
 * the next run.
 */
@Configuration
class DeliveryJobs {

    private static final Logger log = LoggerFactory.getLogger(DeliveryJobs.class);

    private final Planner planner;
    private final Sender sender;
    private final int batch;

    DeliveryJobs(Planner planner, Sender sender, NotificationSettings settings) {
        this.planner = planner;
        this.sender = sender;
        this.batch = settings.batchSize();
    }

    @Configuration
    static class Parts {

        /** The workers' clock (tests move it to pass quiet hours and digest times). */
        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        @Bean
        Planner planner(JdbcClient db, Directory directory, Preferences preferences, NotificationSettings settings,
                        Clock clock) {
            return new Planner(db, directory, preferences, new Schedule(settings.zone()), clock);
        }

        @Bean
        Sender sender(JdbcClient db, List<Channel> channels, Texts texts, ObjectMapper json,
                      NotificationSettings settings, Clock clock) {
            return new Sender(db, channels, texts, json, settings, clock);
        }
    }

    @Scheduled(initialDelayString = "${kaohe.notifications.poll-every}", fixedDelayString = "${kaohe.notifications.poll-every}")
    void work() {
        drain("planning deliveries", () -> planner.planBatch(batch));
        drain("sending", () -> sender.sendBatch(batch));
        drain("sending digests", () -> sender.sendDigests(batch * 10));
    }

    private void drain(String what, java.util.function.IntSupplier step) {
        try {
            for (int round = 0; round < 100; round++) {
                if (step.getAsInt() < batch) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            log.warn("{} failed; will try again: {}", what, e.getMessage());
        }
    }
}
