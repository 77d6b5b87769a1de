package io.kaohe.support.audit;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.SM3Digest;

/** SM3 digests (GB/T 32905-2016, the commercial-cryptography hash), written as lower-case hex. */
public final class Sm3 {

    public static final int LENGTH = 32;

    private Sm3() {
    }

    public static String hex(String text) {
        return hex(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest(bytes));
    }

    /** The digest of the parts one after the other, as if concatenated. */
    public static byte[] digest(byte[]... parts) {
        SM3Digest sm3 = new SM3Digest();
        for (byte[] part : parts) {
            sm3.update(part, 0, part.length);
        }
        byte[] out = new byte[LENGTH];
        sm3.doFinal(out, 0);
        return out;
    }

    /** A digest computed as bytes go by, e.g. a request body being read. */
    public static Running running() {
        return new Running();
    }

    public static final class Running {

        private final SM3Digest sm3 = new SM3Digest();
        private long bytes;

        public synchronized void update(byte[] buffer, int offset, int length) {
            sm3.update(buffer, offset, length);
            bytes += length;
        }

        public synchronized void update(int b) {
            sm3.update((byte) b);
            bytes++;
        }

        public synchronized long bytes() {
            return bytes;
        }

        /** The digest of what went by so far; the running digest goes on unaffected. */
        public synchronized String hex() {
            SM3Digest copy = new SM3Digest(sm3);
            byte[] out = new byte[LENGTH];
            copy.doFinal(out, 0);
            return HexFormat.of().formatHex(out);
        }
    }
}
