package io.kaohe.evidence.files;

import io.kaohe.support.audit.AuditTrail;
import io.kaohe.support.problems.ProblemException;
import io.kaohe.support.security.CurrentUser;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Evidence as its readers see it: a file with every version, a version's bytes streamed out under
 * the original name, and a unit's files found by cycle, period, item and the words in them.
 */
@Service
class EvidenceQueries {

    private static final Logger log = LoggerFactory.getLogger(EvidenceQueries.class);
    private final JdbcClient db;
    private final EvidenceStore store;
    private final FileAccess access;
    private final EvidenceBucket bucket;

    EvidenceQueries(JdbcClient db, EvidenceStore store, FileAccess access, EvidenceBucket bucket) {
        this.db = db;
        this.store = store;
        this.access = access;
        this.bucket = bucket;
    }

    EvidenceViews.EvidenceFile get(UUID evidenceId) {
        EvidenceStore.FileRow file = access.readable(CurrentUser.get(), evidenceId);
        return store.view(file.id());
    }

    /** The response header naming the bytes' SM3 (lower-case hex), beside the ETag naming their SHA-256. */
    static final String SM3_HEADER = "X-Content-SM3";

    /**
     * Streams a version's bytes to the response under its original name, checked on the way against the size,
     * SHA-256 and SM3 they were stored with. The last bytes read are held back until the check is done: bytes that
     * are not the stored ones (changed in the store behind the service's back) never make a complete body. Before
     * anything was sent the answer is a 500 problem; after that the connection is closed short of the length. Either way the failure is
     * logged as an error and recorded in the audit trail.
     */
    void download(UUID evidenceId, Integer version, HttpServletResponse response) throws IOException {
        EvidenceStore.FileRow file = access.readable(CurrentUser.get(), evidenceId);
        int wanted = version == null ? file.currentVersion() : version;
        EvidenceStore.Content content = store.content(evidenceId, wanted)
                .orElseThrow(() -> ProblemException.notFound("evidence.version.not-found", evidenceId, wanted));
        try (InputStream in = bucket.open(content.storageKey(), content.envelope())) {
            response.setStatus(200);
            response.setContentType(content.contentType());
            response.setContentLengthLong(content.size());
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, FileNames.attachment(content.fileName()));
            response.setHeader(HttpHeaders.ETAG, "\"" + content.sha256() + "\"");
            if (content.sm3() != null) {
                response.setHeader(SM3_HEADER, content.sm3());
            }
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Content-Security-Policy", "sandbox");
            response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-store");
            OutputStream out = response.getOutputStream();
            ContentDigests digests = new ContentDigests();
            // The last two buffers read are held back (whole buffers but the last), so that at least 64 KiB is unsent
            // when the check is done, and a file of up to 128 KiB is checked before anything is sent.
            byte[] reading = new byte[64 * 1024];
            byte[] older = new byte[64 * 1024];
            byte[] newer = new byte[64 * 1024];
            int olderLength = 0;
            int newerLength = 0;
            long read = 0;
            for (int n = in.readNBytes(reading, 0, reading.length); n > 0;
                 n = in.readNBytes(reading, 0, reading.length)) {
                digests.update(reading, 0, n);
                read += n;
                if (read > content.size()) {
                    break; // longer than stored: not the stored bytes, and never more than the announced length
                }
                out.write(older, 0, olderLength);
                byte[] free = older;
                older = newer;
                olderLength = newerLength;
                newer = reading;
                newerLength = n;
                reading = free;
            }
            ContentDigests.Digests found = digests.finish();
            if (!found.match(content.size(), content.sha256(), content.sm3())) {
                throw integrityFailure(evidenceId, wanted, content, found, response);
            }
            out.write(older, 0, olderLength);
            out.write(newer, 0, newerLength);
            out.flush();
        }
    }

    private RuntimeException integrityFailure(UUID evidenceId, int version, EvidenceStore.Content content,
                                              ContentDigests.Digests found, HttpServletResponse response) {
        String what = "evidence " + evidenceId + " v" + version + ": the bytes under " + content.storageKey()
                + " are not the ones stored (stored " + content.size() + " bytes, sha256 " + content.sha256() + ", sm3 "
                + (content.sm3() == null ? "not yet known" : content.sm3()) + "; read " + (found.size() > content.size()
                ? "more than " + content.size() : found.size()) + " bytes, sha256 " + found.sha256() + ", sm3 "
                + found.sm3() + ")";
        log.error("Integrity failure: {}; the download is refused", what);
        AuditTrail.failed("evidence.integrity-failure: " + what);
        if (!response.isCommitted()) {
            response.reset();
            throw new ProblemException(HttpStatus.INTERNAL_SERVER_ERROR, "evidence.integrity-failure", evidenceId,
                    version);
        }
        return new IntegrityFailure(what);
    }

    /**
     * Bytes that are not the stored ones, found after the response's head and first bytes were sent: thrown out of
     * the handler (ProblemAdvice leaves a committed response alone) so that the container marks the response failed
     * and closes the connection, the body short of its announced length by at least the 64 KiB held back (Tomcat
     * may add its error page's few hundred bytes before it closes).
     */
    static final class IntegrityFailure extends IllegalStateException {

        IntegrityFailure(String what) {
            super("integrity failure: " + what);
        }
    }

    /** A unit's files (current versions), optionally of one cycle, period or item, and containing all the words. */
    List<EvidenceViews.Found> search(String unitCode, String cycleId, String period, String itemCode, String words,
                                     boolean withWithdrawn) {
        String department = access.unitReader(CurrentUser.get(), unitCode);
        List<String> terms = words == null ? List.of()
                : Arrays.stream(words.strip().split("\\s+")).filter(t -> !t.isBlank()).limit(8).toList();
        StringBuilder sql = new StringBuilder("""
                select f.id, f.unit_code, f.cycle_id, f.period, f.current_version, f.withdrawn_at, v.file_name,
                       b.content_type, b.size, v.evidence_date, v.expires_on, v.item_codes, v.uploaded_by, v.uploaded_at,
                       %s as snippet
                from evidence_file f
                join evidence_version v on v.evidence_id = f.id and v.version = f.current_version
                join evidence_blob b on b.sha256 = v.sha256
                join cycle c on c.cycle_id = f.cycle_id
                where f.unit_code = :unit
                """.formatted(terms.isEmpty() ? "null"
                : "case when strpos(lower(b.text_content), lower(:t0)) > 0 then substr(b.text_content, "
                + "greatest(1, strpos(lower(b.text_content), lower(:t0)) - 40), 120) end"));
        if (cycleId != null) {
            sql.append(" and f.cycle_id = :cycle");
        }
        if (period != null) {
            sql.append(" and f.period = :period");
        }
        if (itemCode != null) {
            sql.append(" and :item = any(v.item_codes)");
        }
        if (!withWithdrawn) {
            sql.append(" and f.withdrawn_at is null");
        }
        if (department != null) {
            sql.append("""
                     and exists (select 1 from replica_unit_item ui where ui.rubric_version_id = c.rubric_version_id
                                 and ui.unit_code = f.unit_code and ui.item_code = any(v.item_codes)
                                 and :dept = any(ui.assessing_departments))
                    """);
        }
        // Each word in the text or the name; the text as a subquery so that its trigram index (V3) can serve it.
        for (int i = 0; i < terms.size(); i++) {
            sql.append(" and (b.sha256 in (select t.sha256 from evidence_blob t where t.text_content ilike :like")
                    .append(i).append(" escape '\\') or v.file_name ilike :like").append(i).append(" escape '\\')");
        }
        sql.append(" order by v.uploaded_at desc limit 500");
        var statement = db.sql(sql.toString()).param("unit", unitCode);
        if (cycleId != null) {
            statement = statement.param("cycle", cycleId);
        }
        if (period != null) {
            statement = statement.param("period", period);
        }
        if (itemCode != null) {
            statement = statement.param("item", itemCode);
        }
        if (department != null) {
            statement = statement.param("dept", department);
        }
        for (int i = 0; i < terms.size(); i++) {
            statement = statement.param("like" + i, "%" + terms.get(i).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%");
        }
        if (!terms.isEmpty()) {
            statement = statement.param("t0", terms.get(0));
        }
        return statement.query((rs, n) -> new EvidenceViews.Found(rs.getObject("id", UUID.class),
                rs.getString("unit_code"), rs.getString("cycle_id"), rs.getString("period"),
                rs.getInt("current_version"), rs.getString("file_name"), rs.getString("content_type"),
                rs.getLong("size"), rs.getDate("evidence_date").toLocalDate(),
                rs.getDate("expires_on") == null ? null : rs.getDate("expires_on").toLocalDate(),
                EvidenceStore.strings(rs.getArray("item_codes")), rs.getString("uploaded_by"),
                rs.getTimestamp("uploaded_at").toInstant(), rs.getTimestamp("withdrawn_at") != null,
                rs.getString("snippet"))).list();
    }
}
