package io.kaohe.evidence.assessments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.support.rubric.RubricReplica;
import io.kaohe.support.events.EventJson;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The self-assessments as stored: the assessment with its status and draft version, its editable
 * lines, the versions signed off (each frozen with its items and evidence), the reviewers' decisions,
 * and the rubric items the unit is assessed on. Callers hold the transaction.
 */
@Component
class AssessmentStore {

    static final ObjectMapper JSON = EventJson.mapper();

    private final JdbcClient db;
    private final RubricReplica rubric;

    AssessmentStore(JdbcClient db, RubricReplica rubric) {
        this.db = db;
        this.rubric = rubric;
    }

    record Row(UUID id, String cycleId, String period, String unitCode, String rubricVersionId, SubmissionStatus status,
               int draftVersion, int submittedVersion, String preparedBy, Instant preparedAt, String updatedBy,
               Instant updatedAt) {
    }

    /** A line of the draft as it stands. */
    record Line(String itemCode, BigDecimal selfScore, Map<String, Object> measured, String statement,
                ItemReviewStatus reviewStatus) {
    }

    /** An item as signed off in one version, with the evidence attached then. */
    record Submitted(BigDecimal selfScore, Map<String, Object> measured, String statement,
                     List<Map<String, Object>> evidence) {
    }

    // ------------------------------------------------------------------------------ the assessment

    Optional<Row> load(UUID id) {
        return db.sql("select * from self_assessment where id = :id").param("id", id).query(AssessmentStore::row).optional();
    }

    /** The assessment, locked until the transaction ends. */
    Row lock(UUID id) {
        return db.sql("select * from self_assessment where id = :id for update").param("id", id)
                .query(AssessmentStore::row).single();
    }

    Optional<Row> find(String cycleId, String period, String unitCode) {
        return db.sql("select * from self_assessment where cycle_id = :cycle and period = :period and unit_code = :unit")
                .param("cycle", cycleId).param("period", period).param("unit", unitCode)
                .query(AssessmentStore::row).optional();
    }

    /** A new draft with a line per item of the unit in the rubric version; false if the period's is there already. */
    boolean insert(UUID id, String cycleId, String period, String unitCode, String rubricVersionId, String by) {
        int inserted = db.sql("""
                insert into self_assessment (id, cycle_id, period, unit_code, rubric_version_id, status, opened_by,
                                             updated_by)
                values (:id, :cycle, :period, :unit, :version, :status, :by, :by)
                on conflict (cycle_id, period, unit_code) do nothing
                """)
                .param("id", id).param("cycle", cycleId).param("period", period).param("unit", unitCode)
                .param("version", rubricVersionId).param("status", SubmissionStatus.DRAFT.name()).param("by", by)
                .update();
        if (inserted == 0) {
            return false;
        }
        db.sql("""
                insert into assessment_line (assessment_id, item_code, review_status)
                select :id, item_code, :status from replica_unit_item where rubric_version_id = :version and unit_code = :unit
                """).param("id", id).param("status", ItemReviewStatus.NOT_SUBMITTED.name())
                .param("version", rubricVersionId).param("unit", unitCode).update();
        return true;
    }

    /** A saved draft: the next draft version, if nobody saved since {@code expected}; false otherwise. */
    boolean saved(UUID id, int expected, SubmissionStatus status, String by, Instant at) {
        return db.sql("""
                update self_assessment
                set draft_version = draft_version + 1, updated_by = :by, updated_at = :at, status = :status,
                    prepared_by = null, prepared_at = null
                where id = :id and draft_version = :expected
                """)
                .param("by", by).param("at", Timestamp.from(at)).param("status", status.name()).param("id", id)
                .param("expected", expected)
                .update() == 1;
    }

    void prepared(UUID id, SubmissionStatus status, String by, Instant at) {
        db.sql("""
                update self_assessment set status = :status, prepared_by = :by, prepared_at = :at,
                                           updated_by = :by, updated_at = :at
                where id = :id
                """).param("status", status.name()).param("by", by).param("at", Timestamp.from(at)).param("id", id)
                .update();
    }

