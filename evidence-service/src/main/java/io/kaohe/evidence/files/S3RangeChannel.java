package io.kaohe.evidence.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A read-only, random-access view of a stored object made of ranged GETs with a small read-ahead
 * window, so that zip and OLE2 directories can be read without fetching (or holding) the whole
 * object. A {@link FileChannel} because Apache POI's POIFS reads from one; commons-compress takes
 * any seekable channel.
 */
final class S3RangeChannel extends FileChannel {

    private static final int WINDOW = 256 * 1024;

    private final EvidenceBucket.RangeReader bucket;
    private final String key;
    private final long size;
    private final byte[] window = new byte[WINDOW];
    private long windowStart = -1;
    private int windowLength;
    private long position;

    S3RangeChannel(EvidenceBucket.RangeReader bucket, String key, long size) {
        this.bucket = bucket;
        this.key = key;
        this.size = size;
    }

    @Override
    public synchronized int read(ByteBuffer dst) throws IOException {
        int n = read(dst, position);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public synchronized int read(ByteBuffer dst, long at) throws IOException {
        ensureOpen();
        if (at >= size) {
            return -1;
        }
        int total = 0;
        while (dst.hasRemaining() && at < size) {
            if (windowStart < 0 || at < windowStart || at >= windowStart + windowLength) {
                fill(at);
            }
            int offset = (int) (at - windowStart);
            int n = Math.min(dst.remaining(), windowLength - offset);
            dst.put(window, offset, n);
            at += n;
            total += n;
        }
        return total;
    }

    private void fill(long at) throws IOException {
        long to = Math.min(size, at + WINDOW) - 1;
        try (InputStream in = bucket.open(key, at, to)) {
            int expected = (int) (to - at + 1);
            int n = in.readNBytes(window, 0, expected);
            if (n != expected) {
                throw new IOException("object " + key + " ended at " + (at + n) + ", expected " + size + " bytes");
            }
            windowStart = at;
            windowLength = n;
        }
    }

    private void ensureOpen() throws IOException {
        if (!isOpen()) {
            throw new java.nio.channels.ClosedChannelException();
        }
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            int n = read(dsts[i]);
            if (n < 0) {
                return total == 0 ? -1 : total;
            }
            total += n;
        }
        return total;
    }

    @Override
    public synchronized long position() {
        return position;
    }

    @Override
    public synchronized FileChannel position(long newPosition) {
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position");
        }
        position = newPosition;
        return this;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) {
        throw new NonWritableChannelException();
    }

    @Override
    public int write(ByteBuffer src, long at) {
        throw new NonWritableChannelException();
    }

    @Override
    public FileChannel truncate(long newSize) {
        throw new NonWritableChannelException();
    }

    @Override
    public void force(boolean metaData) {
        // nothing to write
    }

    @Override
    public long transferTo(long at, long count, WritableByteChannel target) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(count, WINDOW));
        long done = 0;
        while (done < count) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), count - done));
            int n = read(buffer, at + done);
            if (n <= 0) {
                break;
            }
            buffer.flip();
            while (buffer.hasRemaining()) {
                target.write(buffer);
            }
            done += n;
        }
        return done;
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long at, long count) {
        throw new NonWritableChannelException();
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long at, long length) {
        throw new UnsupportedOperationException("an object in the store cannot be memory-mapped");
    }

    @Override
    public FileLock lock(long at, long length, boolean shared) {
        throw new UnsupportedOperationException("objects in the store are not locked");
    }

    @Override
    public FileLock tryLock(long at, long length, boolean shared) {
        throw new UnsupportedOperationException("objects in the store are not locked");
    }

    @Override
    protected void implCloseChannel() {
        windowStart = -1;
    }
}
