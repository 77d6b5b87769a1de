package io.kaohe.support.tracing;

import io.kaohe.contracts.events.EventType;
import io.kaohe.contracts.events.Topics;
import io.kaohe.support.events.EventJson;
import io.kaohe.support.events.EventPublisher;
import io.kaohe.support.events.ReceivedEvent;
import io.kaohe.support.security.PlatformSecurity;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A request that changes state and publishes its event through the outbox, and a consumer of that
 * event that writes down the trace id its log lines carry (the MDC's traceId).
 */
@SpringBootApplication
class TracingTestApplication {

    private static final Logger log = LoggerFactory.getLogger(TracingTestApplication.class);

    record TracedNote(String noteId, String text) {
    }

    static final EventType<TracedNote> TRACED_NOTE = new EventType<>("TracedNote", TracedNote.class, Topics.RUBRIC);

    /** Note id → the trace id in the consumer's MDC when it received the note's event. */
    static final Map<String, String> CONSUMED_IN_TRACE = new ConcurrentHashMap<>();

    @Bean
    SecurityFilterChain api(HttpSecurity http, PlatformSecurity platform) throws Exception {
        return platform.apply(http).authorizeHttpRequests(a -> a
                .requestMatchers("/api/tracing-test/**").permitAll()
                .anyRequest().authenticated()).build();
    }

    @RestController
    static class NotesApi {

        private final Notes notes;

        NotesApi(Notes notes) {
            this.notes = notes;
        }

        @PostMapping("/api/tracing-test/notes")
        String write(@RequestParam String text) {
            String id = notes.write(text);
            log.info("wrote note {}", id);
            return id;
        }

        /** Answers after a while: a request the slow-request watchdog must catch in the act. */
        @GetMapping("/api/tracing-test/slow")
        String dawdle(@RequestParam long millis) throws InterruptedException {
            Thread.sleep(millis);
            return "late";
        }
    }

    @Service
    static class Notes {

        private final JdbcClient db;
        private final EventPublisher events;

        Notes(JdbcClient db, EventPublisher events) {
            this.db = db;
            this.events = events;
        }

        @Transactional
        public String write(String text) {
            UUID id = UUID.randomUUID();
            db.sql("insert into note (id, text) values (?, ?)").params(id, text).update();
            events.publish(TRACED_NOTE, "notes/" + id, null, "unit-1", new TracedNote(id.toString(), text));
            return id.toString();
        }
    }

    @Component
    static class NoteReader {

        @KafkaListener(id = "tracing-test.notes", topics = Topics.RUBRIC)
        public void on(String message) {
            ReceivedEvent event = EventJson.read(message);
            if (event.is(TRACED_NOTE)) {
                String noteId = event.data(TRACED_NOTE).noteId();
                log.info("received note {}", noteId);
                CONSUMED_IN_TRACE.put(noteId, String.valueOf(MDC.get("traceId")));
            }
        }
    }
}
