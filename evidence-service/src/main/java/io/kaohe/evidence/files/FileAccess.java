package io.kaohe.evidence.files;

import io.kaohe.evidence.access.Access;
import io.kaohe.support.security.CurrentUser;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who reaches a unit's evidence, decided on the file through {@link Access} (every refusal audited):
 * the unit's own people change it; they, the office, leaders and the unit's inspectors read it, and
 * an assessing department's reviewer reads the files that support an item its department assesses.
 * Anyone else is answered 404, as if it did not exist.
 */
@Component
class FileAccess {

    private final JdbcClient db;
    private final EvidenceStore store;
    private final Access access;

    FileAccess(JdbcClient db, EvidenceStore store, Access access) {
        this.db = db;
        this.store = store;
        this.access = access;
    }

    /** The file, if it exists; else 404 (audited). */
    EvidenceStore.FileRow existing(CurrentUser user, UUID evidenceId) {
        return store.file(evidenceId).orElseThrow(() -> access.hidden(user, "evidence.file.not-found", evidenceId,
                "no such evidence file"));
    }

    /** Only the unit's own reporter or head change its evidence; others who may read it are refused (403). */
    void requireUnitWriter(CurrentUser user, String unitCode, String notFoundCode, Object id) {
        access.requireUnitMember(user, unitCode, "evidence.file.unit-only", notFoundCode, id);
    }

    /** The file, if the caller may change it (403 or 404 otherwise). */
    EvidenceStore.FileRow writable(CurrentUser user, UUID evidenceId) {
        EvidenceStore.FileRow file = existing(user, evidenceId);
        requireUnitWriter(user, file.unitCode(), "evidence.file.not-found", evidenceId);
        return file;
    }

    /** The file, if the caller may read it (404 otherwise). */
    EvidenceStore.FileRow readable(CurrentUser user, UUID evidenceId) {
        EvidenceStore.FileRow file = existing(user, evidenceId);
        if (Access.readsEverything(user) || Access.belongsTo(user, file.unitCode())
                || Access.inspects(user, file.unitCode())) {
            return file;
        }
        String department = Access.reviewingDepartment(user);
        if (department != null && supportsItemOf(evidenceId, department)) {
            return file;
        }
        throw access.hidden(user, "evidence.file.not-found", evidenceId,
                "evidence of unit " + file.unitCode() + " is not the caller's to read");
    }

    /**
     * How the caller reads the unit's files: all of them (null), or those supporting the items the
     * returned department assesses; 404 for whoever may not read the unit's evidence at all.
     */
    String unitReader(CurrentUser user, String unitCode) {
        if (Access.readsEverything(user) || Access.belongsTo(user, unitCode) || Access.inspects(user, unitCode)) {
            return null;
        }
        String department = Access.reviewingDepartment(user);
        boolean assesses = department != null && db.sql("""
                select exists (select 1 from replica_unit_item where unit_code = :unit and :dept = any(assessing_departments))
                """).param("unit", unitCode).param("dept", department).query(Boolean.class).single();
        if (!assesses) {
            throw access.hidden(user, "evidence.unit.not-found", unitCode, "not a reader of unit " + unitCode);
        }
        return department;
    }

    private boolean supportsItemOf(UUID evidenceId, String department) {
        return db.sql("""
                select exists (
                    select 1 from evidence_file f
                    join cycle c on c.cycle_id = f.cycle_id
                    join evidence_version v on v.evidence_id = f.id and v.version = f.current_version
                    join replica_unit_item ui on ui.rubric_version_id = c.rubric_version_id and ui.unit_code = f.unit_code
                                     and ui.item_code = any(v.item_codes)
                    where f.id = :id and :dept = any(ui.assessing_departments))
                """).param("id", evidenceId).param("dept", department).query(Boolean.class).single();
    }
}
