package io.kaohe.scoring.surveys;

import io.kaohe.support.audit.Sm3;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * One-time ballot codes: 80 random bits from a {@link SecureRandom}, written as 16 characters of Crockford's
 * base 32 in groups of four (K7Q2-9XMD-...), so they can be typed from paper without I/L/O/U confusions.
 * Only their SM3 is stored.
 */
final class BallotCodes {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final int LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private BallotCodes() {
    }

    /** A new code, as printed. */
    static String next() {
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        StringBuilder code = new StringBuilder(LENGTH + 3);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                if (code.length() % 5 == 4) {
                    code.append('-');
                }
                code.append(ALPHABET[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        return code.toString();
    }

    /**
     * The code as stored (its canonical form's SM3), if what was typed can be a code at all: case, spaces
     * and dashes do not matter, and O, I, L read as 0, 1, 1.
     */
    static Optional<String> hash(String typed) {
        if (typed == null || typed.length() > 64) {
            return Optional.empty();
        }
        StringBuilder canonical = new StringBuilder(LENGTH);
        for (char c : typed.toUpperCase(Locale.ROOT).toCharArray()) {
            if (c == '-' || c == ' ') {
                continue;
            }
            char read = c == 'O' ? '0' : c == 'I' || c == 'L' ? '1' : c;
            if (new String(ALPHABET).indexOf(read) < 0) {
                return Optional.empty();
            }
            canonical.append(read);
        }
        return canonical.length() == LENGTH ? Optional.of(Sm3.hex(canonical.toString())) : Optional.empty();
    }
}
