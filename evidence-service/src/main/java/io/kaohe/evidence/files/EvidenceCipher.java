package io.kaohe.evidence.files;

import io.kaohe.support.audit.AuditTrail;
import io.kaohe.support.problems.ProblemException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The envelope keys of evidence encryption (密评 8.4 e): a fresh random 128-bit data key per stored object, SM4 over
 * its bytes ({@link Sm4Ctr}), the data key wrapped by the configured master key with SM4-GCM (authenticated, so a
 * wrong master key is found out, never turned into a wrong data key and garbage) and kept with the content's row.
 * A setting that is given but unusable stops the start-up with the setting's name; a key that cannot open an
 * object's data key on read is a 500 problem naming the key id, nothing served.
 */
@Component
class EvidenceCipher {

    private static final Logger log = LoggerFactory.getLogger(EvidenceCipher.class);
    static final String KEY_SETTING = "kaohe.evidence.encryption.key (EVIDENCE_ENCRYPTION_KEY)";
    static final String KEY_ID_SETTING = "kaohe.evidence.encryption.key-id (EVIDENCE_ENCRYPTION_KEY_ID)";
    private static final int IV = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String keyId;
    private final Map<String, byte[]> masterKeys = new LinkedHashMap<>();

    EvidenceCipher(EncryptionProperties properties) {
        String key = properties == null ? null : properties.key();
        String id = properties == null ? null : properties.keyId();
        if (blank(key)) {
            if (!blank(id)) {
                throw new IllegalStateException("evidence encryption: " + KEY_ID_SETTING + " is set (" + id
                        + ") but no master key is: set " + KEY_SETTING + " to a base64 128-bit key or a key file's path");
            }
            this.keyId = null;
        } else {
            if (blank(id)) {
                throw new IllegalStateException("evidence encryption: " + KEY_SETTING + " is set but not "
                        + KEY_ID_SETTING + ": name the master key (e.g. 2026-1) so that it can be rotated");
            }
            this.keyId = id.strip();
            masterKeys.put(keyId, masterKey(key, KEY_SETTING));
        }
        if (properties != null && properties.retiredKeys() != null) {
            properties.retiredKeys().forEach((retiredId, retired) -> {
                String setting = "kaohe.evidence.encryption.retired-keys." + retiredId;
                if (retiredId.equals(keyId)) {
                    throw new IllegalStateException("evidence encryption: " + setting + " has the id of the current key");
                }
                masterKeys.put(retiredId, masterKey(retired, setting));
            });
        }
        if (keyId != null) {
            log.info("evidence encryption on: new contents are stored SM4-encrypted, data keys wrapped by master key {}"
                    + "{}", keyId, masterKeys.size() > 1 ? " (retired keys still read: " + String.join(", ",
                    masterKeys.keySet().stream().filter(k -> !k.equals(keyId)).toList()) + ")" : "");
        }
    }

    /** Whether new contents are encrypted. */
    boolean on() {
        return keyId != null;
    }

    /** A fresh data key and its envelope (no segments yet) for a new object; null when encryption is off. */
    Sealed seal() {
        if (keyId == null) {
            return null;
        }
        byte[] dataKey = new byte[16];
        RANDOM.nextBytes(dataKey);
        return new Sealed(dataKey, new Envelope(Sm4Ctr.ALGORITHM, keyId, wrap(masterKeys.get(keyId), keyId, dataKey),
                null, null));
    }

    /** An object's data key in the clear, with its envelope. */
    record Sealed(byte[] dataKey, Envelope envelope) {
    }

