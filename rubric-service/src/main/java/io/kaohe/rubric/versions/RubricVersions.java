package io.kaohe.rubric.versions;

import io.kaohe.contracts.events.RubricPublished;
import io.kaohe.contracts.rubric.RubricSnapshot;
import io.kaohe.support.events.EventPublisher;
import io.kaohe.support.problems.ProblemException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Drafting and publishing versions of indicator systems. */
@Service
public class RubricVersions {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneId.of("Asia/Shanghai"));

    private final JdbcClient db;
    private final EventPublisher events;

    RubricVersions(JdbcClient db, EventPublisher events) {
        this.db = db;
        this.events = events;
    }

    /** A new draft: the next version number of its system. */
    @Transactional
    public RubricVersion createDraft(RubricSnapshot snapshot, String actor) {
        if (snapshot.roots().isEmpty()) {
            throw ProblemException.badRequest("rubric.version.empty");
        }
        String json = SnapshotJson.write(snapshot);
        UUID id = UUID.randomUUID();
        db.sql("""
                insert into rubric_version (id, system_code, number, year, title, status, content, leaf_count, total_points, created_by)
                values (:id, :code,
                        (select coalesce(max(number), 0) + 1 from rubric_version where system_code = :code),
                        :year, :title, 'DRAFT', cast(:content as jsonb), :leaves, :total, :actor)
                """)
                .param("id", id).param("code", snapshot.code()).param("year", snapshot.year())
                .param("title", snapshot.title()).param("content", json)
                .param("leaves", SnapshotJson.leafCount(snapshot.roots()))
                .param("total", SnapshotJson.totalPoints(snapshot)).param("actor", actor)
                .update();
        history(id, actor, "created", null);
        return find(id).orElseThrow();
    }

    public List<RubricVersion> list(boolean includeDrafts) {
        return db.sql("select * from rubric_version where (:drafts or status = 'PUBLISHED') order by system_code, number")
                .param("drafts", includeDrafts)
                .query(RubricVersions::version)
                .list();
    }

    public Optional<RubricVersion> find(UUID id) {
        return db.sql("select * from rubric_version where id = :id").param("id", id).query(RubricVersions::version).optional();
    }

    public RubricSnapshot snapshot(UUID id) {
        return db.sql("select content::text from rubric_version where id = :id").param("id", id)
                .query(String.class).optional()
                .map(SnapshotJson::read)
                .orElseThrow(() -> ProblemException.notFound("rubric.version.not-found", id));
    }

    /**
     * Publishes a draft: it becomes immutable, and {@code RubricPublished} is recorded in the
     * same transaction, to be sent to Kafka once the transaction commits.
     */
    @Transactional
    public RubricVersion publish(UUID id, String actor) {
        RubricVersion draft = db.sql("select * from rubric_version where id = :id for update").param("id", id)
                .query(RubricVersions::version).optional()
                .orElseThrow(() -> ProblemException.notFound("rubric.version.not-found", id));
        if (draft.status() == RubricVersion.Status.PUBLISHED) {
            throw ProblemException.conflict("rubric.version.published", draft.number(), draft.title(),
                    DAY.format(draft.publishedAt()));
        }
        String canonical = SnapshotJson.write(snapshot(id));
        String hash = SnapshotJson.sha256(canonical);
        Instant now = Instant.now();
        db.sql("""
                update rubric_version set status = 'PUBLISHED', content_hash = :hash, published_by = :actor,
                       published_at = :now, revision = revision + 1
                where id = :id
                """)
                .param("hash", hash).param("actor", actor).param("now", Timestamp.from(now)).param("id", id)
                .update();
        history(id, actor, "published", hash);
        RubricVersion published = find(id).orElseThrow();
        events.publish(RubricPublished.TYPE, "rubric-versions/" + id, null, null, new RubricPublished(
                id.toString(), published.systemCode(), published.year(), published.title(), published.leafCount(),
                published.totalPoints(), hash, "/api/rubric/versions/" + id + "/snapshot", actor,
                published.publishedAt()));
        return published;
    }

    private void history(UUID id, String actor, String action, String detail) {
        db.sql("insert into rubric_history (version_id, actor, action, detail) values (:id, :actor, :action, :detail)")
                .param("id", id).param("actor", actor).param("action", action).param("detail", detail)
                .update();
    }

    private static RubricVersion version(ResultSet rs, int row) throws SQLException {
        Timestamp published = rs.getTimestamp("published_at");
        return new RubricVersion(rs.getObject("id", UUID.class), rs.getString("system_code"), rs.getInt("number"),
                rs.getInt("year"), rs.getString("title"), RubricVersion.Status.valueOf(rs.getString("status")),
                rs.getInt("leaf_count"), rs.getBigDecimal("total_points"), rs.getString("content_hash"),
                rs.getInt("revision"), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
                rs.getString("published_by"), published == null ? null : published.toInstant());
    }
}
