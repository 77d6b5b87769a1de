package io.kaohe.evidence.files;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Optional;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The S3-compatible store holding evidence bytes. An upload is streamed to the store under a fresh
 * server-chosen key and hashed on the way, never held whole: as one PUT when its length is declared,
 * else in parts of {@code partSize} (one buffer per upload) as a multipart upload. Anything failing
 * half-way deletes the object or aborts the multipart upload; what a crash leaves behind is removed
 * by {@link StoreSweeper}.
 */
@Component
class EvidenceBucket {

    private static final Logger log = LoggerFactory.getLogger(EvidenceBucket.class);
    static final int SNIFF_BYTES = 64 * 1024;
    /** S3's limit for one PUT; larger uploads go in parts. */
    private static final long MAX_SINGLE_PUT = 5L * 1024 * 1024 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final int partSize;
    private final AtomicBoolean bucketReady = new AtomicBoolean();
    private final Clock clock;
    private final EvidenceCipher cipher;
    private static final java.security.SecureRandom NONCES = new java.security.SecureRandom();

    EvidenceBucket(EvidenceProperties properties, Clock clock, EvidenceCipher cipher) {
        this.clock = clock;
        this.cipher = cipher;
        EvidenceProperties.S3 config = properties.s3();
        this.s3 = client(config);
        this.bucket = config.bucket();
        this.partSize = Math.toIntExact(properties.partSize().toBytes());
    }

    /**
     * The store's client. Path-style addressing ({@code endpoint/bucket/key}) suits MinIO, Ceph and s3proxy;
     * virtual-host addressing ({@code bucket.endpoint/key}) is what Alibaba OSS and Tencent COS require.
     */
    static S3Client client(EvidenceProperties.S3 config) {
        return S3Client.builder()
                .endpointOverride(URI.create(config.endpoint()))
                .region(Region.of(config.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(config.accessKey(), config.secretKey())))
                .forcePathStyle(config.pathStyle())
                // s3proxy (and older MinIO/Ceph) do not know the SDK's default trailing checksums.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                // Over plain HTTP the SDK signs every payload; aws-chunked signing (its default) lets it do so
                // while streaming, without reading a body twice.
                .build();
    }

    /** Decides, from the first bytes, whether the upload may go on; throws to refuse it before anything is stored. */
    interface Sniffer {
        Sniffed sniff(byte[] head, int length);
    }

    /** Refuses an upload that grew past what it may store. */
    interface SizeGuard {
        void check(long bytesSoFar);
    }

    /**
     * Bytes stored under {@code key}: their SHA-256 and SM3 (lower-case hex, of the plaintext, computed in the same
     * pass as the bytes went to the store), size, the type sniffed from the first bytes, and how they are encrypted
     * (null: stored as is).
     */
    record Stored(String key, String sha256, String sm3, long size, Sniffed sniffed, Envelope envelope) {

        Stored(String key, ContentDigests.Digests digests, Sniffed sniffed, Envelope envelope) {
            this(key, digests.sha256(), digests.sm3(), digests.size(), sniffed, envelope);
        }
    }

    /**
     * Stores an upload. With its length known up front (the request's Content-Length) the bytes go to the store
     * as one streamed PUT, never more than a small read buffer in memory; without it, in parts of {@code partSize}.
     */
    Stored store(InputStream body, long declaredLength, Sniffer sniffer, SizeGuard guard) throws IOException {
        ensureBucket();
        if (declaredLength > partSize && declaredLength <= MAX_SINGLE_PUT) {
            return streamed(body, declaredLength, sniffer, guard);
        }
        return inParts(body, sniffer, guard);
    }

    private Stored streamed(InputStream body, long length, Sniffer sniffer, SizeGuard guard) throws IOException {
        byte[] head = new byte[SNIFF_BYTES];
        int n = readFully(body, head);
        Sniffed sniffed = sniffer.sniff(head, n);
        CountedUpload counted = new CountedUpload(new SequenceInputStream(new ByteArrayInputStream(head, 0, n), body), length,
                guard, new ContentDigests());
        EvidenceCipher.Sealed sealed = cipher.seal();
        // Hashed as plaintext (CountedUpload), then encrypted on the way to the store.
        InputStream toStore = sealed == null ? counted : new Sm4Ctr(sealed.dataKey(), null, null).stream(counted, 0);
        String key = newKey();
        try {
            // Not resettable on purpose: a failed PUT fails the upload rather than buffering it for a retry.
            s3.putObject(b -> b.bucket(bucket).key(key).contentLength(length), RequestBody.fromContentProvider(
                    ContentStreamProvider.fromInputStream(toStore), length, "application/octet-stream"));
        } catch (RuntimeException e) {
            delete(key); // normally nothing is there: the store keeps no partial PUT
            counted.rethrowFailure();
            throw e;
        }
        if (counted.count() != length) {
            delete(key);
            throw new EOFException("the upload ended after " + counted.count() + " of " + length + " bytes");
        }
        return new Stored(key, counted.digests(), sniffed, sealed == null ? null : sealed.envelope());
    }

