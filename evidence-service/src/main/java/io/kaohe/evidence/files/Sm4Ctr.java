package io.kaohe.evidence.files;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.modes.CTRModeCipher;
import org.bouncycastle.crypto.modes.SICBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * SM4 (GB/T 32907) in counter mode over an object's bytes, addressed by byte offset: the keystream byte at offset
 * {@code o} of a segment is byte {@code o % 16} of SM4(dataKey, nonce ‖ o / 16), the nonce and the block index 8
 * bytes each. Counter mode because every read path needs arbitrary offsets without reading from the start — ranged
 * downloads, the zip/OLE2 directory reads of inspection and OFD text ({@link S3RangeChannel}) — and a resumable
 * upload's parts arrive in any order, each encrypted as it streams by: a part is a segment with a random nonce of its
 * own (recorded with the part, then with the content), so no two parts, and no part sent again, share keystream.
 * An object stored in one go is one segment with nonce 0 (its data key is used for nothing else). Counter mode adds
 * no integrity of its own: the SHA-256 and SM3 of the plaintext, stored with the content and checked on every
 * whole read, are what detects a changed byte. Encrypting and decrypting are the same operation.
 */
final class Sm4Ctr {

    /** What the envelope columns call this cipher. */
    static final String ALGORITHM = "SM4-CTR";
    private static final int BLOCK = 16;

    private final KeyParameter key;
    /** Where each segment ends (exclusive); the last is open-ended. */
    private final long[] ends;
    private final long[] nonces;
    private CTRModeCipher cipher;
    private int segment = -1;
    private long next = -1;

    /**
     * @param sizes  the segments' sizes in order (a resumable upload's parts), null for one segment
     * @param nonces each segment's nonce, null for one segment with nonce 0
     */
    Sm4Ctr(byte[] dataKey, long[] sizes, long[] nonces) {
        if (dataKey.length != 16) {
            throw new IllegalArgumentException("an SM4 key is 16 bytes, not " + dataKey.length);
        }
        this.key = new KeyParameter(dataKey);
        int count = sizes == null ? 1 : sizes.length;
        if (nonces != null && nonces.length != count) {
            throw new IllegalArgumentException(count + " segments but " + nonces.length + " nonces");
        }
        this.ends = new long[count];
        long end = 0;
        for (int i = 0; i < count; i++) {
            end = i == count - 1 ? Long.MAX_VALUE : end + sizes[i];
            ends[i] = end;
        }
        this.nonces = nonces == null ? new long[count] : nonces.clone();
    }

    /** One segment with the given nonce (a resumable upload's part). */
    static Sm4Ctr segment(byte[] dataKey, long nonce) {
        return new Sm4Ctr(dataKey, null, new long[] {nonce});
    }

    /** Encrypts (or decrypts) in place the bytes at {@code position}…{@code position + length - 1} of the object. */
    void apply(byte[] buffer, int offset, int length, long position) {
        while (length > 0) {
            if (position != next || position >= ends[segment]) {
                seek(position);
            }
            int n = (int) Math.min(length, ends[segment] - position);
            cipher.processBytes(buffer, offset, n, buffer, offset);
            offset += n;
            length -= n;
            position += n;
            next = position;
        }
    }

    private void seek(long position) {
        int s = 0;
        while (position >= ends[s]) {
            s++;
        }
        long start = s == 0 ? 0 : ends[s - 1];
        long within = position - start;
        byte[] counter = new byte[BLOCK];
        long nonce = nonces[s];
        long block = within / BLOCK;
        for (int i = 0; i < 8; i++) {
            counter[i] = (byte) (nonce >>> (56 - 8 * i));
            counter[8 + i] = (byte) (block >>> (56 - 8 * i));
        }
        if (cipher == null) {
            cipher = SICBlockCipher.newInstance(new SM4Engine());
        }
        cipher.init(true, new ParametersWithIV(key, counter));
        int skip = (int) (within % BLOCK);
        if (skip > 0) {
            cipher.processBytes(new byte[skip], 0, skip, new byte[skip], 0);
        }
        segment = s;
    }

    /** The bytes of {@code in}, which start at {@code position} of the object, encrypted (or decrypted) as they are read. */
    InputStream stream(InputStream in, long position) {
        return new Stream(in, position);
    }

    private final class Stream extends FilterInputStream {

        private long position;

        Stream(InputStream in, long position) {
            super(in);
            this.position = position;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                apply(buffer, offset, n, position);
                position += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(n);
            position += Math.max(0, skipped);
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