    void submitted(UUID id, SubmissionStatus status, int version, String by, Instant at) {
        db.sql("""
                update self_assessment set status = :status, submitted_version = :version, updated_by = :by,
                                           updated_at = :at
                where id = :id
                """).param("status", status.name()).param("version", version).param("by", by)
                .param("at", Timestamp.from(at)).param("id", id).update();
    }

    /** Returned for more: back to the unit, to be prepared and signed off again. */
    void returned(UUID id, SubmissionStatus status, Instant at) {
        db.sql("""
                update self_assessment set status = :status, prepared_by = null, prepared_at = null, updated_at = :at
                where id = :id
                """).param("status", status.name()).param("at", Timestamp.from(at)).param("id", id).update();
    }

    // ------------------------------------------------------------------------------ the lines

    /** The lines in the rubric's order. */
    List<Line> lines(UUID id) {
        return db.sql("""
                select l.* from assessment_line l
                join self_assessment a on a.id = l.assessment_id
                join replica_unit_item ui on ui.rubric_version_id = a.rubric_version_id and ui.unit_code = a.unit_code
                                 and ui.item_code = l.item_code
                where l.assessment_id = :id order by ui.position
                """).param("id", id)
                .query((rs, n) -> new Line(rs.getString("item_code"), rs.getBigDecimal("self_score"),
                        read(rs.getString("measured"), new TypeReference<Map<String, Object>>() { }),
                        rs.getString("statement"), ItemReviewStatus.valueOf(rs.getString("review_status"))))
                .list();
    }

    Map<String, ItemReviewStatus> reviewStatuses(UUID id) {
        Map<String, ItemReviewStatus> statuses = new HashMap<>();
        db.sql("select item_code, review_status from assessment_line where assessment_id = :id").param("id", id)
                .query(rs -> {
                    statuses.put(rs.getString(1), ItemReviewStatus.valueOf(rs.getString(2)));
                });
        return statuses;
    }

    void saveLine(UUID id, String itemCode, BigDecimal selfScore, Map<String, Object> measured, String statement) {
        db.sql("""
                update assessment_line set self_score = :score, measured = cast(:measured as jsonb), statement = :statement
                where assessment_id = :id and item_code = :code
                """)
                .param("score", selfScore).param("measured", write(measured)).param("statement", statement)
                .param("id", id).param("code", itemCode)
                .update();
    }

    /** Every line that may move to {@code status} does (e.g. all not yet submitted or returned to PENDING). */
    void moveLines(UUID id, ItemReviewStatus status) {
        db.sql("update assessment_line set review_status = :status where assessment_id = :id and review_status = any(:from)")
                .param("status", status.name()).param("id", id).param("from", ItemReviewStatus.into(status)).update();
    }

    // ------------------------------------------------------------------------------ versions and reviews

    void addVersion(UUID id, int version, String preparedBy, String signedOffBy, Instant at, boolean late) {
        db.sql("""
                insert into submission_version (assessment_id, version, prepared_by, signed_off_by, submitted_at, late)
                values (:id, :version, :prepared, :signed, :at, :late)
                """).param("id", id).param("version", version).param("prepared", preparedBy)
                .param("signed", signedOffBy).param("at", Timestamp.from(at)).param("late", late).update();
    }

    void addSubmittedItem(UUID id, int version, Line line, List<Map<String, Object>> evidence) {
        db.sql("""
                insert into submission_item (assessment_id, version, item_code, self_score, measured, statement, evidence)
                values (:id, :version, :code, :score, cast(:measured as jsonb), :statement, cast(:evidence as jsonb))
                """).param("id", id).param("version", version).param("code", line.itemCode())
                .param("score", line.selfScore()).param("measured", write(line.measured()))
                .param("statement", line.statement()).param("evidence", write(evidence)).update();
    }

    List<AssessmentViews.VersionSummary> versions(UUID id) {
        return db.sql("select * from submission_version where assessment_id = :id order by version").param("id", id)
                .query(AssessmentStore::versionSummary).list();
    }

