package io.kaohe.evidence.files;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The evidence attached to a self-assessment's items: the current version of every file of the
 * unit in the cycle (for the period, or for the whole cycle) that says it supports the item and
 * is not withdrawn.
 */
@Component
public class AttachedEvidence {

    private final JdbcClient db;

    AttachedEvidence(JdbcClient db) {
        this.db = db;
    }

    /** One attached file version; {@code sm3} beside the SHA-256 (null while a pre-SM3 content awaits its backfill). */
    public record Attached(UUID evidenceId, int version, String fileName, String contentType, long size, String sha256,
                           String sm3) {
    }

    /** By item code, the files supporting it, oldest first. */
    public Map<String, List<Attached>> byItem(String unitCode, String cycleId, String period) {
        Map<String, List<Attached>> byItem = new LinkedHashMap<>();
        db.sql("""
                select f.id, f.current_version, v.file_name, b.content_type, b.size, b.sha256, b.sm3, v.item_codes
                from evidence_file f
                join evidence_version v on v.evidence_id = f.id and v.version = f.current_version
                join evidence_blob b on b.sha256 = v.sha256
                where f.unit_code = :unit and f.cycle_id = :cycle and (f.period is null or f.period = :period)
                  and f.withdrawn_at is null
                order by f.created_at, f.id
                """)
                .param("unit", unitCode).param("cycle", cycleId).param("period", period)
                .query(rs -> {
                    Attached attached = new Attached(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3),
                            rs.getString(4), rs.getLong(5), rs.getString(6), rs.getString(7));
                    for (String item : items(rs.getArray(8))) {
                        byItem.computeIfAbsent(item, k -> new ArrayList<>()).add(attached);
                    }
                });
        return byItem;
    }

    private static String[] items(java.sql.Array array) throws SQLException {
        return array == null ? new String[0] : (String[]) array.getArray();
    }
}