    private Stored inParts(InputStream body, Sniffer sniffer, SizeGuard guard) throws IOException {
        ContentDigests digests = new ContentDigests();
        PushbackInputStream in = new PushbackInputStream(body, 1);
        byte[] part = new byte[partSize];
        int n = readFully(in, part);
        long total = n;
        guard.check(total);
        Sniffed sniffed = sniffer.sniff(part, Math.min(n, SNIFF_BYTES));
        digests.update(part, 0, n);
        EvidenceCipher.Sealed sealed = cipher.seal();
        Envelope envelope = sealed == null ? null : sealed.envelope();
        Sm4Ctr ctr = sealed == null ? null : new Sm4Ctr(sealed.dataKey(), null, null);
        if (ctr != null) {
            ctr.apply(part, 0, n, 0);
        }
        String key = newKey();
        if (!more(in)) {
            try {
                s3.putObject(b -> b.bucket(bucket).key(key).contentLength((long) n), body(part, n));
            } catch (RuntimeException e) {
                delete(key);
                throw e;
            }
            return new Stored(key, digests.finish(), sniffed, envelope);
        }
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            int length = n;
            while (length > 0) {
                int number = parts.size() + 1;
                long partBytes = length;
                String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                        .contentLength(partBytes), body(part, length)).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                long position = total;
                length = readFully(in, part);
                total += length;
                guard.check(total);
                digests.update(part, 0, length);
                if (ctr != null) {
                    ctr.apply(part, 0, length, position);
                }
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
        } catch (IOException | RuntimeException | Error e) {
            abort(key, uploadId);
            throw e;
        }
        return new Stored(key, digests.finish(), sniffed, envelope);
    }

    /**
     * A multipart upload begun for an upload session: the key its object gets, the store's upload id, and the
     * envelope of its data key (no segments yet; null when encryption was off as the session began).
     */
    record Multipart(String key, String uploadId, Envelope envelope) {
    }

    /** One part the store has: its ETag, the SHA-256 and size of the bytes sent, and its segment's nonce. */
    record Part(String etag, String sha256, long size, Long nonce) {
    }

    Multipart startMultipart() {
        ensureBucket();
        String key = newKey();
        EvidenceCipher.Sealed sealed = cipher.seal();
        return new Multipart(key, s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId(),
                sealed == null ? null : sealed.envelope());
    }

    /**
     * Streams one part of {@code length} bytes into the multipart upload, hashed on the way (the SHA-256 of the
     * plaintext) and, when the upload is encrypted, encrypted as a segment with a fresh nonce. Sending a part
     * number again replaces that part. Throws an IOException when the client stops short.
     */
    Part uploadPart(Multipart upload, int number, InputStream body, long length) throws IOException {
        CountedUpload counted = new CountedUpload(body, length, bytes -> { }, ContentDigests.sha256Only());
        Long nonce = upload.envelope() == null ? null : NONCES.nextLong();
        InputStream toStore = nonce == null ? counted
                : Sm4Ctr.segment(cipher.dataKey(upload.envelope()), nonce).stream(counted, 0);
        String etag;
        try {
            etag = s3.uploadPart(b -> b.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()).partNumber(number)
                    .contentLength(length), RequestBody.fromContentProvider(
                    ContentStreamProvider.fromInputStream(toStore), length, "application/octet-stream")).eTag();
        } catch (RuntimeException e) {
            counted.rethrowFailure();
            throw e;
        }
        if (counted.count() != length) {
            throw new EOFException("the part ended after " + counted.count() + " of " + length + " bytes");
        }
        return new Part(etag, counted.digests().sha256(), length, nonce);
    }

    /**
     * Assembles the parts into the object, then reads it back once (decrypted) to hash it (SHA-256 and SM3 in the
     * same pass) and sniff its first bytes (neither digest can be put together from the parts' own).
     * {@code envelope} is the upload's with the parts' sizes and nonces, in order (null: not encrypted).
     */
    Stored completeMultipart(Multipart upload, List<CompletedPart> parts, Envelope envelope, Sniffer sniffer)
            throws IOException {
        s3.completeMultipartUpload(b -> b.bucket(bucket).key(upload.key()).uploadId(upload.uploadId())
                .multipartUpload(m -> m.parts(parts)));
        ContentDigests digests = new ContentDigests();
        byte[] head = new byte[SNIFF_BYTES];
        try (InputStream in = open(upload.key(), envelope)) {
            int n = readFully(in, head);
            digests.update(head, 0, n);
            // Decided before the rest is read: a refused type costs no more reading.
            Sniffed sniffed = sniffer.sniff(head, n);
            byte[] buffer = new byte[64 * 1024];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digests.update(buffer, 0, read);
            }
            return new Stored(upload.key(), digests.finish(), sniffed, envelope);
        }
    }

    static final String PREFIX = "blobs/";
    private static final DateTimeFormatter KEY_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /**
     * A fresh key that says when the upload began: the sweeper judges an incomplete multipart upload's age by it,
     * since not every store reports a true initiation time (s3proxy's filesystem backend answers "now").
     */
    private String newKey() {
        return PREFIX + KEY_TIME.format(clock.instant()) + "-" + UUID.randomUUID();
    }

    /** When the upload under {@code key} began, if the key says so (keys from before this scheme do not). */
    static Optional<Instant> startedAt(String key) {
        if (!key.startsWith(PREFIX) || key.length() < PREFIX.length() + 17) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.from(KEY_TIME.parse(key.substring(PREFIX.length(), PREFIX.length() + 16))));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The part's bytes as a request body without copying them (the SDK may read them twice to sign). */
    private static RequestBody body(byte[] part, int length) {
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(part, 0, length), length,
                "application/octet-stream");
    }

    /**
     * An object's content: decrypted as it is read when it has an envelope (its data key unwrapped first, so a wrong
     * or missing master key is a problem before any byte is read), as stored when it has none.
     */
    InputStream open(String key, Envelope envelope) {
        Sm4Ctr ctr = decryption(envelope);
        InputStream in = s3.getObject(b -> b.bucket(bucket).key(key));
        return ctr == null ? in : ctr.stream(in, 0);
    }

    /** Bytes {@code from}…{@code to} (inclusive) of an object's content, decrypted as {@link #open(String, Envelope)}. */
    InputStream open(String key, Envelope envelope, long from, long to) {
        return reader(envelope).open(key, from, to);
    }

    /** Ranged reads of one object, its data key unwrapped once. */
    interface RangeReader {
        InputStream open(String key, long from, long to);
    }

    RangeReader reader(Envelope envelope) {
        Sm4Ctr ctr = decryption(envelope);
        return (key, from, to) -> {
            InputStream in = s3.getObject(b -> b.bucket(bucket).key(key).range("bytes=" + from + "-" + to));
            return ctr == null ? in : ctr.stream(in, from);
        };
    }

    /** The cipher of a stored object's content, its data key unwrapped; null when it is stored as is. */
    private Sm4Ctr decryption(Envelope envelope) {
        return envelope == null ? null
                : new Sm4Ctr(cipher.dataKey(envelope), envelope.segmentSizes(), envelope.segmentNonces());
    }

    /** A read-only random-access view of an object's content, for formats whose directory is at the end (zip) or anywhere (OLE2). */
    S3RangeChannel channel(String key, long size, Envelope envelope) {
        return new S3RangeChannel(reader(envelope), key, size);
    }

    void delete(String key) {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (RuntimeException e) {
            log.error("could not delete unreferenced object {}; it stays until removed by hand", key, e);
        }
    }

    void abort(String key, String uploadId) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (RuntimeException e) {
            log.error("could not abort multipart upload {} of {}", uploadId, key, e);
        }
    }

    /** Creates the bucket at start-up if it is missing; a store that is not up yet is tried again on first use. */
    @EventListener(ApplicationReadyEvent.class)
    void createBucketIfMissing() {
        try {
            ensureBucket();
        } catch (RuntimeException e) {
            log.warn("evidence store {} not reachable at start-up ({}); will try again on first upload",
                    bucket, e.toString());
        }
    }

    void ensureBucket() {
        if (bucketReady.get()) {
            return;
        }
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            createBucket();
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            createBucket();
        }
        bucketReady.set(true);
    }

    private void createBucket() {
        try {
            s3.createBucket(b -> b.bucket(bucket));
            log.info("created evidence bucket {}", bucket);
        } catch (S3Exception e) {
            if (e.statusCode() != 409) { // created concurrently: fine
                throw e;
            }
        }
    }

    S3Client client() {
        return s3;
    }

    String bucket() {
        return bucket;
    }

    private static boolean more(PushbackInputStream in) throws IOException {
        int next = in.read();
        if (next < 0) {
            return false;
        }
        in.unread(next);
        return true;
    }

    /** Reads until the buffer is full or the stream ends; the number of bytes read (0 at the end). */
    private static int readFully(InputStream in, byte[] buffer) throws IOException {
        int filled = 0;
        while (filled < buffer.length) {
            int n = in.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                break;
            }
            filled += n;
        }
        return filled;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
