package io.kaohe.support.events.outbox;

import io.kaohe.contracts.events.EventType;
import io.kaohe.contracts.events.Topics;
import io.kaohe.support.events.EventJson;
import io.kaohe.support.events.EventPublisher;
import io.kaohe.support.events.Inbox;
import io.kaohe.support.events.ReceivedEvent;
import java.util.UUID;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A minimal service with one state change, its event, and a consumer of it: the mechanism under test. */
@SpringBootApplication
class OutboxTestApplication {

    record NoteWritten(String noteId, String text) {
    }

    static final EventType<NoteWritten> NOTE_WRITTEN =
            new EventType<>("NoteWritten", NoteWritten.class, Topics.SCORING_COMMANDS);

    @Service
    static class Notes {

        private final JdbcClient db;
        private final EventPublisher events;

        Notes(JdbcClient db, EventPublisher events) {
            this.db = db;
            this.events = events;
        }

        @Transactional
        public UUID write(String text) {
            UUID id = UUID.randomUUID();
            db.sql("insert into note (id, text) values (?, ?)").params(id, text).update();
            events.publish(NOTE_WRITTEN, "notes/" + id, null, "unit-" + (text.length() % 3), new NoteWritten(id.toString(), text));
            return id;
        }

        /** Writes, publishes, then fails: neither the note nor its event may survive. */
        @Transactional
        public void writeThenFail(String text) {
            write(text);
            throw new IllegalStateException("failing after the event was published");
        }
    }

    @Component
    static class NoteReader {

        static final String CONSUMER = "outbox-test.notes";
        private final JdbcClient db;
        private final Inbox inbox;

        NoteReader(JdbcClient db, Inbox inbox) {
            this.db = db;
            this.inbox = inbox;
        }

        @KafkaListener(id = CONSUMER, topics = Topics.SCORING_COMMANDS)
        @Transactional
        public void on(String message) {
            ReceivedEvent event = EventJson.read(message);
            if (!event.is(NOTE_WRITTEN) || !inbox.firstDelivery(CONSUMER, event)) {
                return;
            }
            NoteWritten note = event.data(NOTE_WRITTEN);
            db.sql("insert into received_note (event_id, note_id, text) values (?, ?, ?)")
                    .params(event.id(), UUID.fromString(note.noteId()), note.text()).update();
        }
    }
}