    /**
     * The data key of an object with this envelope; a 500 problem when the master key it names is not configured or
     * does not open it (a wrong key): what the object holds is never served as garbage.
     */
    byte[] dataKey(Envelope envelope) {
        if (!Sm4Ctr.ALGORITHM.equals(envelope.cipher())) {
            throw new IllegalStateException("unknown evidence cipher " + envelope.cipher());
        }
        byte[] master = masterKeys.get(envelope.keyId());
        if (master == null) {
            log.error("evidence encrypted under master key {} cannot be read: that key is not configured ({}, "
                    + "or kaohe.evidence.encryption.retired-keys.{})", envelope.keyId(), KEY_SETTING, envelope.keyId());
            AuditTrail.failed("evidence.encryption.key-missing: master key " + envelope.keyId());
            throw new ProblemException(HttpStatus.INTERNAL_SERVER_ERROR, "evidence.encryption.key-missing",
                    envelope.keyId());
        }
        try {
            return unwrap(master, envelope.keyId(), envelope.wrappedKey());
        } catch (InvalidCipherTextException | RuntimeException e) {
            log.error("evidence encrypted under master key {} cannot be read: the configured key of that id does not open"
                    + " its data key (a wrong key in {}?): {}", envelope.keyId(), KEY_SETTING, e.toString());
            // The security administrator's trail shows the refusal too (a wrong key, or rows of another installation).
            AuditTrail.failed("evidence.encryption.key-refused: master key " + envelope.keyId());
            throw new ProblemException(HttpStatus.INTERNAL_SERVER_ERROR, "evidence.encryption.key-refused",
                    envelope.keyId());
        }
    }

    /** SM4-GCM of the data key under the master key, the key id as associated data: iv ‖ ciphertext ‖ tag. */
    static byte[] wrap(byte[] master, String keyId, byte[] dataKey) {
        byte[] iv = new byte[IV];
        RANDOM.nextBytes(iv);
        GCMModeCipher gcm = gcm(true, master, keyId, iv);
        byte[] out = Arrays.copyOf(iv, IV + gcm.getOutputSize(dataKey.length));
        int n = gcm.processBytes(dataKey, 0, dataKey.length, out, IV);
        try {
            gcm.doFinal(out, IV + n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    static byte[] unwrap(byte[] master, String keyId, byte[] wrapped) throws InvalidCipherTextException {
        if (wrapped.length != IV + 32) {
            throw new InvalidCipherTextException("a wrapped data key is " + (IV + 32) + " bytes, not " + wrapped.length);
        }
        GCMModeCipher gcm = gcm(false, master, keyId, Arrays.copyOf(wrapped, IV));
        byte[] out = new byte[gcm.getOutputSize(wrapped.length - IV)];
        int n = gcm.processBytes(wrapped, IV, wrapped.length - IV, out, 0);
        gcm.doFinal(out, n);
        return out;
    }

    private static GCMModeCipher gcm(boolean encrypt, byte[] master, String keyId, byte[] iv) {
        GCMModeCipher gcm = GCMBlockCipher.newInstance(new SM4Engine());
        gcm.init(encrypt, new AEADParameters(new KeyParameter(master), 128, iv,
                ("kaohe-evidence-data-key:" + keyId).getBytes(StandardCharsets.UTF_8)));
        return gcm;
    }

    /** A master key from its setting: base64 of 16 bytes (24 characters), or the path of a file holding that (or the 16 bytes). */
    static byte[] masterKey(String value, String setting) {
        String text = value.strip();
        byte[] key = base64(text);
        if (key == null || key.length != 16) {
            Path file;
            try {
                file = Path.of(text);
            } catch (InvalidPathException e) {
                file = null;
            }
            if (file == null || !Files.isRegularFile(file)) {
                throw new IllegalStateException("evidence encryption: " + setting + " is neither a 128-bit SM4 key in "
                        + "base64 (24 characters, e.g. from `openssl rand -base64 16`) nor the path of a file holding one");
            }
            try {
                byte[] content = Files.readAllBytes(file);
                key = content.length == 16 ? content : base64(new String(content, StandardCharsets.US_ASCII).strip());
            } catch (IOException e) {
                throw new IllegalStateException("evidence encryption: " + setting + " names the file " + file
                        + ", which cannot be read: " + e.getMessage());
            }
            if (key == null || key.length != 16) {
                throw new IllegalStateException("evidence encryption: the file " + file + " (" + setting + ") does not "
                        + "hold a 128-bit SM4 key: 16 bytes in base64 (24 characters) or the 16 bytes themselves");
            }
        }
        return key;
    }

    private static byte[] base64(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
