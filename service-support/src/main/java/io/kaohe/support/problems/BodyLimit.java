package io.kaohe.support.problems;

import io.kaohe.contracts.InputLimits;
import io.kaohe.support.web.ObservedInputStream;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A JSON request body is read up to {@link InputLimits#JSON_BODY_MAX_BYTES}: one that says it is
 * longer is refused before it is read, one that turns out longer (chunked) fails while it is read;
 * {@link ProblemAdvice} answers both with 413. Other bodies (uploads of any type, multipart
 * imports) have their own limits and are not counted here.
 */
public class BodyLimit extends OncePerRequestFilter {

    private final long maxBytes;

    public BodyLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public BodyLimit() {
        this(InputLimits.JSON_BODY_MAX_BYTES);
    }

    /** Thrown by the body's stream past the limit; Jackson wraps it, the advice finds it in the causes. */
    public static class TooLarge extends IOException {
        TooLarge(long maxBytes) {
            super("request body over " + maxBytes + " bytes");
        }
    }

    /** Only JSON bodies are counted: uploads come as any type (a PDF, a photo) and have their own limits. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null) {
            return true;
        }
        try {
            MediaType media = MediaType.parseMediaType(type);
            return !(media.isCompatibleWith(MediaType.APPLICATION_JSON)
                    || "json".equals(media.getSubtypeSuffix()));
        } catch (RuntimeException e) {
            return true;
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new Limited(request, maxBytes), response);
    }

    private static final class Limited extends HttpServletRequestWrapper {

        private final long maxBytes;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (getContentLengthLong() > maxBytes) {
                throw new TooLarge(maxBytes);
            }
            if (stream == null) {
                stream = new Counting(super.getInputStream(), maxBytes);
            }
            return stream;
        }
    }

    private static final class Counting extends ObservedInputStream {

        private final long maxBytes;
        private long read;

        Counting(ServletInputStream in, long maxBytes) {
            super(in);
            this.maxBytes = maxBytes;
        }

        @Override
        protected void seen(byte[] buffer, int offset, int length) throws TooLarge {
            read += length;
            if (read > maxBytes) {
                throw new TooLarge(maxBytes);
            }
        }
    }
}
