package io.kaohe.support.rubric;

import io.kaohe.contracts.events.RubricPublished;
import io.kaohe.contracts.events.Topics;
import io.kaohe.support.events.EventJson;
import io.kaohe.support.events.Inbox;
import io.kaohe.support.events.ReceivedEvent;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.transaction.annotation.Transactional;

/** The rubric versions published so far, as RubricPublished told this service; a redelivery changes nothing. */
public class PublishedVersions {

    private static final Logger log = LoggerFactory.getLogger(PublishedVersions.class);

    private final JdbcClient db;
    private final Inbox inbox;
    private final String consumer;

    PublishedVersions(JdbcClient db, Inbox inbox, String consumer) {
        this.db = db;
        this.inbox = inbox;
        this.consumer = consumer;
    }

    /** The consumer id keeps the name each service's own listener had, so its inbox still holds. */
    @KafkaListener(id = "${spring.application.name}.published-rubrics", topics = Topics.RUBRIC)
    @Transactional
    public void on(String message) {
        ReceivedEvent event = EventJson.read(message);
        if (!event.is(RubricPublished.TYPE) || !inbox.firstDelivery(consumer, event)) {
            return;
        }
        RubricPublished published = event.data(RubricPublished.TYPE);
        db.sql("""
                insert into replica_rubric_version (version_id, system_code, year, title, leaf_count, total_points,
                                                    content_hash, snapshot_path, published_at)
                values (:id, :code, :year, :title, :leaves, :total, :hash, :path, :published)
                on conflict do nothing
                """)
                .param("id", UUID.fromString(published.versionId())).param("code", published.systemCode())
                .param("year", published.year()).param("title", published.title())
                .param("leaves", published.leafCount()).param("total", published.totalPoints())
                .param("hash", published.contentHash()).param("path", published.snapshotPath())
                .param("published", Timestamp.from(published.publishedAt()))
                .update();
        log.info("rubric version {} ({}) is now known", published.versionId(), published.title());
    }

    public List<PublishedVersion> all() {
        return db.sql("select * from replica_rubric_version order by published_at")
                .query((rs, row) -> new PublishedVersion(rs.getObject("version_id", UUID.class),
                        rs.getString("system_code"), rs.getInt("year"), rs.getString("title"), rs.getInt("leaf_count"),
                        rs.getBigDecimal("total_points"), rs.getString("content_hash"),
                        rs.getTimestamp("published_at").toInstant(), rs.getTimestamp("received_at").toInstant()))
                .list();
    }
}
