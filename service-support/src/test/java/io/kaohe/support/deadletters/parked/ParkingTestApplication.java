package io.kaohe.support.deadletters.parked;

import io.kaohe.contracts.events.EventType;
import io.kaohe.contracts.events.Topics;
import io.kaohe.support.events.EventJson;
import io.kaohe.support.events.EventPublisher;
import io.kaohe.support.events.Inbox;
import io.kaohe.support.events.ReceivedEvent;
import io.kaohe.support.security.PlatformSecurity;
import java.util.UUID;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A minimal consuming service: letters with their event, a consumer that refuses some texts until
 * the refusal is lifted (the cause "fixed"), and a second consumer group that merely counts what it
 * receives (a replay must not reach it).
 */
@SpringBootApplication
class ParkingTestApplication {

    record LetterWritten(String letterId, String text) {
    }

    static final EventType<LetterWritten> LETTER_WRITTEN =
            new EventType<>("LetterWritten", LetterWritten.class, Topics.SCORING_COMMANDS);

    @Bean
    SecurityFilterChain api(HttpSecurity http, PlatformSecurity platform) throws Exception {
        return platform.apply(http).authorizeHttpRequests(a -> a.anyRequest().authenticated()).build();
    }

    @Service
    static class Letters {

        private final JdbcClient db;
        private final EventPublisher events;

        Letters(JdbcClient db, EventPublisher events) {
            this.db = db;
            this.events = events;
        }

        @Transactional
        public String write(String text) {
            UUID id = UUID.randomUUID();
            db.sql("insert into letter (id, text) values (?, ?)").params(id, text).update();
            return events.publish(LETTER_WRITTEN, "letters/" + id, null, "unit-1", new LetterWritten(id.toString(), text))
                    .id();
        }
    }

    @Component
    static class LetterReader {

        static final String CONSUMER = "parking-test.letters";
        private final JdbcClient db;
        private final Inbox inbox;

        LetterReader(JdbcClient db, Inbox inbox) {
            this.db = db;
            this.inbox = inbox;
        }

        @KafkaListener(id = CONSUMER, topics = Topics.SCORING_COMMANDS)
        @Transactional
        public void on(String message) {
            ReceivedEvent event = EventJson.read(message);
            if (!event.is(LETTER_WRITTEN)) {
                return;
            }
            LetterWritten letter = event.data(LETTER_WRITTEN);
            if (db.sql("select count(*) from refused_text where text = ?").param(letter.text()).query(Long.class).single() > 0) {
                throw new IllegalStateException("letters saying '" + letter.text() + "' are refused");
            }
            if (!inbox.firstDelivery(CONSUMER, event)) {
                return;
            }
            db.sql("insert into received_letter (event_id, letter_id, text) values (?, ?, ?)")
                    .params(event.id(), UUID.fromString(letter.letterId()), letter.text()).update();
        }
    }

    /** Another group on the same topic: records every delivery it gets, with no de-duplication. */
    @Component
    static class LetterCopies {

        static final String CONSUMER = "parking-test.copies";
        private final JdbcClient db;

        LetterCopies(JdbcClient db) {
            this.db = db;
        }

        @KafkaListener(id = CONSUMER, topics = Topics.SCORING_COMMANDS)
        public void on(String message) {
            try {
                ReceivedEvent event = EventJson.read(message);
                if (event.is(LETTER_WRITTEN)) {
                    db.sql("insert into letter_copy (consumer, event_id) values (?, ?)").params(CONSUMER, event.id()).update();
                }
            } catch (RuntimeException notOurs) {
                // other tests' poison messages are not this consumer's concern
            }
        }
    }
}
