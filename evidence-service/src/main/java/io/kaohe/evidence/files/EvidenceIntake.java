package io.kaohe.evidence.files;

import io.kaohe.contracts.events.EvidenceAdded;
import io.kaohe.support.events.EventPublisher;
import io.kaohe.support.problems.ProblemException;
import io.kaohe.support.security.CurrentUser;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How bytes become evidence, for a one-request upload and an assembled resumable one alike: within
 * the size limit and the unit's quota, of a kind the name claims and the content proves, stored once
 * per content, then registered as a new file or a new version of one with EvidenceAdded in one
 * transaction. Whatever is refused or fails leaves nothing in the store.
 */
@Component
class EvidenceIntake {

    private static final Logger log = LoggerFactory.getLogger(EvidenceIntake.class);
    private static final HttpStatus TOO_LARGE = HttpStatus.valueOf(413);

    private final EvidenceStore store;
    private final EvidenceBucket bucket;
    private final ContentInspector inspector;
    private final EventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final long maxFileSize;
    private final long unitQuota;

    EvidenceIntake(EvidenceStore store, EvidenceBucket bucket, ContentInspector inspector, EventPublisher events,
                   TransactionTemplate transaction, Clock clock, EvidenceProperties properties) {
        this.store = store;
        this.bucket = bucket;
        this.inspector = inspector;
        this.events = events;
        this.transaction = transaction;
        this.clock = clock;
        this.maxFileSize = properties.maxFileSize().toBytes();
        this.unitQuota = properties.unitQuota().toBytes();
    }

    /** Refuses (413) a file of {@code size} bytes before it is sent: over the size limit or the unit's quota. */
    void requireRoom(String unitCode, long size) {
        if (size > maxFileSize) {
            throw tooLarge();
        }
        if (size > unitQuota - store.used(unitCode)) {
            throw quotaExceeded(unitCode);
        }
    }

    /** Streams the body into the store and keeps it as evidence: a new file, or a new version of {@code replacing}. */
    EvidenceViews.Uploaded store(CurrentUser user, String unitCode, EvidenceStore.FileRow replacing,
                                 Description.Checked checked, InputStream body, long declaredLength) {
        long remaining = unitQuota - store.used(unitCode);
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
    EvidenceBucket.Sniffer sniffer(Description.Checked checked) {
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
    EvidenceViews.Uploaded keep(CurrentUser user, String unitCode, EvidenceStore.FileRow replacing,
                                Description.Checked checked, EvidenceBucket.Stored stored, Runnable alsoInTransaction) {
        boolean kept = false;
        try {
            EvidenceType type;
            try (S3RangeChannel channel = bucket.channel(stored.key(), stored.size(), stored.envelope())) {
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
            kept = registered.newContent();
            return new EvidenceViews.Uploaded(store.view(registered.evidenceId()), registered.version(),
                    !registered.newContent());
        } finally {
            if (!kept) {
                bucket.delete(stored.key()); // refused, failed, or the same bytes were already stored
            }
        }
    }

    private record Registered(UUID evidenceId, int version, boolean newContent) {
    }

    private Registered register(CurrentUser user, String unitCode, EvidenceStore.FileRow replacing,
                                Description.Checked checked, EvidenceBucket.Stored stored, EvidenceType type) {
        store.lockUnit(unitCode);
        if (!store.unitHolds(unitCode, stored.sha256()) && store.used(unitCode) + stored.size() > unitQuota) {
            throw quotaExceeded(unitCode);
        }
        boolean newContent = store.addContent(stored.sha256(), stored.sm3(), stored.key(), stored.size(), type.mediaType,
                stored.envelope());
        Instant now = clock.instant();
        UUID evidenceId;
        int version;
        if (replacing == null) {
            evidenceId = UUID.randomUUID();
            version = 1;
            store.addFile(evidenceId, unitCode, checked, user.username(), now);
        } else {
            evidenceId = replacing.id();
            EvidenceStore.FileRow locked = store.lock(evidenceId);
            locked.state().moveTo(FileState.ACTIVE, evidenceId); // withdrawn meanwhile: 409
            version = locked.currentVersion() + 1;
            store.setCurrentVersion(evidenceId, version);
        }
        store.addVersion(evidenceId, version, stored.sha256(), checked, user.username(), now);
        String cycleId = replacing == null ? checked.cycleId() : replacing.cycleId();
        String period = replacing == null ? checked.period() : replacing.period();
        events.publish(EvidenceAdded.TYPE, "evidence/" + evidenceId, cycleId, unitCode,
                new EvidenceAdded(evidenceId.toString(), version, cycleId, unitCode, period, checked.itemCodes(),
                        checked.fileName(), type.mediaType, stored.size(), stored.sha256(), stored.sm3(), checked.evidenceDate(),
                        checked.expiresOn(), user.username(), now));
        log.info("evidence {} v{} of unit {} stored: {} bytes, {}, sha256 {}, sm3 {}{}", evidenceId, version, unitCode,
                stored.size(), type.mediaType, stored.sha256(), stored.sm3(), newContent ? "" : " (already stored)");
        return new Registered(evidenceId, version, newContent);
    }

    private ProblemException tooLarge() {
        return new ProblemException(TOO_LARGE, "evidence.file.too-large", maxFileSize / (1024 * 1024));
    }

    private ProblemException quotaExceeded(String unitCode) {
        return new ProblemException(TOO_LARGE, "evidence.file.quota-exceeded", unitCode, unitQuota / (1024 * 1024));
    }

    static ProblemException disguised(String fileName, EvidenceType type) {
        return new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "evidence.file.disguised", fileName,
                type.mediaType);
    }
}
