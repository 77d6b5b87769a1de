package io.kaohe.evidence.files;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Evidence as stored: the files of units with their immutable versions, and the contents (stored
 * once per SHA-256) the versions point to. Callers hold the transaction.
 */
@Component
class EvidenceStore {

    private final JdbcClient db;

    EvidenceStore(JdbcClient db) {
        this.db = db;
    }

    record FileRow(UUID id, String unitCode, String cycleId, String period, int currentVersion, String createdBy,
                   Instant createdAt, Instant withdrawnAt, String withdrawnBy, String withdrawalReason) {

        FileState state() {
            return FileState.of(withdrawnAt);
        }
    }

    Optional<FileRow> file(UUID evidenceId) {
        return db.sql("select * from evidence_file where id = :id").param("id", evidenceId)
                .query(EvidenceStore::fileRow).optional();
    }

    /** The file, locked until the transaction ends. */
    FileRow lock(UUID evidenceId) {
        return db.sql("select * from evidence_file where id = :id for update").param("id", evidenceId)
                .query(EvidenceStore::fileRow).single();
    }

    /** The bytes the unit's files hold, each content counted once. */
    long used(String unitCode) {
        return db.sql("""
                select coalesce(sum(b.size), 0) from evidence_blob b
                where b.sha256 in (select v.sha256 from evidence_version v join evidence_file f on f.id = v.evidence_id
                                   where f.unit_code = :unit)
                """).param("unit", unitCode).query(Long.class).single();
    }

    /** Registrations of one unit wait for each other until the transaction ends (so two cannot both pass the quota). */
    void lockUnit(String unitCode) {
        db.sql("select pg_advisory_xact_lock(hashtext(:lock))").param("lock", "evidence-quota:" + unitCode)
                .query().singleRow();
    }

    boolean unitHolds(String unitCode, String sha256) {
        return db.sql("""
                select exists (select 1 from evidence_version v join evidence_file f on f.id = v.evidence_id
                               where f.unit_code = :unit and v.sha256 = :sha)
                """).param("unit", unitCode).param("sha", sha256).query(Boolean.class).single();
    }

    /**
     * The content, unless it is stored already (then false: the bytes just stored are not needed; a content stored
     * before SM3 was gets the SM3 of the same bytes just computed).
     */
    boolean addContent(String sha256, String sm3, String key, long size, String mediaType, Envelope envelope) {
        boolean added = db.sql("""
                insert into evidence_blob (sha256, sm3, storage_key, size, content_type, text_status,
                                           cipher, key_id, wrapped_key, segment_sizes, segment_nonces)
                values (:sha, :sm3, :key, :size, :type, :text, :cipher, :keyId, :wrapped, :sizes, :nonces)
                on conflict (sha256) do nothing
                """)
                .param("sha", sha256).param("sm3", sm3).param("key", key).param("size", size).param("type", mediaType)
                .param("text", TextStatus.PENDING.name())
                .param("cipher", envelope == null ? null : envelope.cipher())
                .param("keyId", envelope == null ? null : envelope.keyId())
                .param("wrapped", envelope == null ? null : envelope.wrappedKey(), java.sql.Types.BINARY)
                .param("sizes", envelope == null ? null : Envelope.boxed(envelope.segmentSizes()))
                .param("nonces", envelope == null ? null : Envelope.boxed(envelope.segmentNonces()))
                .update() == 1;
        if (!added) {
            setSm3(sha256, sm3);
        }
        return added;
    }

    /** Records the SM3 of a content that has none yet; false if it has one (or is gone). */
    boolean setSm3(String sha256, String sm3) {
        return db.sql("update evidence_blob set sm3 = :sm3 where sha256 = :sha and sm3 is null")
                .param("sm3", sm3).param("sha", sha256).update() == 1;
    }

    /** A content stored before SM3 was: where its bytes are (and how encrypted), and what they must hash to. */
    record WithoutSm3(String sha256, String storageKey, long size, Envelope envelope) {
    }

    /** Up to {@code limit} contents without SM3, after {@code afterSha256} in SHA-256 order (null: from the start). */
    List<WithoutSm3> withoutSm3(String afterSha256, int limit) {
        return db.sql("""
                select b.sha256, b.storage_key, b.size, %s from evidence_blob b
                where b.sm3 is null and b.sha256 > :after order by b.sha256 limit :limit
                """.formatted(Envelope.columns("b"))).param("after", afterSha256 == null ? "" : afterSha256)
                .param("limit", limit)
                .query((rs, n) -> new WithoutSm3(rs.getString(1), rs.getString(2), rs.getLong(3), Envelope.of(rs)))
                .list();
    }

