package io.kaohe.support.audit;

import io.kaohe.support.web.ObservedInputStream;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.Part;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The request with its body digested (SM3) as the application reads it: nothing is buffered, so a
 * streamed evidence upload stays streamed. A multipart body is read by the container, not through
 * this stream, so its parts are digested when the record is written.
 */
final class DigestingRequest extends HttpServletRequestWrapper {

    private final Sm3.Running digest = Sm3.running();
    private ServletInputStream stream;

    DigestingRequest(HttpServletRequest request) {
        super(request);
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (stream == null) {
            stream = new Digesting(super.getInputStream(), digest);
        }
        return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
        String encoding = getCharacterEncoding();
        Charset charset = encoding != null ? Charset.forName(encoding) : StandardCharsets.UTF_8;
        return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }

    private volatile boolean withheld;

    /** The body is a secret (a ballot): its record keeps neither its digest nor its length. */
    void withhold() {
        withheld = true;
    }

    /** SM3 of the body as read; for a multipart body, of each part's name, file name and content. */
    String digestHex() {
        if (withheld) {
            return null;
        }
        if (digest.bytes() == 0 && isMultipart()) {
            try {
                Sm3.Running parts = Sm3.running();
                for (Part part : getParts()) {
                    byte[] header = (part.getName() + "\n" + part.getSubmittedFileName() + "\n")
                            .getBytes(StandardCharsets.UTF_8);
                    parts.update(header, 0, header.length);
                    try (InputStream in = part.getInputStream()) {
                        byte[] buffer = new byte[8192];
                        for (int n; (n = in.read(buffer)) > 0; ) {
                            parts.update(buffer, 0, n);
                        }
                    }
                }
                return parts.hex();
            } catch (IOException | RuntimeException | jakarta.servlet.ServletException unreadable) {
                return digest.hex();
            }
        }
        return digest.hex();
    }

    long bytesRead() {
        if (withheld) {
            return 0;
        }
        if (digest.bytes() == 0 && isMultipart()) {
            return Math.max(0, getContentLengthLong());
        }
        return digest.bytes();
    }

    private boolean isMultipart() {
        String type = getContentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/");
    }

    private static final class Digesting extends ObservedInputStream {

        private final Sm3.Running digest;

        Digesting(ServletInputStream in, Sm3.Running digest) {
            super(in);
            this.digest = digest;
        }

        @Override
        protected void seen(byte[] buffer, int offset, int length) {
            digest.update(buffer, offset, length);
        }
    }
}
