package io.kaohe.scoring.scores;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Rows in PostgreSQL's binary COPY format (the server stores them without parsing text), for the
 * column types item scores use: text, numeric and jsonb. See "COPY … Binary Format" in the
 * PostgreSQL manual: a signature and header, per row a field count and length-prefixed fields
 * (−1 for NULL), then a trailer.
 */
final class BinaryCopy {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);
    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1000};
    private static final short NUMERIC_POSITIVE = 0x0000;
    private static final short NUMERIC_NEGATIVE = 0x4000;
    private static final byte JSONB_VERSION = 1;

    private final ByteArrayOutputStream out;

    BinaryCopy(int initialCapacity) {
        out = new ByteArrayOutputStream(initialCapacity);
    }

    BinaryCopy header() {
        out.writeBytes(SIGNATURE);
        int32(0); // flags: no OIDs
        int32(0); // header extension length
        return this;
    }

    BinaryCopy row(int fields) {
        int16(fields);
        return this;
    }

    BinaryCopy text(String value) {
        if (value == null) {
            return nul();
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        int32(bytes.length);
        out.writeBytes(bytes);
        return this;
    }

    /** jsonb's binary form: a version byte, then the JSON text. */
    BinaryCopy jsonb(String json) {
        if (json == null) {
            return nul();
        }
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        int32(bytes.length + 1);
        out.write(JSONB_VERSION);
        out.writeBytes(bytes);
        return this;
    }

    /**
     * numeric's binary form: digit count, weight (power of 10000 of the first digit), sign,
     * display scale, then base-10000 digits, most significant first, trailing zero digits left out.
     * Values whose unscaled digits fit in a long (every item score does) are split with long
     * arithmetic; the rest, and negative scales, with BigInteger. Both give the same bytes.
     */
    BinaryCopy numeric(BigDecimal value) {
        if (value == null) {
            return nul();
        }
        int scale = value.scale();
        if (scale >= 0 && scale <= 15) {
            BigInteger unscaled = value.unscaledValue();
            if (unscaled.bitLength() <= 53) {
                return numeric(Math.abs(unscaled.longValue()), scale, value.signum() < 0);
            }
        }
        return numericBig(value);
    }

    /** The long path: {@code magnitude} below 2^53 and a scale of 0–15, so × 10^3 cannot overflow. */
    private BinaryCopy numeric(long magnitude, int scale, boolean negative) {
        int pad = (4 - scale % 4) % 4;
        long unscaled = magnitude * POWERS_OF_TEN[pad];
        int fractionDigits = (scale + pad) / 4;
        short[] digits = new short[5]; // 10^19 > 2^53 × 10^3: at most 5 base-10000 digits
        int n = 0;
        while (unscaled > 0) {
            digits[n++] = (short) (unscaled % 10_000);
            unscaled /= 10_000;
        }
        return digits(digits, n, fractionDigits, negative, scale);
    }

    /** The general path, for any BigDecimal. */
    BinaryCopy numericBig(BigDecimal value) {
        int scale = Math.max(value.scale(), 0);
        BigInteger unscaled = value.scale() < 0
                ? value.unscaledValue().abs().multiply(BigInteger.TEN.pow(-value.scale()))
                : value.unscaledValue().abs();
        // Align the decimal point on a base-10000 digit boundary.
        int pad = (4 - scale % 4) % 4;
        unscaled = unscaled.multiply(BigInteger.TEN.pow(pad));
        int fractionDigits = (scale + pad) / 4;
        short[] digits = new short[unscaled.bitLength() / 13 + 2];
        int n = 0;
        while (unscaled.signum() > 0) {
            BigInteger[] qr = unscaled.divideAndRemainder(TEN_THOUSAND);
            digits[n++] = qr[1].shortValue();
            unscaled = qr[0];
        }
        return digits(digits, n, fractionDigits, value.signum() < 0, scale);
    }

    /** digits[0..n) least significant first. */
    private BinaryCopy digits(short[] digits, int n, int fractionDigits, boolean negative, int scale) {
        int weight = n - 1 - fractionDigits;
        int low = 0;
        while (low < n && digits[low] == 0) {
            low++; // trailing zero digits
        }
        int count = n - low;
        int32(8 + 2 * count);
        int16(count);
        int16(count == 0 ? 0 : weight);
        int16(negative ? NUMERIC_NEGATIVE : NUMERIC_POSITIVE);
        int16(scale);
        for (int i = n - 1; i >= low; i--) {
            int16(digits[i]);
        }
        return this;
    }

    BinaryCopy trailer() {
        int16(-1);
        return this;
    }

    int size() {
        return out.size();
    }

    byte[] drain() {
        byte[] bytes = out.toByteArray();
        out.reset();
        return bytes;
    }

    private BinaryCopy nul() {
        int32(-1);
        return this;
    }

    private void int16(int value) {
        out.write((value >>> 8) & 0xFF);
        out.write(value & 0xFF);
    }

    private void int32(int value) {
        out.write((value >>> 24) & 0xFF);
        out.write((value >>> 16) & 0xFF);
        out.write((value >>> 8) & 0xFF);
        out.write(value & 0xFF);
    }
}
