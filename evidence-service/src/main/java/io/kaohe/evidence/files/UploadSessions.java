package io.kaohe.evidence.files;

import io.kaohe.evidence.access.Access;
import io.kaohe.support.problems.Faults;
import io.kaohe.support.problems.ProblemException;
import io.kaohe.support.security.CurrentUser;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Resumable uploads. A session is created with the same description and checks as a one-request
 * upload; the client then sends the file in numbered parts (each streamed into the store's
 * multipart upload as it arrives, and kept by number: sending a part again replaces it), asks
 * what the server has after a failure, and completes: the parts are assembled, the file checked
 * by content and size and registered exactly as a one-request upload is. Sessions left alone are
 * aborted by the {@link StoreSweeper}.
 */
@Service
class UploadSessions {

    private static final Logger log = LoggerFactory.getLogger(UploadSessions.class);
    /** The store's smallest part, except the last. */
    static final long MIN_PART = 5L * 1024 * 1024;
    static final int MAX_PARTS = 10_000;

    private final JdbcClient db;
    private final FileAccess fileAccess;
    private final DescriptionCheck descriptions;
    private final EvidenceIntake intake;
    private final EvidenceBucket bucket;
    private final Access access;
    private final MessageSource messages;
    private final Clock clock;

    UploadSessions(JdbcClient db, FileAccess fileAccess, DescriptionCheck descriptions, EvidenceIntake intake,
                   EvidenceBucket bucket, Access access, MessageSource messages, Clock clock) {
        this.db = db;
        this.fileAccess = fileAccess;
        this.descriptions = descriptions;
        this.intake = intake;
        this.bucket = bucket;
        this.access = access;
        this.messages = messages;
        this.clock = clock;
    }

    record PartView(int number, long size, String sha256, String etag) {
    }

    /** What the server has of an upload: the parts received (by number) and their bytes. */
    record SessionView(UUID uploadId, String unitCode, String fileName, long size, long received, long minPartSize,
                       List<PartView> parts) {
    }

    private record Session(UUID id, String unitCode, Description.Checked checked, long size,
                           EvidenceBucket.Multipart upload) {
    }

    SessionView create(String unitCode, Description description, Long size) {
        CurrentUser user = CurrentUser.get();
        fileAccess.requireUnitWriter(user, unitCode, "evidence.unit.not-found", unitCode);
        Description.Checked checked = descriptions.check(unitCode, description);
        if (size == null || size <= 0) {
            new Faults(messages).add("size", "evidence.upload.size-required").throwIfAny();
        }
        intake.requireRoom(unitCode, size);
        EvidenceBucket.Multipart upload = bucket.startMultipart();
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        db.sql("""
                insert into upload_session (id, unit_code, created_by, cycle_id, period, item_codes, file_name,
                                            evidence_date, expires_on, declared_size, storage_key, store_upload,
                                            created_at, touched_at, cipher, key_id, wrapped_key)
                values (:id, :unit, :by, :cycle, :period, :items, :name, :date, :expires, :size, :key, :upload, :at, :at,
                        :cipher, :keyId, :wrapped)
                """)
                .param("id", id).param("unit", unitCode).param("by", user.username())
                .param("cycle", checked.cycleId()).param("period", checked.period())
                .param("items", checked.itemCodes().toArray(String[]::new)).param("name", checked.fileName())
                .param("date", Date.valueOf(checked.evidenceDate()))
                .param("expires", checked.expiresOn() == null ? null : Date.valueOf(checked.expiresOn()))
                .param("size", size).param("key", upload.key()).param("upload", upload.uploadId()).param("at", now)
                .param("cipher", upload.envelope() == null ? null : upload.envelope().cipher())
                .param("keyId", upload.envelope() == null ? null : upload.envelope().keyId())
                .param("wrapped", upload.envelope() == null ? null : upload.envelope().wrappedKey(), java.sql.Types.BINARY)
                .update();
        return view(id);
    }

    SessionView status(UUID id) {
        session(id);
        return view(id);
    }