    Optional<AssessmentViews.VersionSummary> version(UUID id, int version) {
        return db.sql("select * from submission_version where assessment_id = :id and version = :version")
                .param("id", id).param("version", version)
                .query(AssessmentStore::versionSummary).optional();
    }

    Map<String, Submitted> submitted(UUID id, int version) {
        Map<String, Submitted> byItem = new LinkedHashMap<>();
        db.sql("select * from submission_item where assessment_id = :id and version = :version")
                .param("id", id).param("version", version)
                .query(rs -> {
                    byItem.put(rs.getString("item_code"), new Submitted(rs.getBigDecimal("self_score"),
                            read(rs.getString("measured"), new TypeReference<Map<String, Object>>() { }),
                            rs.getString("statement"),
                            read(rs.getString("evidence"), new TypeReference<List<Map<String, Object>>>() { })));
                });
        return byItem;
    }

    /** A reviewer's decision on an item of a version, and the item's review status with it. */
    void decide(UUID id, AssessmentViews.Review review) {
        db.sql("""
                insert into item_review (assessment_id, version, item_code, decision, comment, reviewed_by, reviewer_role,
                                         reviewer_department, reviewed_at)
                values (:id, :version, :code, :decision, :comment, :by, :role, :department, :at)
                """).param("id", id).param("version", review.version()).param("code", review.itemCode())
                .param("decision", review.decision().name()).param("comment", review.comment())
                .param("by", review.reviewedBy()).param("role", review.reviewerRole())
                .param("department", review.reviewerDepartment()).param("at", Timestamp.from(review.reviewedAt()))
                .update();
        db.sql("update assessment_line set review_status = :decision where assessment_id = :id and item_code = :code")
                .param("decision", review.decision().name()).param("id", id).param("code", review.itemCode()).update();
    }

    /** By item, the latest decision made on a version up to {@code upToVersion}. */
    Map<String, AssessmentViews.Review> reviews(UUID id, int upToVersion) {
        Map<String, AssessmentViews.Review> latest = new HashMap<>();
        db.sql("""
                select distinct on (item_code) * from item_review
                where assessment_id = :id and version <= :version order by item_code, version desc
                """).param("id", id).param("version", upToVersion)
                .query(rs -> {
                    latest.put(rs.getString("item_code"), new AssessmentViews.Review(rs.getInt("version"),
                            rs.getString("item_code"), ItemReviewStatus.valueOf(rs.getString("decision")),
                            rs.getString("comment"), rs.getString("reviewed_by"), rs.getString("reviewer_role"),
                            rs.getString("reviewer_department"), rs.getTimestamp("reviewed_at").toInstant()));
                });
        return latest;
    }

    // ------------------------------------------------------------------------------ the rubric's items

    /** The items the unit is assessed on in the assessment's rubric version, in the rubric's order. */
    Map<String, UnitItem> items(Row row) {
        return rubric.items(row.rubricVersionId(), row.unitCode()).byCode();
    }

    void ensureItemsKnown(String rubricVersionId, String unitCode) {
        rubric.items(rubricVersionId, unitCode);
    }

    // ------------------------------------------------------------------------------ rows

    static Row row(ResultSet rs, int n) throws SQLException {
        Timestamp prepared = rs.getTimestamp("prepared_at");
        return new Row(rs.getObject("id", UUID.class), rs.getString("cycle_id"), rs.getString("period"),
                rs.getString("unit_code"), rs.getString("rubric_version_id"),
                SubmissionStatus.valueOf(rs.getString("status")), rs.getInt("draft_version"),
                rs.getInt("submitted_version"), rs.getString("prepared_by"),
                prepared == null ? null : prepared.toInstant(), rs.getString("updated_by"),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static AssessmentViews.VersionSummary versionSummary(ResultSet rs, int n) throws SQLException {
        return new AssessmentViews.VersionSummary(rs.getInt("version"), rs.getString("prepared_by"),
                rs.getString("signed_off_by"), rs.getTimestamp("submitted_at").toInstant(), rs.getBoolean("late"));
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable: " + json, e);
        }
    }
}
