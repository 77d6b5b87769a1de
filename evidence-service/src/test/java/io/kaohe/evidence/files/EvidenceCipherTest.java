package io.kaohe.evidence.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kaohe.support.problems.ProblemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceCipherTest {

    private static final String KEY = "ASNFZ4mrze/+3LqYdlQyEA==";
    private static final String OTHER = "q83vEjRWeJCrze8SNFZ4kA==";

    @Test
    void offWithoutAKey() {
        EvidenceCipher off = new EvidenceCipher(new EncryptionProperties("", "", null));
        assertThat(off.on()).isFalse();
        assertThat(off.seal()).isNull();
        assertThat(new EvidenceCipher(null).on()).isFalse();
    }

    @Test
    void aFreshDataKeyPerObjectWrappedByTheMasterKeyAndOpenedAgain() {
        EvidenceCipher cipher = new EvidenceCipher(new EncryptionProperties(KEY, "2026-1", null));
        EvidenceCipher.Sealed one = cipher.seal();
        EvidenceCipher.Sealed two = cipher.seal();
        assertThat(one.dataKey()).hasSize(16).isNotEqualTo(two.dataKey());
        assertThat(one.envelope().cipher()).isEqualTo("SM4-CTR");
        assertThat(one.envelope().keyId()).isEqualTo("2026-1");
        assertThat(one.envelope().wrappedKey()).hasSize(44);
        assertThat(cipher.dataKey(one.envelope())).isEqualTo(one.dataKey());
        assertThat(cipher.dataKey(two.envelope())).isEqualTo(two.dataKey());
    }

    @Test
    void aWrongKeyOrAnUnknownIdIsAProblemNamingTheKeyNeverAnotherDataKey() {
        EvidenceCipher.Sealed sealed = new EvidenceCipher(new EncryptionProperties(KEY, "2026-1", null)).seal();
        EvidenceCipher wrong = new EvidenceCipher(new EncryptionProperties(OTHER, "2026-1", null));
        assertThatThrownBy(() -> wrong.dataKey(sealed.envelope())).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.getMessage()).startsWith("evidence.encryption.key-refused"));
        EvidenceCipher rotated = new EvidenceCipher(new EncryptionProperties(OTHER, "2027-1", null));
        assertThatThrownBy(() -> rotated.dataKey(sealed.envelope())).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.getMessage()).startsWith("evidence.encryption.key-missing"));
        // The key id is bound to the wrapped key: the same master key under another id does not open it.
        EvidenceCipher renamed = new EvidenceCipher(new EncryptionProperties(OTHER, "2027-1", Map.of("2026-x", KEY)));
        assertThatThrownBy(() -> renamed.dataKey(new Envelope("SM4-CTR", "2026-x", sealed.envelope().wrappedKey(),
                null, null))).isInstanceOf(ProblemException.class);
        // Rotated with the old key kept as retired: old objects still open, new ones get the new key.
        EvidenceCipher kept = new EvidenceCipher(new EncryptionProperties(OTHER, "2027-1", Map.of("2026-1", KEY)));
        assertThat(kept.dataKey(sealed.envelope())).isEqualTo(sealed.dataKey());
        assertThat(kept.seal().envelope().keyId()).isEqualTo("2027-1");
    }

    @Test
    void theKeyFromAFileInBase64OrRaw(@TempDir Path dir) throws Exception {
        Path base64 = Files.writeString(dir.resolve("evidence.key"), KEY + "\n");
        Path raw = Files.write(dir.resolve("evidence.bin"), Base64.getDecoder().decode(KEY));
        EvidenceCipher.Sealed sealed = new EvidenceCipher(new EncryptionProperties(base64.toString(), "k", null)).seal();
        assertThat(new EvidenceCipher(new EncryptionProperties(raw.toString(), "k", null)).dataKey(sealed.envelope()))
                .isEqualTo(sealed.dataKey());
    }

    @Test
    void aSettingGivenButUnusableStopsTheStartNamingIt(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> new EvidenceCipher(new EncryptionProperties("c2hvcnQ=", "k", null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("kaohe.evidence.encryption.key")
                .hasMessageContaining("128-bit");
        assertThatThrownBy(() -> new EvidenceCipher(new EncryptionProperties("/etc/kaohe/missing.key", "k", null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("EVIDENCE_ENCRYPTION_KEY");
        Path bad = Files.writeString(dir.resolve("bad.key"), "not a key");
        assertThatThrownBy(() -> new EvidenceCipher(new EncryptionProperties(bad.toString(), "k", null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(bad.toString());
        assertThatThrownBy(() -> new EvidenceCipher(new EncryptionProperties(KEY, " ", null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("kaohe.evidence.encryption.key-id");
        assertThatThrownBy(() -> new EvidenceCipher(new EncryptionProperties("", "2026-1", null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("kaohe.evidence.encryption.key ");
        assertThatThrownBy(() -> new EvidenceCipher(new EncryptionProperties(KEY, "k", Map.of("old", "nope"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kaohe.evidence.encryption.retired-keys.old");
    }
}
