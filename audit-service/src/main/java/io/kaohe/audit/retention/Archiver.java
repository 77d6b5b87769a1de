package io.kaohe.audit.retention;

import io.kaohe.audit.chain.ChainAppender;
import io.kaohe.audit.chain.Entry;
import io.kaohe.audit.chain.StoredRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Retention: records are kept live for the retention period (180 days at least), then archived, never
 * silently deleted. One run takes the oldest records that are all older than that, writes them to a
 * JSON-lines file (each line its position, links and the exact bytes its digest covers), and in one
 * transaction records the manifest (range, first link, head digest, file SM3), removes the range through
 * {@code audit_archive()} (the only path that may delete) and appends its own SYSTEM record to the chain.
 * Replicas take turns by an advisory lock; a run that cannot finish leaves at most an orphan file.
 */
public class Archiver {

    static final long LOCK = 0x6b616f6865617263L;
    private static final Logger log = LoggerFactory.getLogger(Archiver.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ChainAppender chain;
    private final ArchiveFiles files;
    private final Duration retention;
    private final int batch;
    private final String service;
    private final Clock clock;

    public Archiver(JdbcTemplate jdbc, TransactionTemplate transaction, ChainAppender chain, ArchiveFiles files,
                    Duration retention, int batch, String service, Clock clock) {
        if (retention.compareTo(Duration.ofDays(180)) < 0) {
            throw new IllegalArgumentException("audit records are kept at least 180 days (kaohe.audit.retention), not "
                    + retention);
        }
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.chain = chain;
        this.files = files;
        this.retention = retention;
        this.batch = batch;
        this.service = service;
        this.clock = clock;
    }

    /** What one run archived. */
    public record Archived(long manifestId, long firstSeq, long lastSeq, String file, String fileSm3) {
    }

    /** Archives the oldest expired records, if any and if no other replica is archiving. */
    public Optional<Archived> run() {
        return transaction.execute(tx -> {
            if (!Boolean.TRUE.equals(jdbc.queryForObject("select pg_try_advisory_xact_lock(?)", Boolean.class, LOCK))) {
                return Optional.empty();
            }
            List<long[]> range = jdbc.query("""
                    with live as (select min(seq) as first from audit_record),
                         young as (select min(seq) as first from audit_record
                                   where recorded_at >= now() - cast(? as interval))
                    select live.first, least(coalesce(young.first - 1, (select max(seq) from audit_record)),
                                             live.first + ? - 1)
                    from live, young where live.first is not null
                    """, (rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}, retention.toString(), batch);
            if (range.isEmpty() || range.get(0)[1] < range.get(0)[0]) {
                return Optional.empty();
            }
            long first = range.get(0)[0];
            long last = range.get(0)[1];
            String name = "audit-" + first + "-" + last + "-" + clock.millis() + ".jsonl";
            String sm3 = write(first, last, name);
            Long manifest = jdbc.queryForObject("select audit_archive(?, ?, ?, ?, cast(? as interval))", Long.class,
                    first, last, name, sm3, retention.toString());
            chain.append(new Entry("audit-archive:" + manifest + ":" + UUID.randomUUID(), service, "SYSTEM", "SUCCESS",
                    null, "records " + first + "–" + last + " archived to " + name + " (SM3 " + sm3 + ")", null, null,
                    null, null, null, null, null, null, "archive", "archive-manifest", String.valueOf(manifest), null,
                    null, null, null, null, null, null, null, null, null, null, null, clock.instant()));
            log.info("archived audit records {}–{} to {} (SM3 {})", first, last, files.file(name), sm3);
            return Optional.of(new Archived(manifest, first, last, name, sm3));
        });
    }

    private String write(long first, long last, String name) {
        Path target = files.file(name);
        Path temp = target.resolveSibling(name + ".part");
        try {
            Files.createDirectories(files.folder());
            try (BufferedWriter out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                jdbc.query("select " + StoredRecord.COLUMNS + " from audit_record where seq between ? and ? order by seq",
                        (RowCallbackHandler) rs -> line(out, StoredRecord.from(rs)), first, last);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit archive " + target, e);
        }
        return ArchiveFiles.sm3(target);
    }

    private static void line(BufferedWriter out, StoredRecord record) {
        try {
            out.write("{\"seq\":" + record.seq() + ",\"prevDigest\":\"" + record.prevDigest().trim() + "\",\"digest\":\""
                    + record.digest().trim() + "\",\"record\":");
            out.write(new String(record.canonical(), StandardCharsets.UTF_8));
            out.write("}\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
