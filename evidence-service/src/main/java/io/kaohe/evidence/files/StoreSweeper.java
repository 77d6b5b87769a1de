package io.kaohe.evidence.files;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Removes from the store what an upload the service could not clean up after (a crash, a lost
 * connection to the store) left behind: incomplete multipart uploads, and stored objects no
 * evidence refers to, once they are older than {@code kaohe.evidence.stale-after}. The age keeps
 * it off uploads still under way. Upload sessions untouched for that long are aborted the same way.
 * The scheduled sweep runs on one replica at a time (ShedLock). Public for the integration tests,
 * which sweep with a cutoff of their own.
 */
@Component
public class StoreSweeper {

    private static final Logger log = LoggerFactory.getLogger(StoreSweeper.class);

    private final EvidenceBucket bucket;
    private final JdbcClient db;
    private final Clock clock;
    private final EvidenceProperties properties;
    private final UploadSessions sessions;

    StoreSweeper(EvidenceBucket bucket, JdbcClient db, Clock clock, EvidenceProperties properties,
                 UploadSessions sessions) {
        this.sessions = sessions;
        this.bucket = bucket;
        this.db = db;
        this.clock = clock;
        this.properties = properties;
    }

    /** What one sweep removed. */
    public record Swept(List<String> abortedUploads, List<String> deletedObjects) {
    }

    @Scheduled(initialDelayString = "${kaohe.evidence.sweep-every:PT1H}", fixedDelayString = "${kaohe.evidence.sweep-every:PT1H}")
    @SchedulerLock(name = "evidence-store-sweep", lockAtLeastFor = "PT1M", lockAtMostFor = "PT2H")
    void sweepStale() {
        try {
            Swept swept = sweep(clock.instant().minus(properties.staleAfter()));
            if (!swept.abortedUploads().isEmpty() || !swept.deletedObjects().isEmpty()) {
                log.info("store sweep: aborted {} incomplete uploads, deleted {} unreferenced objects",
                        swept.abortedUploads().size(), swept.deletedObjects().size());
            }
        } catch (RuntimeException e) {
            log.warn("store sweep failed; the next one tries again: {}", e.toString());
        }
    }

    /** Aborts multipart uploads begun before {@code cutoff} and deletes unreferenced objects stored before it. */
    public Swept sweep(Instant cutoff) {
        bucket.ensureBucket();
        S3Client s3 = bucket.client();
        // Upload sessions untouched since the cutoff go with their store uploads; the others are still in use,
        // however long ago they began.
        List<String> aborted = new ArrayList<>(sessions.sweep(cutoff));
        Set<String> inUse = new HashSet<>(sessions.liveKeys(cutoff));
        for (MultipartUpload upload : s3.listMultipartUploadsPaginator(b -> b.bucket(bucket.bucket())
                .prefix(EvidenceBucket.PREFIX)).uploads()) {
            // Our keys carry their start; the store's own date is only for keys from before that scheme.
            Instant began = EvidenceBucket.startedAt(upload.key()).orElse(upload.initiated());
            if (began != null && began.isBefore(cutoff) && !inUse.contains(upload.key())) {
                bucket.abort(upload.key(), upload.uploadId());
                aborted.add(upload.key());
            }
        }
        List<String> deleted = new ArrayList<>();
        List<String> candidates = new ArrayList<>();
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket.bucket()).prefix(EvidenceBucket.PREFIX))
                .contents()) {
            // The filesystem backend of s3proxy lists its folder itself ("blobs/").
            if (!object.key().endsWith("/") && object.lastModified().isBefore(cutoff)) {
                candidates.add(object.key());
            }
        }
        for (int from = 0; from < candidates.size(); from += 500) {
            List<String> batch = candidates.subList(from, Math.min(candidates.size(), from + 500));
            Set<String> referenced = new HashSet<>(db.sql("select storage_key from evidence_blob where storage_key in (:keys)")
                    .param("keys", batch).query(String.class).list());
            for (String key : batch) {
                if (!referenced.contains(key)) {
                    bucket.delete(key);
                    deleted.add(key);
                }
            }
        }
        return new Swept(aborted, deleted);
    }
}
