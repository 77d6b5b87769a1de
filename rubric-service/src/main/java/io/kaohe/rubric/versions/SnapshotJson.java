package io.kaohe.rubric.versions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.kaohe.contracts.rubric.RubricSnapshot;
import io.kaohe.contracts.rubric.UnitTargets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The stored and published form of a version's content: canonical JSON (map keys sorted, record
 * components in declaration order), so that its SHA-256 identifies the content exactly.
 */
public final class SnapshotJson {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private SnapshotJson() {
    }

    public static String write(VersionContent content) {
        return content.system() != null ? write(content.system()) : write(content.targets());
    }

    public static String write(Object snapshotOrTargets) {
        try {
            return CANONICAL.writeValueAsString(snapshotOrTargets);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("content cannot be written", e);
        }
    }

    static VersionContent read(RubricVersion.Kind kind, String json) {
        try {
            return kind == RubricVersion.Kind.SYSTEM
                    ? VersionContent.of(CANONICAL.readValue(json, RubricSnapshot.class))
                    : VersionContent.of(CANONICAL.readValue(json, UnitTargets.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored content is unreadable", e);
        }
    }

    static String sha256(String canonicalJson) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonicalJson.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
