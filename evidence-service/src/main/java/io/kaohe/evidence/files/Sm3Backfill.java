package io.kaohe.evidence.files;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gives the contents stored before SM3 was computed (V7 left their {@code sm3} NULL) their SM3: reads each such
 * object once, checks its size and SHA-256 against what was stored, and records the SM3 of the same bytes. Done
 * as a job shortly after start-up rather than on a content's next download, so that every content gets its SM3
 * (many are never downloaded again) and a download never pays for it; reading the objects once is affordable
 * (the evidence store holds a few GB at most) and runs in the background, in batches, on one replica at a time
 * (ShedLock). It is resumable: only rows still NULL are read, so a restart goes on with what is left, and once
 * none is left a run is one indexed query. Bytes that do not match their SHA-256 get no SM3 (that would vouch for
 * altered bytes): they are logged as an error and their download is refused. Public for the integration tests.
 */
@Component
public class Sm3Backfill {

    private static final Logger log = LoggerFactory.getLogger(Sm3Backfill.class);
    static final int BATCH = 100;

    private final EvidenceStore store;
    private final EvidenceBucket bucket;

    Sm3Backfill(EvidenceStore store, EvidenceBucket bucket) {
        this.store = store;
        this.bucket = bucket;
    }

    /** What one run did: contents given their SM3, contents whose bytes are not the stored ones, unreadable ones. */
    public record Result(int filled, int mismatched, int unreadable) {
    }

    @Scheduled(initialDelayString = "${kaohe.evidence.sm3-backfill-delay:PT30S}",
            fixedDelayString = "${kaohe.evidence.sm3-backfill-every:PT6H}")
    @SchedulerLock(name = "evidence-sm3-backfill", lockAtLeastFor = "PT1M", lockAtMostFor = "PT6H")
    void backfillInBackground() {
        try {
            backfill();
        } catch (RuntimeException e) {
            log.warn("SM3 backfill stopped: {}; the next run goes on with what is left", e.toString());
        }
    }

    /** Fills in the SM3 of every content without one, a batch at a time. */
    public Result backfill() {
        int filled = 0;
        int mismatched = 0;
        int unreadable = 0;
        String after = null;
        for (List<EvidenceStore.WithoutSm3> batch = store.withoutSm3(null, BATCH); !batch.isEmpty();
             batch = store.withoutSm3(after, BATCH)) {
            if (after == null) {
                log.info("SM3 backfill: contents stored before SM3 was computed found; reading them");
            }
            for (EvidenceStore.WithoutSm3 content : batch) {
                after = content.sha256();
                ContentDigests.Digests found;
                try {
                    found = digest(content.storageKey(), content.envelope());
                } catch (IOException | RuntimeException e) {
                    unreadable++;
                    log.warn("SM3 backfill: could not read {} (content {}): {}", content.storageKey(),
                            content.sha256(), e.toString());
                    continue;
                }
                if (!found.match(content.size(), content.sha256(), null)) {
                    mismatched++;
                    log.error("Integrity failure: the bytes under {} are not the ones stored (stored {} bytes, sha256 {}; "
                                    + "read {} bytes, sha256 {}); no SM3 recorded for them", content.storageKey(),
                            content.size(), content.sha256(), found.size(), found.sha256());
                    continue;
                }
                if (store.setSm3(content.sha256(), found.sm3())) {
                    filled++;
                }
            }
            log.info("SM3 backfill: {} filled, {} not matching their SHA-256, {} unreadable so far", filled, mismatched,
                    unreadable);
        }
        if (after != null) {
            log.info("SM3 backfill done: {} contents given their SM3, {} not matching their SHA-256, {} unreadable",
                    filled, mismatched, unreadable);
        }
        return new Result(filled, mismatched, unreadable);
    }

    private ContentDigests.Digests digest(String key, Envelope envelope) throws IOException {
        ContentDigests digests = new ContentDigests();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = bucket.open(key, envelope)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digests.update(buffer, 0, n);
            }
        }
        return digests.finish();
    }
}
