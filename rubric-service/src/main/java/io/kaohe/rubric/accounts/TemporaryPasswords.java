package io.kaohe.rubric.accounts;

import java.security.SecureRandom;

/**
 * Temporary passwords to hand out on paper: 12 characters without look-alikes (0/O, 1/l/I), always
 * with an upper-case letter, a lower-case letter, a digit and a sign, as the realm's password policy
 * asks. Never stored; Keycloak keeps only its hash.
 */
final class TemporaryPasswords {

    private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijkmnpqrstuvwxyz";
    private static final String DIGITS = "23456789";
    private static final String SIGNS = "#%+=@";
    private static final String ALL = UPPER + LOWER + DIGITS;
    private static final SecureRandom RANDOM = new SecureRandom();

    private TemporaryPasswords() {
    }

    static String next() {
        char[] password = new char[12];
        for (int i = 0; i < password.length; i++) {
            password[i] = ALL.charAt(RANDOM.nextInt(ALL.length()));
        }
        // one of each kind at distinct random places
        int[] places = RANDOM.ints(0, password.length).distinct().limit(4).toArray();
        password[places[0]] = UPPER.charAt(RANDOM.nextInt(UPPER.length()));
        password[places[1]] = LOWER.charAt(RANDOM.nextInt(LOWER.length()));
        password[places[2]] = DIGITS.charAt(RANDOM.nextInt(DIGITS.length()));
        password[places[3]] = SIGNS.charAt(RANDOM.nextInt(SIGNS.length()));
        return new String(password);
    }
}
