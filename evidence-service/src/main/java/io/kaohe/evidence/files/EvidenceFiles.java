package io.kaohe.evidence.files;

import io.kaohe.contracts.events.EvidenceAdded;
import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.evidence.access.Access;
import io.kaohe.evidence.access.Faults;
import io.kaohe.evidence.cycles.CycleCalendar;
import io.kaohe.evidence.cycles.UnitItemsCatalog;
import io.kaohe.support.events.EventPublisher;
import io.kaohe.support.problems.ProblemException;
import io.kaohe.support.security.CurrentUser;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Evidence files of units: streamed in, checked by content, stored once per content, versioned,
 * withdrawn (never deleted), streamed out, found by their words.
 */
@Service
class EvidenceFiles {

    private static final Logger log = LoggerFactory.getLogger(EvidenceFiles.class);
    private static final HttpStatus TOO_LARGE = HttpStatus.valueOf(413);

    private final JdbcClient db;
    private final EvidenceBucket bucket;
    private final ContentInspector inspector;
    private final CycleCalendar calendar;
    private final UnitItemsCatalog catalog;
    private final EventPublisher events;
    private final Access access;
    private final MessageSource messages;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final long maxFileSize;
    private final long unitQuota;

    EvidenceFiles(JdbcClient db, EvidenceBucket bucket, ContentInspector inspector, CycleCalendar calendar,
                  UnitItemsCatalog catalog, EventPublisher events, Access access, MessageSource messages,
                  TransactionTemplate transaction, Clock clock, EvidenceProperties properties) {
        this.db = db;
        this.bucket = bucket;
        this.inspector = inspector;
        this.calendar = calendar;
        this.catalog = catalog;
        this.events = events;
        this.access = access;
        this.messages = messages;
        this.transaction = transaction;
        this.clock = clock;
        this.maxFileSize = properties.maxFileSize().toBytes();
        this.unitQuota = properties.unitQuota().toBytes();
    }

    long maxFileSize() {
        return maxFileSize;
    }

    long unitQuota() {
        return unitQuota;
    }

    /** What the uploader says about the file; everything optional here is checked in {@link #describe}. */
    record Description(String cycleId, String period, List<String> itemCodes, String fileName, String evidenceDate,
                       String expiresOn) {
    }

    record Checked(String cycleId, String period, List<String> itemCodes, String fileName,
                           LocalDate evidenceDate, LocalDate expiresOn) {
    }

    record FileRow(UUID id, String unitCode, String cycleId, String period, int currentVersion, String createdBy,
                   Instant createdAt, Instant withdrawnAt, String withdrawnBy, String withdrawalReason) {
    }

    // ---------------------------------------------------------------------------------------- upload

    EvidenceViews.Uploaded upload(String unitCode, Description description, InputStream body, long declaredLength) {
        CurrentUser user = CurrentUser.get();
        // The inspection team adds what it finds on site (photos) to the units it inspects; it changes nothing else.
        if (!Access.inspects(user, unitCode)) {
            requireUnitWriter(user, unitCode, "evidence.unit.not-found", unitCode);
        }
        Checked checked = describe(unitCode, description);
        return store(user, unitCode, null, checked, body, declaredLength);
    }

    EvidenceViews.Uploaded replace(UUID evidenceId, Description description, InputStream body, long declaredLength) {
        CurrentUser user = CurrentUser.get();
        FileRow file = file(evidenceId).orElseThrow(() -> access.hidden(user, "evidence.file.not-found", evidenceId,
                "no such evidence file"));
        requireUnitWriter(user, file.unitCode(), "evidence.file.not-found", evidenceId);
        if (file.withdrawnAt() != null) {
            throw ProblemException.conflict("evidence.file.withdrawn", evidenceId);
        }
        EvidenceViews.Version current = versions(evidenceId).get(file.currentVersion() - 1);
        Description merged = new Description(file.cycleId(), file.period(),
                description.itemCodes() == null ? current.itemCodes() : description.itemCodes(),
                description.fileName() == null ? current.fileName() : description.fileName(),
                description.evidenceDate() == null ? current.evidenceDate().toString() : description.evidenceDate(),
                description.expiresOn() == null
                        ? (current.expiresOn() == null ? null : current.expiresOn().toString())
                        : description.expiresOn());
        Checked checked = describe(file.unitCode(), merged);
        return store(user, file.unitCode(), file, checked, body, declaredLength);
    }

