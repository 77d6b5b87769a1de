package io.kaohe.rubric.importing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaohe.support.problems.CappedFaults;
import io.kaohe.support.problems.FaultMessages;
import io.kaohe.rubric.roster.Roster;
import io.kaohe.rubric.roster.RosterChanges;
import io.kaohe.rubric.roster.RosterDiff;
import io.kaohe.rubric.roster.RosterDocument;
import io.kaohe.support.problems.ProblemException;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;

/**
 * A roster workbook in two steps. Reading it checks every row and, when nothing is at fault,
 * stores the document with the difference it makes and answers that preview with a token;
 * nothing in the roster changes. Applying the token applies exactly what the preview showed, in
 * one transaction, and only while the roster is still the one the preview was computed against
 * (else 409: preview again).
 */
@Service
class RosterImports {

    /** How long a preview can be applied. */
    static final Duration VALID_FOR = Duration.ofHours(24);

    private final JdbcClient db;
    private final Roster roster;
    private final RosterChanges changes;
    private final Imports imports;
    private final FaultMessages faults;
    private final ObjectMapper json;

    RosterImports(JdbcClient db, Roster roster, RosterChanges changes, Imports imports, FaultMessages faults,
                  ObjectMapper json) {
        this.db = db;
        this.roster = roster;
        this.changes = changes;
        this.imports = imports;
        this.faults = faults;
        this.json = json;
    }

    /** What the office is shown before anything is written. */
    record Preview(UUID token, String fileName, String fingerprint, Map<String, Integer> counts, RosterDiff diff,
                   Instant validUntil, Instant appliedAt) {
    }

    /** What an applied import changed. */
    record Applied(UUID token, Map<String, Integer> counts, RosterDiff diff, String fingerprint) {
    }

    @Transactional
    public Preview preview(MultipartFile file, String actor) {
        String fingerprint = roster.fingerprint();
        RosterDocument current = roster.document();
        RosterWorkbook.Result result = imports.withWorkbook(file, path -> RosterWorkbook.read(path, current));
        refuseIfAny(result.faults());
        RosterDiff diff = changes.diff(result.document());
        UUID token = UUID.randomUUID();
        db.sql("delete from roster_import where created_at < now() - interval '7 days'").update();
        db.sql("""
                insert into roster_import (token, file_name, base_hash, document, diff, created_by)
                values (:token, :file, :hash, cast(:document as jsonb), cast(:diff as jsonb), :actor)
                """).param("token", token).param("file", file.getOriginalFilename()).param("hash", fingerprint)
                .param("document", write(result.document())).param("diff", write(diff)).param("actor", actor).update();
        return find(token).orElseThrow();
    }

    public java.util.Optional<Preview> find(UUID token) {
        return db.sql("select token, file_name, base_hash, diff::text, created_at, applied_at from roster_import where token = :t")
                .param("t", token).query((rs, n) -> {
                    RosterDiff diff = read(rs.getString(4), RosterDiff.class);
                    return new Preview(token, rs.getString(2), rs.getString(3), diff.counts(), diff,
                            rs.getTimestamp(5).toInstant().plus(VALID_FOR),
                            rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant());
                }).optional();
    }

    /** Applies the preview's document; 404 unknown token, 409 applied already, expired or the roster changed since. */
    @Transactional
    public Applied apply(UUID token, String actor) {
        // one import at a time: the fingerprint check and the changes must not interleave with another's
        db.sql("select count(*) from (select pg_advisory_xact_lock(hashtext('roster-import'))) l").query(Long.class).single();
        record Pending(String file, String hash, String document, Instant createdAt, Instant appliedAt) {
        }
        Pending pending = db.sql("""
                select file_name, base_hash, document::text, created_at, applied_at from roster_import
                where token = :t for update
                """).param("t", token).query((rs, n) -> new Pending(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()))
                .optional().orElseThrow(() -> ProblemException.notFound("rubric.roster.import.not-found", token));
        if (pending.appliedAt() != null) {
            throw ProblemException.conflict("rubric.roster.import.applied", token, pending.appliedAt());
        }
        if (pending.createdAt().plus(VALID_FOR).isBefore(Instant.now())) {
            throw ProblemException.conflict("rubric.roster.import.expired", token);
        }
        if (!pending.hash().equals(roster.fingerprint())) {
            throw ProblemException.conflict("rubric.roster.import.stale", token);
        }
        RosterDocument document = read(pending.document(), RosterDocument.class);
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("file", pending.file());
        source.put("token", token.toString());
        RosterDiff diff = changes.apply(document, actor, source);
        // the document holds personal data: kept only until applied
        db.sql("update roster_import set document = null, applied_by = :actor, applied_at = now() where token = :t")
                .param("actor", actor).param("t", token).update();
        return new Applied(token, diff.counts(), diff, roster.fingerprint());
    }

    void export(OutputStream out) throws IOException {
        RosterWorkbookWriter.export(roster.document(), out);
    }

    String fingerprint() {
        return roster.fingerprint();
    }

    private void refuseIfAny(CappedFaults found) {
        if (!found.isEmpty()) {
            throw faults.reject(HttpStatus.BAD_REQUEST, "rubric.roster.import.invalid", found);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored roster import unreadable", e);
        }
    }
}
