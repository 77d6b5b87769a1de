package io.kaohe.evidence.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

class Sm4CtrTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] KEY = HEX.parseHex("0123456789abcdeffedcba9876543210");

    /** GB/T 32907-2016 appendix A, example 1: the block cipher the keystream is made of is SM4. */
    @Test
    void theBlockCipherIsSm4ByThePublishedTestVector() {
        SM4Engine sm4 = new SM4Engine();
        sm4.init(true, new KeyParameter(KEY));
        byte[] out = new byte[16];
        sm4.processBlock(HEX.parseHex("0123456789abcdeffedcba9876543210"), 0, out, 0);
        assertThat(HEX.formatHex(out)).isEqualTo("681edf34d206965e86b3e94f536e4246");
    }

    /** The keystream byte at offset o of a segment is byte o % 16 of SM4(key, nonce ‖ o / 16). */
    @Test
    void theKeystreamIsSm4OfTheNonceAndTheBlockIndex() {
        long nonce = 0x0123456789abcdefL;
        byte[] zeros = new byte[16 * 5 + 7];
        Sm4Ctr.segment(KEY, nonce).apply(zeros, 0, zeros.length, 0);
        SM4Engine sm4 = new SM4Engine();
        sm4.init(true, new KeyParameter(KEY));
        for (int block = 0; block < 6; block++) {
            byte[] counter = HEX.parseHex("0123456789abcdef" + "%016x".formatted(block));
            byte[] expected = new byte[16];
            sm4.processBlock(counter, 0, expected, 0);
            int n = Math.min(16, zeros.length - block * 16);
            assertThat(Arrays.copyOfRange(zeros, block * 16, block * 16 + n)).isEqualTo(Arrays.copyOf(expected, n));
        }
        // An object stored in one go is nonce 0: its first block is SM4 of the zero counter.
        byte[] first = new byte[16];
        new Sm4Ctr(KEY, null, null).apply(first, 0, 16, 0);
        byte[] expected = new byte[16];
        sm4.processBlock(new byte[16], 0, expected, 0);
        assertThat(first).isEqualTo(expected);
    }

    @Test
    void anyRangeDecryptsOnItsOwnAcrossSegments() throws Exception {
        byte[] plain = new byte[3 * 65536 + 12345];
        new Random(7).nextBytes(plain);
        long[] sizes = {65536 + 3, 65536 * 2 - 3, 12345};
        long[] nonces = {-5L, 42L, Long.MIN_VALUE};
        // Encrypted part by part, each as its own segment (a resumable upload), in any order.
        byte[] stored = plain.clone();
        Sm4Ctr.segment(KEY, nonces[2]).apply(stored, (int) (sizes[0] + sizes[1]), (int) sizes[2], 0);
        Sm4Ctr.segment(KEY, nonces[0]).apply(stored, 0, (int) sizes[0], 0);
        Sm4Ctr.segment(KEY, nonces[1]).apply(stored, (int) sizes[0], (int) sizes[1], 0);
        assertThat(stored).isNotEqualTo(plain);

        Sm4Ctr reader = new Sm4Ctr(KEY, sizes, nonces);
        byte[] whole = stored.clone();
        reader.apply(whole, 0, whole.length, 0);
        assertThat(whole).isEqualTo(plain);
        Random random = new Random(11);
        for (int i = 0; i < 200; i++) {
            int from = random.nextInt(stored.length);
            int to = Math.min(stored.length, from + 1 + random.nextInt(100_000));
            byte[] range = Arrays.copyOfRange(stored, from, to);
            reader.apply(range, 0, range.length, from);
            assertThat(range).as("bytes %d-%d", from, to).isEqualTo(Arrays.copyOfRange(plain, from, to));
        }
        // As a stream starting anywhere, read in odd pieces.
        try (InputStream in = reader.stream(new ByteArrayInputStream(stored, 65530, stored.length - 65530), 65530)) {
            byte[] piece = new byte[7];
            assertThat(in.read()).isEqualTo(plain[65530] & 0xff);
            assertThat(in.readNBytes(piece, 0, 7)).isEqualTo(7);
            assertThat(piece).isEqualTo(Arrays.copyOfRange(plain, 65531, 65538));
            assertThat(in.skip(1000)).isEqualTo(1000);
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(plain, 66538, plain.length));
        }
    }

    @Test
    void oneSegmentEncryptedAsAStreamDecryptsAtAnyOffset() throws Exception {
        byte[] plain = new byte[200_003];
        new Random(3).nextBytes(plain);
        byte[] stored;
        try (InputStream in = new Sm4Ctr(KEY, null, null).stream(new ByteArrayInputStream(plain), 0)) {
            stored = in.readAllBytes();
        }
        assertThat(stored).hasSameSizeAs(plain).isNotEqualTo(plain);
        byte[] tail = Arrays.copyOfRange(stored, 100_001, stored.length);
        new Sm4Ctr(KEY, null, null).apply(tail, 0, tail.length, 100_001);
        assertThat(tail).isEqualTo(Arrays.copyOfRange(plain, 100_001, plain.length));
        // Another data key gives other bytes.
        byte[] other = Arrays.copyOfRange(stored, 0, 64);
        new Sm4Ctr(HEX.parseHex("00112233445566778899aabbccddeeff"), null, null).apply(other, 0, 64, 0);
        assertThat(other).isNotEqualTo(Arrays.copyOf(plain, 64));
    }
}