    Checked describe(String unitCode, Description d) {
        Faults faults = new Faults(messages);
        String nameProblem = FileNames.problem(d.fileName());
        if (nameProblem != null) {
            faults.add("name", nameProblem);
        }
        LocalDate evidenceDate = date(faults, "evidenceDate", d.evidenceDate(), true);
        LocalDate expiresOn = date(faults, "expiresOn", d.expiresOn(), false);
        if (evidenceDate != null && expiresOn != null && expiresOn.isBefore(evidenceDate)) {
            faults.add("expiresOn", "evidence.file.expires-before-date");
        }
        List<String> items = d.itemCodes() == null ? List.of() : List.copyOf(new LinkedHashSet<>(d.itemCodes()));
        boolean noCycle = d.cycleId() == null || d.cycleId().isBlank();
        var unit = noCycle ? java.util.Optional.<CycleCalendar.CycleUnit>empty() : calendar.unit(d.cycleId(), unitCode);
        // "Today" is the cycle's calendar day: a cycle whose year runs compressed is further on than the real date.
        LocalDate today = unit.isPresent() ? calendar.today(d.cycleId(), clock, clock.getZone()) : LocalDate.now(clock);
        if (evidenceDate != null && evidenceDate.isAfter(today)) {
            faults.add("evidenceDate", "evidence.file.date-in-future");
        }
        if (noCycle) {
            faults.add("cycleId", "evidence.field.required");
        } else {
            if (unit.isEmpty()) {
                faults.add("cycleId", "evidence.cycle.unit-not-in-cycle", unitCode, d.cycleId());
            } else {
                if (d.period() != null && !d.period().isBlank() && calendar.period(d.cycleId(), d.period()).isEmpty()) {
                    faults.add("period", "evidence.cycle.no-period", d.cycleId(), d.period());
                }
                if (!items.isEmpty()) {
                    Set<String> known = catalog.items(unit.get().rubricVersionId(), unitCode).stream()
                            .map(UnitItem::itemCode).collect(Collectors.toSet());
                    for (String item : items) {
                        if (!known.contains(item)) {
                            faults.add("item[" + item + "]", "evidence.item.unknown", item, unitCode);
                        }
                    }
                }
            }
        }
        faults.throwIfAny();
        if (EvidenceType.nameClaimsRefusedKind(d.fileName())) {
            throw new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "evidence.file.name-refused", d.fileName());
        }
        String period = d.period() == null || d.period().isBlank() ? null : d.period();
        return new Checked(d.cycleId(), period, items, d.fileName().strip(), evidenceDate, expiresOn);
    }

    private static LocalDate date(Faults faults, String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                faults.add(field, "evidence.field.required");
            }
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            faults.add(field, "evidence.field.date", value);
            return null;
        }
    }

    private EvidenceViews.Uploaded store(CurrentUser user, String unitCode, FileRow replacing, Checked checked,
                                          InputStream body, long declaredLength) {
        long remaining = unitQuota - used(unitCode);
        if (declaredLength > maxFileSize) {
            throw tooLarge();
        }
        if (declaredLength > remaining) {
            throw quotaExceeded(unitCode);
        }
        EvidenceBucket.Stored stored;
        try {
            stored = bucket.store(body, declaredLength, sniffer(checked), bytes -> {
                if (bytes > maxFileSize) {
                    throw tooLarge();
                }
                if (bytes > remaining) {
                    throw quotaExceeded(unitCode);
                }
            });
        } catch (IOException e) {
            log.info("upload to unit {} by {} broke off: {}", unitCode, user.username(), e.toString());
            throw ProblemException.badRequest("evidence.upload.incomplete");
        }
        if (declaredLength >= 0 && stored.size() != declaredLength) {
            bucket.delete(stored.key());
            throw ProblemException.badRequest("evidence.upload.incomplete");
        }
        return keep(user, unitCode, replacing, checked, stored, () -> { });
    }

    /** Refuses a type the file's name does not claim, from the first bytes. */
    EvidenceBucket.Sniffer sniffer(Checked checked) {
        return (head, length) -> {
            Sniffed sniffed = inspector.sniff(head, length);
            if (sniffed.type() != null && !sniffed.type().agreesWithName(checked.fileName())) {
                throw disguised(checked.fileName(), sniffed.type());
            }
            return sniffed;
        };
    }

    /**
     * Bytes now in the store become evidence: their type checked from the content, then registered and the
     * event published in one transaction, with {@code alsoInTransaction} (an upload session's end). The object
     * is deleted when refused, failed, or the same bytes were stored already.
     */
    EvidenceViews.Uploaded keep(CurrentUser user, String unitCode, FileRow replacing, Checked checked,
                                EvidenceBucket.Stored stored, Runnable alsoInTransaction) {
        boolean kept = false;
        try {
            EvidenceType type;
            try (S3RangeChannel channel = bucket.channel(stored.key(), stored.size())) {
                type = inspector.inspect(stored.sniffed(), channel);
            } catch (IOException e) {
                throw new IllegalStateException("reading back " + stored.key() + " failed", e);
            }
            if (!type.agreesWithName(checked.fileName())) {
                throw disguised(checked.fileName(), type);
            }
            Registered registered = transaction.execute(tx -> {
                Registered r = register(user, unitCode, replacing, checked, stored, type);
                alsoInTransaction.run();
                return r;
            });
            kept = registered.newBlob();
            return new EvidenceViews.Uploaded(view(registered.evidenceId()), registered.version(), !registered.newBlob());
        } finally {
            if (!kept) {
                bucket.delete(stored.key()); // refused, failed, or the same bytes were already stored
            }
        }
    }

    private record Registered(UUID evidenceId, int version, boolean newBlob) {
    }

    private Registered register(CurrentUser user, String unitCode, FileRow replacing, Checked checked,
                                EvidenceBucket.Stored stored, EvidenceType type) {
        // One unit's uploads register one at a time, so that two of them cannot both squeeze under the quota.
        db.sql("select pg_advisory_xact_lock(hashtext(:lock))").param("lock", "evidence-quota:" + unitCode)
                .query().singleRow();
        boolean unitHasIt = db.sql("""
                select exists (select 1 from evidence_version v join evidence_file f on f.id = v.evidence_id
                               where f.unit_code = :unit and v.sha256 = :sha)
                """).param("unit", unitCode).param("sha", stored.sha256()).query(Boolean.class).single();
        if (!unitHasIt && used(unitCode) + stored.size() > unitQuota) {
            throw quotaExceeded(unitCode);
        }
        boolean newBlob = db.sql("""
                insert into evidence_blob (sha256, storage_key, size, content_type) values (:sha, :key, :size, :type)
                on conflict (sha256) do nothing
                """)
                .param("sha", stored.sha256()).param("key", stored.key()).param("size", stored.size())
                .param("type", type.mediaType)
                .update() == 1;
        Instant now = clock.instant();
        UUID evidenceId;
        int version;
        if (replacing == null) {
            evidenceId = UUID.randomUUID();
            version = 1;
            db.sql("""
                    insert into evidence_file (id, unit_code, cycle_id, period, current_version, created_by, created_at)
                    values (:id, :unit, :cycle, :period, 1, :by, :at)
                    """)
                    .param("id", evidenceId).param("unit", unitCode).param("cycle", checked.cycleId())
                    .param("period", checked.period()).param("by", user.username()).param("at", Timestamp.from(now))
                    .update();
        } else {
            evidenceId = replacing.id();
            FileRow locked = db.sql("select * from evidence_file where id = :id for update").param("id", evidenceId)
                    .query(EvidenceFiles::fileRow).single();
            if (locked.withdrawnAt() != null) {
                throw ProblemException.conflict("evidence.file.withdrawn", evidenceId);
            }
            version = locked.currentVersion() + 1;
            db.sql("update evidence_file set current_version = :version where id = :id")
                    .param("version", version).param("id", evidenceId).update();
        }
        db.sql("""
                insert into evidence_version (evidence_id, version, sha256, file_name, evidence_date, expires_on, item_codes,
                                              uploaded_by, uploaded_at)
                values (:id, :version, :sha, :name, :date, :expires, :items, :by, :at)
                """)
                .param("id", evidenceId).param("version", version).param("sha", stored.sha256())
                .param("name", checked.fileName()).param("date", Date.valueOf(checked.evidenceDate()))
                .param("expires", checked.expiresOn() == null ? null : Date.valueOf(checked.expiresOn()))
                .param("items", checked.itemCodes().toArray(String[]::new))
                .param("by", user.username()).param("at", Timestamp.from(now))
                .update();
        String cycleId = replacing == null ? checked.cycleId() : replacing.cycleId();
        String period = replacing == null ? checked.period() : replacing.period();
        events.publish(EvidenceAdded.TYPE, "evidence/" + evidenceId, cycleId, unitCode,
                new EvidenceAdded(evidenceId.toString(), version, cycleId, unitCode, period, checked.itemCodes(),
                        checked.fileName(), type.mediaType, stored.size(), stored.sha256(), checked.evidenceDate(),
                        checked.expiresOn(), user.username(), now));
        log.info("evidence {} v{} of unit {} stored: {} bytes, {}, sha256 {}{}", evidenceId, version, unitCode,
                stored.size(), type.mediaType, stored.sha256(), newBlob ? "" : " (already stored)");
        return new Registered(evidenceId, version, newBlob);
    }

    long used(String unitCode) {
        return db.sql("""
                select coalesce(sum(b.size), 0) from evidence_blob b
                where b.sha256 in (select v.sha256 from evidence_version v join evidence_file f on f.id = v.evidence_id
                                   where f.unit_code = :unit)
                """).param("unit", unitCode).query(Long.class).single();
    }

    ProblemException tooLarge() {
        return new ProblemException(TOO_LARGE, "evidence.file.too-large", maxFileSize / (1024 * 1024));
    }

    ProblemException quotaExceeded(String unitCode) {
        return new ProblemException(TOO_LARGE, "evidence.file.quota-exceeded", unitCode, unitQuota / (1024 * 1024));
    }

    static ProblemException disguised(String fileName, EvidenceType type) {
        return new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "evidence.file.disguised", fileName,
                type.mediaType);
    }

    // ------------------------------------------------------------------------------------ withdrawal

    EvidenceViews.EvidenceFile withdraw(UUID evidenceId, String reason) {
        CurrentUser user = CurrentUser.get();
        FileRow file = file(evidenceId).orElseThrow(() -> access.hidden(user, "evidence.file.not-found", evidenceId,
                "no such evidence file"));
        requireUnitWriter(user, file.unitCode(), "evidence.file.not-found", evidenceId);
        if (reason == null || reason.isBlank()) {
            new Faults(messages).add("reason", "evidence.field.required").throwIfAny();
        }
        transaction.executeWithoutResult(tx -> {
            int changed = db.sql("""
                    update evidence_file set withdrawn_at = :at, withdrawn_by = :by, withdrawal_reason = :reason
                    where id = :id and withdrawn_at is null
                    """)
                    .param("at", Timestamp.from(clock.instant())).param("by", user.username())
                    .param("reason", reason.strip()).param("id", evidenceId).update();
            if (changed == 0) {
                throw ProblemException.conflict("evidence.file.withdrawn", evidenceId);
            }
        });
        return view(evidenceId);
    }

    // ---------------------------------------------------------------------------------------- reading

    EvidenceViews.EvidenceFile get(UUID evidenceId) {
        CurrentUser user = CurrentUser.get();
        FileRow file = readable(user, evidenceId);
        return view(file.id());
    }

    /** Streams a version's bytes to the response under its original name. */
    void download(UUID evidenceId, Integer version, HttpServletResponse response) throws IOException {
        CurrentUser user = CurrentUser.get();
        FileRow file = readable(user, evidenceId);
        int wanted = version == null ? file.currentVersion() : version;
        var row = db.sql("""
                select v.file_name, b.storage_key, b.size, b.content_type, b.sha256
                from evidence_version v join evidence_blob b on b.sha256 = v.sha256
                where v.evidence_id = :id and v.version = :version
                """).param("id", evidenceId).param("version", wanted)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), Long.toString(rs.getLong(3)),
                        rs.getString(4), rs.getString(5)})
                .optional()
                .orElseThrow(() -> ProblemException.notFound("evidence.version.not-found", evidenceId, wanted));
        try (InputStream in = bucket.open(row[1])) {
            response.setStatus(200);
            response.setContentType(row[3]);
            response.setContentLengthLong(Long.parseLong(row[2]));
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, FileNames.attachment(row[0]));
            response.setHeader(HttpHeaders.ETAG, "\"" + row[4] + "\"");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Content-Security-Policy", "sandbox");
            response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-store");
            OutputStream out = response.getOutputStream();
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
            }
            out.flush();
        }
    }

    /** A unit's files (current versions), optionally of one cycle, period or item, and containing all the words. */
    List<EvidenceViews.Found> search(String unitCode, String cycleId, String period, String itemCode, String words,
                                     boolean withWithdrawn) {
        CurrentUser user = CurrentUser.get();
        String department = null;
        if (!Access.readsEverything(user) && !Access.belongsTo(user, unitCode) && !Access.inspects(user, unitCode)) {
            department = Access.reviewingDepartment(user);
            boolean assesses = department != null && db.sql("""
                    select exists (select 1 from unit_item where unit_code = :unit and :dept = any(assessing_departments))
                    """).param("unit", unitCode).param("dept", department).query(Boolean.class).single();
            if (!assesses) {
                throw access.hidden(user, "evidence.unit.not-found", unitCode, "not a reader of unit " + unitCode);
            }
        }
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
                     and exists (select 1 from unit_item ui where ui.rubric_version_id = c.rubric_version_id
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
                strings(rs.getArray("item_codes")), rs.getString("uploaded_by"),
                rs.getTimestamp("uploaded_at").toInstant(), rs.getTimestamp("withdrawn_at") != null,
                rs.getString("snippet"))).list();
    }

    private FileRow readable(CurrentUser user, UUID evidenceId) {
        FileRow file = file(evidenceId).orElseThrow(() -> access.hidden(user, "evidence.file.not-found", evidenceId,
                "no such evidence file"));
        if (Access.readsEverything(user) || Access.belongsTo(user, file.unitCode())
                || Access.inspects(user, file.unitCode())) {
            return file;
        }
        String department = Access.reviewingDepartment(user);
        if (department != null && supportsItemOf(evidenceId, department)) {
            return file;
        }
        throw access.hidden(user, "evidence.file.not-found", evidenceId,
                "evidence of unit " + file.unitCode() + " is not the caller's to read");
    }

    private boolean supportsItemOf(UUID evidenceId, String department) {
        return db.sql("""
                select exists (
                    select 1 from evidence_file f
                    join cycle c on c.cycle_id = f.cycle_id
                    join evidence_version v on v.evidence_id = f.id and v.version = f.current_version
                    join unit_item ui on ui.rubric_version_id = c.rubric_version_id and ui.unit_code = f.unit_code
                                     and ui.item_code = any(v.item_codes)
                    where f.id = :id and :dept = any(ui.assessing_departments))
                """).param("id", evidenceId).param("dept", department).query(Boolean.class).single();
    }

    /** Only the unit's own reporter or head change its evidence; others who may read it are refused (403). */
    void requireUnitWriter(CurrentUser user, String unitCode, String notFoundCode, Object id) {
        if (Access.belongsTo(user, unitCode)) {
            return;
        }
        if (Access.readsEverything(user) || Access.inspects(user, unitCode) || Access.reviewingDepartment(user) != null) {
            throw access.forbidden(user, "evidence.file.unit-only", "only the unit's people change its evidence");
        }
        throw access.hidden(user, notFoundCode, id, "not a member of unit " + unitCode);
    }

    java.util.Optional<FileRow> file(UUID evidenceId) {
        return db.sql("select * from evidence_file where id = :id").param("id", evidenceId)
                .query(EvidenceFiles::fileRow).optional();
    }

    private EvidenceViews.EvidenceFile view(UUID evidenceId) {
        FileRow file = file(evidenceId).orElseThrow();
        EvidenceViews.Withdrawal withdrawal = file.withdrawnAt() == null ? null
                : new EvidenceViews.Withdrawal(file.withdrawnAt(), file.withdrawnBy(), file.withdrawalReason());
        return new EvidenceViews.EvidenceFile(file.id(), file.unitCode(), file.cycleId(), file.period(),
                file.currentVersion(), file.createdBy(), file.createdAt(), withdrawal, versions(evidenceId));
    }

    private List<EvidenceViews.Version> versions(UUID evidenceId) {
        return db.sql("""
                select v.*, b.content_type, b.size, b.text_status from evidence_version v
                join evidence_blob b on b.sha256 = v.sha256
                where v.evidence_id = :id order by v.version
                """).param("id", evidenceId)
                .query((rs, n) -> new EvidenceViews.Version(rs.getInt("version"), rs.getString("file_name"),
                        rs.getString("content_type"), rs.getLong("size"), rs.getString("sha256"),
                        rs.getDate("evidence_date").toLocalDate(),
                        rs.getDate("expires_on") == null ? null : rs.getDate("expires_on").toLocalDate(),
                        strings(rs.getArray("item_codes")), rs.getString("uploaded_by"),
                        rs.getTimestamp("uploaded_at").toInstant(), rs.getString("text_status")))
                .list();
    }

    static FileRow fileRow(ResultSet rs, int row) throws SQLException {
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
