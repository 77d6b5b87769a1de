package io.kaohe.evidence.files;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The upload's bytes on their way to the store: hashed (SHA-256 and SM3), counted against the size guard, and cut short with
 * an error (not a quiet end) when the client stops before its declared length.
 */
final class CountedUpload extends FilterInputStream {

    private final ContentDigests digests;
    private final long expected;
    private final EvidenceBucket.SizeGuard guard;
    private long count;
    private Exception failure;

    CountedUpload(InputStream in, long expected, EvidenceBucket.SizeGuard guard, ContentDigests digests) {
        super(in);
        this.digests = digests;
        this.expected = expected;
        this.guard = guard;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n;
        try {
            n = super.read(buffer, offset, length);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
        if (n < 0) {
            if (count < expected) {
                EOFException early = new EOFException("the upload ended after " + count + " of " + expected
                        + " bytes");
                failure = early;
                throw early;
            }
            return n;
        }
        digests.update(buffer, offset, n);
        count += n;
        try {
            guard.check(count);
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        }
        return n;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    long count() {
        return count;
    }

    ContentDigests.Digests digests() {
        return digests.finish();
    }

    /** What went wrong on the client's side (broken off, too large), rather than the SDK's wrapper of it. */
    void rethrowFailure() throws IOException {
        if (failure instanceof IOException) {
            throw (IOException) failure;
        }
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
    }
}