    SessionView part(UUID id, int number, InputStream body, long length) {
        Session session = session(id);
        Faults faults = new Faults(messages);
        if (number < 1 || number > MAX_PARTS) {
            faults.add("partNumber", "evidence.upload.part-number", MAX_PARTS);
        }
        if (length <= 0) {
            faults.add("Content-Length", "evidence.upload.part-length");
        }
        faults.throwIfAny();
        long others = db.sql("select coalesce(sum(size), 0) from upload_session_part where session_id = :id"
                        + " and part_number <> :n").param("id", id).param("n", number).query(Long.class).single();
        if (others + length > session.size()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "evidence.upload.beyond-size", session.size());
        }
        if (length < MIN_PART && db.sql("select exists (select 1 from upload_session_part where session_id = :id"
                + " and part_number > :n)").param("id", id).param("n", number).query(Boolean.class).single()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "evidence.upload.part-too-small", number,
                    MIN_PART / (1024 * 1024));
        }
        EvidenceBucket.Part part;
        try {
            part = bucket.uploadPart(session.upload(), number, body, length);
        } catch (IOException e) {
            log.info("part {} of upload session {} broke off: {}", number, id, e.toString());
            throw ProblemException.badRequest("evidence.upload.incomplete");
        }
        Timestamp now = Timestamp.from(clock.instant());
        db.sql("""
                insert into upload_session_part (session_id, part_number, size, sha256, etag, received_at, nonce)
                values (:id, :n, :size, :sha, :etag, :at, :nonce)
                on conflict (session_id, part_number) do update
                   set size = excluded.size, sha256 = excluded.sha256, etag = excluded.etag,
                       received_at = excluded.received_at, nonce = excluded.nonce
                """)
                .param("id", id).param("n", number).param("size", part.size()).param("sha", part.sha256())
                .param("etag", part.etag()).param("at", now).param("nonce", part.nonce(), java.sql.Types.BIGINT)
                .update();
        db.sql("update upload_session set touched_at = :at where id = :id").param("at", now).param("id", id).update();
        return view(id);
    }

    EvidenceViews.Uploaded complete(UUID id) {
        CurrentUser user = CurrentUser.get();
        Session session = session(id);
        List<PartView> parts = parts(id);
        List<Integer> missing = new ArrayList<>();
        int last = parts.isEmpty() ? 0 : parts.get(parts.size() - 1).number();
        long received = 0;
        for (int n = 1, i = 0; n <= last; n++) {
            if (i < parts.size() && parts.get(i).number() == n) {
                received += parts.get(i++).size();
            } else {
                missing.add(n);
            }
        }
        if (parts.isEmpty() || !missing.isEmpty() || received != session.size()) {
            throw new ProblemException(HttpStatus.CONFLICT, "evidence.upload.parts-missing",
                    missing.isEmpty() ? "—" : missing.toString(), received, session.size());
        }
        for (PartView part : parts.subList(0, parts.size() - 1)) {
            if (part.size() < MIN_PART) {
                throw new ProblemException(HttpStatus.BAD_REQUEST, "evidence.upload.part-too-small", part.number(),
                        MIN_PART / (1024 * 1024));
            }
        }
        List<CompletedPart> completed = parts.stream()
                .map(p -> CompletedPart.builder().partNumber(p.number()).eTag(p.etag()).build()).toList();
        // Encrypted: the object is the parts' segments in order, each under its own nonce.
        Envelope envelope = session.upload().envelope() == null ? null : session.upload().envelope().withSegments(
                db.sql("select size from upload_session_part where session_id = :id order by part_number")
                        .param("id", id).query(Long.class).list().stream().mapToLong(Long::longValue).toArray(),
                db.sql("select nonce from upload_session_part where session_id = :id order by part_number")
                        .param("id", id).query(Long.class).list().stream().mapToLong(Long::longValue).toArray());
        EvidenceBucket.Stored stored;
        try {
            stored = bucket.completeMultipart(session.upload(), completed, envelope, intake.sniffer(session.checked()));
        } catch (IOException | RuntimeException e) {
            // Assembled and then refused (its type), or refused by the store: either way nothing is left to resume.
            if (e instanceof software.amazon.awssdk.core.exception.SdkException) {
                bucket.abort(session.upload().key(), session.upload().uploadId());
            }
            bucket.delete(session.upload().key());
            forget(id);
            if (e instanceof ProblemException problem) {
                throw problem;
            }
            throw new IllegalStateException("completing upload session " + id + " failed", e);
        }
        if (stored.size() != session.size()) {
            bucket.delete(stored.key());
            forget(id);
            throw ProblemException.badRequest("evidence.upload.incomplete");
        }
        try {
            return intake.keep(user, session.unitCode(), null, session.checked(), stored, () -> forget(id));
        } catch (RuntimeException e) {
            forget(id); // the assembled object was deleted by keep(); nothing is left to resume
            throw e;
        }
    }

    void abort(UUID id) {
        Session session = session(id);
        bucket.abort(session.upload().key(), session.upload().uploadId());
        forget(id);
    }

    private void forget(UUID id) {
        db.sql("delete from upload_session where id = :id").param("id", id).update();
    }

    /** The session, if the caller is one of its unit's people; else 404 (audited when it exists). */
    private Session session(UUID id) {
        CurrentUser user = CurrentUser.get();
        Session session = db.sql("select * from upload_session where id = :id").param("id", id)
                .query(UploadSessions::row).optional()
                .orElseThrow(() -> ProblemException.notFound("evidence.upload.not-found", id));
        if (!Access.belongsTo(user, session.unitCode())) {
            throw access.hidden(user, "evidence.upload.not-found", id, "upload session of unit " + session.unitCode()
                    + " is not the caller's");
        }
        return session;
    }

    private List<PartView> parts(UUID id) {
        return db.sql("select part_number, size, sha256, etag from upload_session_part where session_id = :id"
                        + " order by part_number").param("id", id)
                .query((rs, n) -> new PartView(rs.getInt(1), rs.getLong(2), rs.getString(3), rs.getString(4))).list();
    }

    private SessionView view(UUID id) {
        Session session = db.sql("select * from upload_session where id = :id").param("id", id)
                .query(UploadSessions::row).single();
        List<PartView> parts = parts(id);
        long received = parts.stream().mapToLong(PartView::size).sum();
        return new SessionView(id, session.unitCode(), session.checked().fileName(), session.size(), received,
                MIN_PART, parts);
    }

    private static Session row(ResultSet rs, int n) throws SQLException {
        Date expires = rs.getDate("expires_on");
        Description.Checked checked = new Description.Checked(rs.getString("cycle_id"), rs.getString("period"),
                Arrays.asList((String[]) rs.getArray("item_codes").getArray()), rs.getString("file_name"),
                rs.getDate("evidence_date").toLocalDate(), expires == null ? null : expires.toLocalDate());
        return new Session(rs.getObject("id", UUID.class), rs.getString("unit_code"), checked,
                rs.getLong("declared_size"),
                new EvidenceBucket.Multipart(rs.getString("storage_key"), rs.getString("store_upload"),
                        rs.getBytes("wrapped_key") == null ? null : new Envelope(rs.getString("cipher"),
                                rs.getString("key_id"), rs.getBytes("wrapped_key"), null, null)));
    }

    /** Sessions untouched since {@code cutoff}: their store uploads aborted, the sessions removed; their keys. */
    List<String> sweep(Instant cutoff) {
        List<Session> stale = db.sql("select * from upload_session where touched_at < :cutoff")
                .param("cutoff", Timestamp.from(cutoff)).query(UploadSessions::row).list();
        List<String> keys = new ArrayList<>();
        for (Session session : stale) {
            bucket.abort(session.upload().key(), session.upload().uploadId());
            forget(session.id());
            keys.add(session.upload().key());
        }
        return keys;
    }

    /** The store keys of sessions still in use (touched since {@code cutoff}): the sweeper leaves their uploads. */
    List<String> liveKeys(Instant cutoff) {
        return db.sql("select storage_key from upload_session where touched_at >= :cutoff")
                .param("cutoff", Timestamp.from(cutoff)).query(String.class).list();
    }
}