    void addFile(UUID evidenceId, String unitCode, Description.Checked checked, String by, Instant at) {
        db.sql("""
                insert into evidence_file (id, unit_code, cycle_id, period, current_version, created_by, created_at)
                values (:id, :unit, :cycle, :period, 1, :by, :at)
                """)
                .param("id", evidenceId).param("unit", unitCode).param("cycle", checked.cycleId())
                .param("period", checked.period()).param("by", by).param("at", Timestamp.from(at))
                .update();
    }

    void setCurrentVersion(UUID evidenceId, int version) {
        db.sql("update evidence_file set current_version = :version where id = :id")
                .param("version", version).param("id", evidenceId).update();
    }

    void addVersion(UUID evidenceId, int version, String sha256, Description.Checked checked, String by, Instant at) {
        db.sql("""
                insert into evidence_version (evidence_id, version, sha256, file_name, evidence_date, expires_on, item_codes,
                                              uploaded_by, uploaded_at)
                values (:id, :version, :sha, :name, :date, :expires, :items, :by, :at)
                """)
                .param("id", evidenceId).param("version", version).param("sha", sha256)
                .param("name", checked.fileName()).param("date", Date.valueOf(checked.evidenceDate()))
                .param("expires", checked.expiresOn() == null ? null : Date.valueOf(checked.expiresOn()))
                .param("items", checked.itemCodes().toArray(String[]::new))
                .param("by", by).param("at", Timestamp.from(at))
                .update();
    }

    void withdraw(UUID evidenceId, String by, String reason, Instant at) {
        db.sql("update evidence_file set withdrawn_at = :at, withdrawn_by = :by, withdrawal_reason = :reason where id = :id")
                .param("at", Timestamp.from(at)).param("by", by).param("reason", reason).param("id", evidenceId)
                .update();
    }

    /**
     * Where a version's bytes are (and how encrypted: null, as is), what to call them, and what they must hash to
     * ({@code sm3} null: not yet known).
     */
    record Content(String fileName, String storageKey, long size, String contentType, String sha256, String sm3,
                   Envelope envelope) {
    }

    Optional<Content> content(UUID evidenceId, int version) {
        return db.sql("""
                select v.file_name, b.storage_key, b.size, b.content_type, b.sha256, b.sm3, %s
                from evidence_version v join evidence_blob b on b.sha256 = v.sha256
                where v.evidence_id = :id and v.version = :version
                """.formatted(Envelope.columns("b"))).param("id", evidenceId).param("version", version)
                .query((rs, n) -> new Content(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), Envelope.of(rs)))
                .optional();
    }

    EvidenceViews.EvidenceFile view(UUID evidenceId) {
        FileRow file = file(evidenceId).orElseThrow();
        EvidenceViews.Withdrawal withdrawal = file.withdrawnAt() == null ? null
                : new EvidenceViews.Withdrawal(file.withdrawnAt(), file.withdrawnBy(), file.withdrawalReason());
        return new EvidenceViews.EvidenceFile(file.id(), file.unitCode(), file.cycleId(), file.period(),
                file.currentVersion(), file.createdBy(), file.createdAt(), withdrawal, versions(evidenceId));
    }

    /** Every version of the file, oldest first. */
    List<EvidenceViews.Version> versions(UUID evidenceId) {
        return db.sql("""
                select v.*, b.content_type, b.size, b.sm3, b.text_status from evidence_version v
                join evidence_blob b on b.sha256 = v.sha256
                where v.evidence_id = :id order by v.version
                """).param("id", evidenceId)
                .query((rs, n) -> new EvidenceViews.Version(rs.getInt("version"), rs.getString("file_name"),
                        rs.getString("content_type"), rs.getLong("size"), rs.getString("sha256"), rs.getString("sm3"),
                        rs.getDate("evidence_date").toLocalDate(),
                        rs.getDate("expires_on") == null ? null : rs.getDate("expires_on").toLocalDate(),
                        strings(rs.getArray("item_codes")), rs.getString("uploaded_by"),
                        rs.getTimestamp("uploaded_at").toInstant(), TextStatus.valueOf(rs.getString("text_status"))))
                .list();
    }

    private static FileRow fileRow(ResultSet rs, int row) throws SQLException {
        Timestamp withdrawn = rs.getTimestamp("withdrawn_at");
        return new FileRow(rs.getObject("id", UUID.class), rs.getString("unit_code"), rs.getString("cycle_id"),
                rs.getString("period"), rs.getInt("current_version"), rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant(), withdrawn == null ? null : withdrawn.toInstant(),
                rs.getString("withdrawn_by"), rs.getString("withdrawal_reason"));
    }

    static List<String> strings(java.sql.Array array) throws SQLException {
        return array == null ? List.of() : new ArrayList<>(Arrays.asList((String[]) array.getArray()));
    }
}
