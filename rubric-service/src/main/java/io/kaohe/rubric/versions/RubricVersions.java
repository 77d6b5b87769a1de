package io.kaohe.rubric.versions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaohe.contracts.events.RubricPublished;
import io.kaohe.contracts.rubric.IndicatorNode;
import io.kaohe.contracts.rubric.RubricSnapshot;
import io.kaohe.support.problems.FaultMessages;
import io.kaohe.rubric.roster.Roster;
import io.kaohe.support.audit.AuditTrail;
import io.kaohe.support.events.EventPublisher;
import io.kaohe.support.problems.ProblemError;
import io.kaohe.support.problems.ProblemException;
import io.kaohe.support.security.CurrentUser;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Drafting, editing, validating, copying and publishing versions of indicator systems and of
 * per-unit targets. Every change is recorded in the append-only history with who, when and what.
 */
@Service
public class RubricVersions {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneId.of("Asia/Shanghai"));
    private static final int CACHED_VERSIONS = 32;

    private final JdbcClient db;
    private final EventPublisher events;
    private final Roster roster;
    private final FaultMessages faults;
    private final ObjectMapper json;
    /** Published content never changes, so once read it is kept (a few versions, least recently used out). */
    private final Map<UUID, VersionContent> published = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<UUID, VersionContent> eldest) {
                    return size() > CACHED_VERSIONS;
                }
            });

    RubricVersions(JdbcClient db, EventPublisher events, Roster roster, FaultMessages faults, ObjectMapper json) {
        this.db = db;
        this.events = events;
        this.roster = roster;
        this.faults = faults;
        this.json = json;
    }

    /** A new draft: the next version number of its system. */
    @Transactional
    public RubricVersion createDraft(VersionContent content, String actor, String how) {
        if (content.isEmpty()) {
            throw ProblemException.badRequest("rubric.version.empty");
        }
        if (content.code() == null || content.code().isBlank() || content.title() == null || content.title().isBlank()) {
            throw ProblemException.badRequest("rubric.version.header-missing");
        }
        refuseOverLimits(content);
        UUID id = UUID.randomUUID();
        insert(id, content, actor, null);
        history(id, actor, "created", how, null);
        return find(id).orElseThrow();
    }

    /** Every code, text and points value within the platform's input limits, or 400 with each located. */
    private void refuseOverLimits(VersionContent content) {
        io.kaohe.support.problems.CappedFaults over = ContentLimits.check(content);
        if (!over.isEmpty()) {
            throw faults.reject(HttpStatus.BAD_REQUEST, "platform.invalid-input", over);
        }
    }

    public List<RubricVersion> list(boolean includeDrafts) {
        return db.sql(SELECT + " where (:drafts or status = 'PUBLISHED') order by system_code, number")
                .param("drafts", includeDrafts)
                .query(RubricVersions::version)
                .list();
    }

    public Optional<RubricVersion> find(UUID id) {
        return db.sql(SELECT + " where id = :id").param("id", id).query(RubricVersions::version).optional();
    }

    /** The latest version of a system, if any. */
    public Optional<RubricVersion> latest(String systemCode) {
        return db.sql(SELECT + " where system_code = :code order by number desc limit 1").param("code", systemCode)
                .query(RubricVersions::version).optional();
    }

    public VersionContent content(UUID id) {
        VersionContent cached = published.get(id);
        if (cached != null) {
            return cached;
        }
        record Row(String kind, String status, String content) {
        }
        Row row = db.sql("select kind, status, coalesce(published_content, content::text) from rubric_version where id = :id")
                .param("id", id)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3))).optional()
                .orElseThrow(() -> ProblemException.notFound("rubric.version.not-found", id));
        VersionContent content = SnapshotJson.read(RubricVersion.Kind.valueOf(row.kind()), row.content());
        if ("PUBLISHED".equals(row.status())) {
            published.put(id, content);
        }
        return content;
    }

    /** The exact JSON that was published and hashed, for a published version. */
    public Optional<String> publishedJson(UUID id) {
        return db.sql("select published_content from rubric_version where id = :id and status = 'PUBLISHED'")
                .param("id", id).query(String.class).optional();
    }

    /** Replaces a draft's whole content, if nobody changed it since {@code revision}. */
    @Transactional
    public RubricVersion replace(UUID id, int revision, VersionContent content, String actor) {
        RubricVersion draft = lockDraft(id, revision);
        if (content.kind() != draft.kind()) {
            throw ProblemException.badRequest("rubric.version.kind-mismatch", draft.kind(), content.kind());
        }
        if (!draft.systemCode().equals(content.code())) {
            throw ProblemException.badRequest("rubric.version.code-fixed", draft.systemCode(), content.code());
        }
        if (content.isEmpty()) {
            throw ProblemException.badRequest("rubric.version.empty");
        }
        refuseOverLimits(content);
        return store(draft, content(id), content, actor, "replaced");
    }

    /** Changes a draft system's tree, if nobody changed it since {@code revision}. */
    @Transactional
    public RubricVersion editTree(UUID id, int revision, String actor, String action,
                                  UnaryOperator<List<IndicatorNode>> edit) {
        RubricVersion draft = lockDraft(id, revision);
        VersionContent before = content(id);
        if (before.system() == null) {
            throw ProblemException.badRequest("rubric.version.not-a-tree");
        }
        RubricSnapshot s = before.system();
        List<IndicatorNode> roots = edit.apply(s.roots());
        VersionContent after = VersionContent.of(new RubricSnapshot(s.code(), s.year(), s.title(), s.source(),
                s.categories(), s.applicabilityWordings(), s.conversionNotes(), roots));
        if (after.isEmpty()) {
            throw ProblemException.badRequest("rubric.version.empty");
        }
        refuseOverLimits(after);
        return store(draft, before, after, actor, action);
    }

    /** A new draft with a version's content, acknowledgements included (they still need their notes). */
    @Transactional
    public RubricVersion copy(UUID sourceId, String actor) {
        RubricVersion source = find(sourceId).orElseThrow(() -> ProblemException.notFound("rubric.version.not-found", sourceId));
        VersionContent content = content(sourceId);
        UUID id = UUID.randomUUID();
        insert(id, content, actor, sourceId);
        int acknowledgements = db.sql("""
                insert into rubric_acknowledgement (version_id, node_code, conversion_note, acknowledged_by)
                select :id, node_code, conversion_note, :actor from rubric_acknowledgement where version_id = :source
                """).param("id", id).param("actor", actor).param("source", sourceId).update();
        history(id, actor, "copied", "from version " + source.number() + " (" + sourceId + ")"
                + (acknowledgements > 0 ? ", " + acknowledgements + " acknowledgement(s) carried over" : ""), null);
        return find(id).orElseThrow();
    }

    public Validation validate(UUID id) {
        find(id).orElseThrow(() -> ProblemException.notFound("rubric.version.not-found", id));
        RubricValidator.Validation v = RubricValidator.validate(content(id), roster.view(), acknowledgements(id));
        List<ProblemError> errors = faults.localize(v.errors());
        List<ProblemError> accepted = faults.localize(v.acknowledged().stream().map(RubricValidator.Acknowledged::problem).toList());
        List<AcknowledgedProblem> acknowledged = new java.util.ArrayList<>();
        for (int i = 0; i < accepted.size(); i++) {
            RubricValidator.Acknowledged a = v.acknowledged().get(i);
            acknowledged.add(new AcknowledgedProblem(a.location(), accepted.get(i).message(), a.nodeCode(),
                    a.conversionNote(), a.note()));
        }
        return new Validation(v.valid(), errors, acknowledged);
    }

    /** Departments, categories and units the content names but the roster does not have. */
    public List<io.kaohe.support.problems.Fault> unknownReferences(VersionContent content, io.kaohe.rubric.roster.RosterView view) {
        java.util.Set<String> keys = java.util.Set.of("rubric.validation.department-unknown",
                "rubric.validation.category-unknown", "rubric.validation.unit-unknown");
        return RubricValidator.validate(content, view, Map.of()).errors().stream()
                .filter(f -> keys.contains(f.key())).toList();
    }

    /**
     * Records the office's acceptance that a node's points do not add up, citing the draft's
     * conversion note that documents the inconsistency of the source.
     */
    @Transactional
    public void acknowledge(UUID id, String nodeCode, int conversionNote, String actor) {
        RubricVersion draft = lockDraft(id, null);
        VersionContent content = content(id);
        if (!RubricValidator.mismatchedNodes(content, roster.view()).contains(nodeCode)) {
            throw ProblemException.badRequest("rubric.acknowledgement.no-mismatch", nodeCode);
        }
        List<String> notes = content.conversionNotes();
        if (conversionNote < 0 || conversionNote >= notes.size()
                || !RubricValidator.mentions(notes.get(conversionNote), nodeCode)) {
            throw ProblemException.badRequest("rubric.acknowledgement.note-does-not-name-node", conversionNote, nodeCode);
        }
        db.sql("""
                insert into rubric_acknowledgement (version_id, node_code, conversion_note, acknowledged_by)
                values (:id, :code, :note, :actor)
                on conflict (version_id, node_code) do update
                    set conversion_note = excluded.conversion_note, acknowledged_by = excluded.acknowledged_by,
                        acknowledged_at = now()
                """).param("id", draft.id()).param("code", nodeCode).param("note", conversionNote).param("actor", actor)
                .update();
        history(id, actor, "acknowledged", nodeCode + " does not add up, as conversion note " + conversionNote
                + " documents: " + abbreviate(notes.get(conversionNote)), null);
    }

    @Transactional
    public void withdrawAcknowledgement(UUID id, String nodeCode, String actor) {
        lockDraft(id, null);
        int removed = db.sql("delete from rubric_acknowledgement where version_id = :id and node_code = :code")
                .param("id", id).param("code", nodeCode).update();
        if (removed == 0) {
            throw ProblemException.notFound("rubric.acknowledgement.not-found", nodeCode);
        }
        history(id, actor, "acknowledgement-withdrawn", nodeCode, null);
    }

    public Map<String, Integer> acknowledgements(UUID id) {
        Map<String, Integer> result = new LinkedHashMap<>();
        db.sql("select node_code, conversion_note from rubric_acknowledgement where version_id = :id order by node_code")
                .param("id", id).query((org.springframework.jdbc.core.RowCallbackHandler) rs -> result.put(rs.getString(1), rs.getInt(2)));
        return result;
    }

    /**
     * Publishes a valid draft: it becomes immutable, and {@code RubricPublished} is recorded in the
     * same transaction, to be sent to Kafka once the transaction commits.
     */
    @Transactional
    public RubricVersion publish(UUID id, String actor) {
        RubricVersion draft = lockDraft(id, null);
        VersionContent content = content(id);
        RubricValidator.Validation validation = RubricValidator.validate(content, roster.view(), acknowledgements(id));
        if (!validation.valid()) {
            throw faults.reject(HttpStatus.BAD_REQUEST, "rubric.version.invalid", validation.errors());
        }
        String canonical = SnapshotJson.write(content);
        String hash = SnapshotJson.sha256(canonical);
        Instant now = Instant.now();
        db.sql("""
                update rubric_version set status = 'PUBLISHED', content_hash = :hash, published_by = :actor,
                       published_at = :now, revision = revision + 1, published_content = :canonical
                where id = :id
                """)
                .param("hash", hash).param("actor", actor).param("now", Timestamp.from(now))
                .param("canonical", canonical).param("id", id)
                .update();
        history(id, actor, "published", hash + (validation.acknowledged().isEmpty() ? ""
                : "; acknowledged: " + validation.acknowledged().stream().map(RubricValidator.Acknowledged::nodeCode).toList()),
                null);
        RubricVersion published = find(id).orElseThrow();
        AuditTrail.object("publish", "rubric-version", id.toString());
        AuditTrail.change(java.util.Map.of("status", "DRAFT", "revision", draft.revision()),
                java.util.Map.of("status", "PUBLISHED", "revision", published.revision(), "contentHash", hash,
                        "leafCount", published.leafCount(), "totalPoints", published.totalPoints()));
        String path = "/api/rubric/versions/" + id + (draft.kind() == RubricVersion.Kind.SYSTEM ? "/snapshot" : "/targets");
        events.publish(RubricPublished.TYPE, "rubric-versions/" + id, null, null, new RubricPublished(
                id.toString(), published.systemCode(), published.year(), published.title(), published.leafCount(),
                published.totalPoints(), hash, path, actor, published.publishedAt()));
        return published;
    }

    public List<HistoryEntry> history(UUID id) {
        find(id).orElseThrow(() -> ProblemException.notFound("rubric.version.not-found", id));
        return db.sql("select id, occurred_at, actor, action, detail, changes::text from rubric_history where version_id = :id order by id")
                .param("id", id)
                .query((rs, n) -> new HistoryEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getString(4), rs.getString(5), tree(rs.getString(6))))
                .list();
    }

    /** The diff as the reader may see it: targets' personal fields of other units left out of both sides. */
    public VersionDiff diff(UUID from, UUID to, CurrentUser reader) {
        return VersionDiff.between(PersonalFields.visibleTo(content(from), reader),
                PersonalFields.visibleTo(content(to), reader));
    }

    // --- internals ---

    private static final String SELECT = """
            select id, kind, system_code, number, year, title, status, leaf_count, total_points, content_hash, revision,
                   created_by, created_at, published_by, published_at, copied_from from rubric_version""";

    private void insert(UUID id, VersionContent content, String actor, UUID copiedFrom) {
        db.sql("""
                insert into rubric_version (id, kind, system_code, number, year, title, status, content, leaf_count,
                                            total_points, created_by, copied_from)
                values (:id, :kind, :code,
                        (select coalesce(max(number), 0) + 1 from rubric_version where system_code = :code),
                        :year, :title, 'DRAFT', cast(:content as jsonb), :leaves, :total, :actor, :copiedFrom)
                """)
                .param("id", id).param("kind", content.kind().name()).param("code", content.code())
                .param("year", content.year()).param("title", content.title())
                .param("content", SnapshotJson.write(content)).param("leaves", content.leafCount())
                .param("total", content.totalPoints()).param("actor", actor).param("copiedFrom", copiedFrom)
                .update();
    }

    private RubricVersion store(RubricVersion draft, VersionContent before, VersionContent after, String actor,
                                String action) {
        VersionDiff diff = VersionDiff.between(before, after);
        db.sql("""
                update rubric_version set content = cast(:content as jsonb), title = :title, year = :year,
                       leaf_count = :leaves, total_points = :total, revision = revision + 1
                where id = :id
                """)
                .param("content", SnapshotJson.write(after)).param("title", after.title()).param("year", after.year())
                .param("leaves", after.leafCount()).param("total", after.totalPoints()).param("id", draft.id())
                .update();
        history(draft.id(), actor, action, diff.summary(), diff);
        return find(draft.id()).orElseThrow();
    }

    /**
     * Locks the version's row for this transaction and checks it is a draft at the expected
     * revision (when one is given): a stale revision means someone else saved in the meantime.
     */
    private RubricVersion lockDraft(UUID id, Integer revision) {
        RubricVersion version = db.sql(SELECT + " where id = :id for update").param("id", id)
                .query(RubricVersions::version).optional()
                .orElseThrow(() -> ProblemException.notFound("rubric.version.not-found", id));
        if (version.status() == RubricVersion.Status.PUBLISHED) {
            throw ProblemException.conflict("rubric.version.published", version.number(), version.title(),
                    DAY.format(version.publishedAt()));
        }
        if (revision != null && revision != version.revision()) {
            throw ProblemException.conflict("platform.concurrent-edit");
        }
        return version;
    }

    private void history(UUID id, String actor, String action, String detail, Object changes) {
        db.sql("""
                insert into rubric_history (version_id, actor, action, detail, changes)
                values (:id, :actor, :action, :detail, cast(:changes as jsonb))
                """)
                .param("id", id).param("actor", actor).param("action", action).param("detail", detail)
                .param("changes", changes == null ? null : write(changes))
                .update();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode tree(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "…";
    }

    private static RubricVersion version(ResultSet rs, int row) throws SQLException {
        Timestamp published = rs.getTimestamp("published_at");
        return new RubricVersion(rs.getObject("id", UUID.class), RubricVersion.Kind.valueOf(rs.getString("kind")),
                rs.getString("system_code"), rs.getInt("number"), rs.getInt("year"), rs.getString("title"),
                RubricVersion.Status.valueOf(rs.getString("status")), rs.getInt("leaf_count"),
                rs.getBigDecimal("total_points"), rs.getString("content_hash"), rs.getInt("revision"),
                rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(), rs.getString("published_by"),
                published == null ? null : published.toInstant(), rs.getObject("copied_from", UUID.class));
    }

    /** The validation of a version as the API reports it. */
    public record Validation(boolean valid, List<ProblemError> errors, List<AcknowledgedProblem> acknowledged) {
    }

    /** A problem the office accepted, and the conversion note that documents it. */
    public record AcknowledgedProblem(String location, String message, String nodeCode, int conversionNote,
                                      String note) {
    }

    /** One recorded change of a version: who, when, what (a readable detail and the structured diff). */
    public record HistoryEntry(long id, Instant occurredAt, String actor, String action, String detail,
                               JsonNode changes) {
    }
}
