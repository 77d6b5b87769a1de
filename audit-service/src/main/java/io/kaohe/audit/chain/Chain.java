package io.kaohe.audit.chain;

import io.kaohe.support.audit.Sm3;
import java.util.HexFormat;

/** The chain's arithmetic: each record's digest is SM3 of the previous record's digest followed by its own bytes. */
public final class Chain {

    /** The digest before the first record ever appended. */
    public static final String GENESIS = "0".repeat(64);

    private Chain() {
    }

    public static String link(String prevDigest, byte[] canonical) {
        return HexFormat.of().formatHex(Sm3.digest(HexFormat.of().parseHex(prevDigest), canonical));
    }
}
