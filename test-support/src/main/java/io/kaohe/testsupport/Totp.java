package io.kaohe.testsupport;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time codes (RFC 6238 over RFC 4226's HOTP) as an authenticator app computes
 * them for the realm's OTP policy: HMAC-SHA1, six digits, 30-second steps.
 */
public final class Totp {

    public static final int DIGITS = 6;
    public static final long STEP_SECONDS = 30;

    private final byte[] key;

    private Totp(byte[] key) {
        this.key = key.clone();
    }

    /** The secret as authenticator apps take it (and the README lists it): base32, RFC 4648. */
    public static Totp ofBase32(String secret) {
        return new Totp(base32(secret));
    }

    public static Totp ofBytes(byte[] key) {
        return new Totp(key);
    }

    /** The time step an instant falls in (RFC 6238's T). */
    public static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
    }

    /** The code of a time step, {@code digits} long, with leading zeros. */
    public String code(long step, int digits) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            int code = (int) (binary % (long) Math.pow(10, digits));
            return String.format(Locale.ROOT, "%0" + digits + "d", code);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }

    public String code(long step) {
        return code(step, DIGITS);
    }

    public String codeAt(Instant at) {
        return code(step(at));
    }

    /** A fresh random secret (160 bits, base32), as an administrator sets up a person's authenticator app with. */
    public static String newBase32Secret() {
        byte[] key = new byte[20];
        new java.security.SecureRandom().nextBytes(key);
        return base32(key);
    }

    /** RFC 4648 base32 of a key whose length is a multiple of 5 bytes (no padding needed). */
    static String base32(byte[] key) {
        StringBuilder text = new StringBuilder();
        for (int bit = 0; bit + 5 <= key.length * 8; bit += 5) {
            int value = 0;
            for (int b = bit; b < bit + 5; b++) {
                value = (value << 1) | ((key[b / 8] >> (7 - b % 8)) & 1);
            }
            text.append(BASE32.charAt(value));
        }
        return text.toString();
    }

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private static byte[] base32(String text) {
        String alphabet = BASE32;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : text.replace("=", "").replace(" ", "").toUpperCase(Locale.ROOT).toCharArray()) {
            int value = alphabet.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("not base32: " + c);
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }
}
