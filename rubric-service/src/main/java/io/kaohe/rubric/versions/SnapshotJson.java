package io.kaohe.rubric.versions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.kaohe.contracts.rubric.IndicatorNode;
import io.kaohe.contracts.rubric.RubricSnapshot;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The stored and published form of a snapshot: canonical JSON (map keys sorted, record
 * components in declaration order), so that its SHA-256 identifies the content exactly.
 */
final class SnapshotJson {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private SnapshotJson() {
    }

    static String write(RubricSnapshot snapshot) {
        try {
            return CANONICAL.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("snapshot cannot be written", e);
        }
    }

    static RubricSnapshot read(String json) {
        try {
            return CANONICAL.readValue(json, RubricSnapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored snapshot is unreadable", e);
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

    static int leafCount(List<IndicatorNode> nodes) {
        return nodes.stream().mapToInt(n -> n.isLeaf() ? 1 : leafCount(n.children())).sum();
    }

    /** The most points a unit can obtain: the largest sum of top-level indicators over the categories. */
    static BigDecimal totalPoints(RubricSnapshot snapshot) {
        List<String> categories = snapshot.categories().isEmpty() ? List.of("") : snapshot.categories();
        return categories.stream()
                .map(c -> snapshot.roots().stream()
                        .filter(n -> c.isEmpty() || n.appliesTo(c))
                        .map(IndicatorNode::points)
                        .reduce(BigDecimal.ZERO, BigDecimal::add))
                .max(BigDecimal::compareTo)
                .orElse(BigDecimal.ZERO)
                .setScale(2);
    }
}
