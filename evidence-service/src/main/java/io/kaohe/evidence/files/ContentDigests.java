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
    private final Sm3.Running sm3 = Sm3.running();
    private long size;

    void update(byte[] buffer, int offset, int length) {
        sha256.update(buffer, offset, length);
        sm3.update(buffer, offset, length);
        size += length;
    }

    /** Both digests (lower-case hex) of what went by; call once, at the end. */
    Digests finish() {
        return new Digests(HexFormat.of().formatHex(sha256.digest()), sm3.hex(), size);
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
