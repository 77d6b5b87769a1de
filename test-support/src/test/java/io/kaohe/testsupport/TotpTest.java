package io.kaohe.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TotpTest {

    /** RFC 6238 appendix B, the SHA-1 rows: the key is the ASCII string "12345678901234567890". */
    @Test
    void computesTheRfc6238TestVectors() {
        Totp totp = Totp.ofBytes("12345678901234567890".getBytes(StandardCharsets.US_ASCII));
        assertThat(totp.code(Totp.step(Instant.ofEpochSecond(59)), 8)).isEqualTo("94287082");
        assertThat(totp.code(Totp.step(Instant.ofEpochSecond(1111111109)), 8)).isEqualTo("07081804");
        assertThat(totp.code(Totp.step(Instant.ofEpochSecond(1111111111)), 8)).isEqualTo("14050471");
        assertThat(totp.code(Totp.step(Instant.ofEpochSecond(1234567890)), 8)).isEqualTo("89005924");
        assertThat(totp.code(Totp.step(Instant.ofEpochSecond(2000000000)), 8)).isEqualTo("69279037");
        assertThat(totp.code(Totp.step(Instant.ofEpochSecond(20000000000L)), 8)).isEqualTo("65353130");
    }

    @Test
    void readsTheSecretInBase32AsAuthenticatorAppsDo() {
        Totp fromBase32 = Totp.ofBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        Totp fromBytes = Totp.ofBytes("12345678901234567890".getBytes(StandardCharsets.US_ASCII));
        Instant at = Instant.parse("2026-03-01T08:00:00Z");
        assertThat(fromBase32.codeAt(at)).hasSize(6).isEqualTo(fromBytes.codeAt(at));
        assertThat(Totp.ofBase32("gezd gnbv gy3t qojq gezd gnbv gy3t qojq").codeAt(at)).isEqualTo(fromBytes.codeAt(at));
        assertThat(fromBase32.code(1)).isEqualTo("287082");
        assertThatThrownBy(() -> Totp.ofBase32("GEZDGNBV1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesANewSecretInBase32() {
        assertThat(Totp.base32("12345678901234567890".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        String secret = Totp.newBase32Secret();
        assertThat(secret).hasSize(32).matches("[A-Z2-7]+").isNotEqualTo(Totp.newBase32Secret());
        assertThat(Totp.ofBase32(secret).code(1)).hasSize(6);
    }
}
