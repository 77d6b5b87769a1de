package io.kaohe.workflow.events;

import io.kaohe.contracts.events.RubricPublished;
import io.kaohe.contracts.events.Topics;
import io.kaohe.support.events.EventJson;
import io.kaohe.support.events.Inbox;
import io.kaohe.support.events.ReceivedEvent;
import java.sql.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** rubric-service's events: the published versions a cycle may be opened on. */
@Component
class RubricEventsListener {

    static final String CONSUMER = "workflow.rubric-events";

    private final Inbox inbox;
    private final JdbcClient db;

    RubricEventsListener(Inbox inbox, JdbcClient db) {
        this.inbox = inbox;
        this.db = db;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.RUBRIC)
    @Transactional
    public void on(String message) {
        ReceivedEvent event = EventJson.read(message);
        if (!event.is(RubricPublished.TYPE) || !inbox.firstDelivery(CONSUMER, event)) {
            return;
        }
        RubricPublished published = event.data(RubricPublished.TYPE);
        db.sql("""
                insert into published_rubric (version_id, system_code, year, title, published_at)
                values (?, ?, ?, ?, ?) on conflict do nothing
                """).params(published.versionId(), published.systemCode(), published.year(), published.title(),
                Timestamp.from(published.publishedAt())).update();
    }
}
