package io.kaohe.evidence.files;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * SM4 encryption of evidence at rest ({@code kaohe.evidence.encryption.*}); off while {@code key} is empty.
 *
 * @param key         the master key: a 128-bit key in base64, or the path of a file holding it (base64 or the 16
 *                    raw bytes); it wraps each object's own data key and never leaves the service
 * @param keyId       names the master key in each object's envelope, so that keys can rotate
 * @param retiredKeys master keys that no longer wrap new objects but still open the ones they wrapped: id → key
 *                    (base64 or a file path), kept until those objects are gone
 */
@ConfigurationProperties("kaohe.evidence.encryption")
record EncryptionProperties(String key, String keyId, Map<String, String> retiredKeys) {
}
