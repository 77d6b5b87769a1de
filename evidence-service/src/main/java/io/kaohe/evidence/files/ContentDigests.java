package io.kaohe.evidence.files;

import io.kaohe.support.audit.Sm3;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * SHA-256 and SM3 (GB/T 32905, the commercial-cryptography hash) of the same bytes, computed in one pass as
 * they go by: what every evidence file is stored and checked under.
 */
final class ContentDigests {

    private final MessageDigest sha256 = EvidenceBucket.sha256();
    private final Sm3.Running sm3;
    private long size;

    /** Both digests, as a content is stored and checked under. */
    ContentDigests() {
        this(true);
    }

    private ContentDigests(boolean withSm3) {
        this.sm3 = withSm3 ? Sm3.running() : null;
    }

    /** SHA-256 alone, for a resumable upload's part: the content's SM3 is taken when the parts are put together. */
    static ContentDigests sha256Only() {
        return new ContentDigests(false);
    }

    void update(byte[] buffer, int offset, int length) {
        sha256.update(buffer, offset, length);
        if (sm3 != null) {
            sm3.update(buffer, offset, length);
        }
        size += length;
    }

    /** The digests (lower-case hex) of what went by, SM3 null for {@link #sha256Only}; call once, at the end. */
    Digests finish() {
        return new Digests(HexFormat.of().formatHex(sha256.digest()), sm3 == null ? null : sm3.hex(), size);
    }

    /** The digests of {@code size} bytes. */
    record Digests(String sha256, String sm3, long size) {

        /**
         * Whether these are the digests a content was stored under: the same size and SHA-256, and the same SM3
         * when one was stored ({@code expectedSm3} is null only for a content stored before SM3 was and not yet
         * backfilled).
         */
        boolean match(long expectedSize, String expectedSha256, String expectedSm3) {
            return size == expectedSize && sha256.equals(expectedSha256)
                    && (expectedSm3 == null || sm3.equals(expectedSm3));
        }
    }
}
