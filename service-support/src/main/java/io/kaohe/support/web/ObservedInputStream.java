package io.kaohe.support.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;

/**
 * A request body that passes through unchanged while every byte read is shown to {@link #seen}:
 * how the body limit counts and the audit trail digests a body without buffering it.
 */
public abstract class ObservedInputStream extends ServletInputStream {

    private final ServletInputStream in;

    protected ObservedInputStream(ServletInputStream in) {
        this.in = in;
    }

    /** Bytes just read; may refuse the rest by throwing. */
    protected abstract void seen(byte[] buffer, int offset, int length) throws IOException;

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            seen(new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            seen(buffer, offset, n);
        }
        return n;
    }

    @Override
    public boolean isFinished() {
        return in.isFinished();
    }

    @Override
    public boolean isReady() {
        return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
        in.setReadListener(listener);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
