package io.kaohe.scoring.scores;

import io.kaohe.contracts.events.EvidenceAdded;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Which unit and cycle each evidence file belongs to, as evidence-service announced it (EvidenceAdded). */
@Component
public class EvidenceOwners {

    /** The unit and cycle an evidence file was stored for. */
    public record Owner(String cycleId, String unitCode) {
    }

    private final JdbcClient db;

    EvidenceOwners(JdbcClient db) {
        this.db = db;
    }

    /** Records the file's owner (its first version says it; later versions keep it). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(EvidenceAdded added) {
        db.sql("insert into evidence_owner (evidence_id, cycle_id, unit_code) values (?, ?, ?) on conflict do nothing")
                .params(added.evidenceId(), added.cycleId(), added.unitCode()).update();
    }

    /** The owners of those of the ids that are known evidence files. */
    public Map<String, Owner> of(Collection<String> ids) {
        Map<String, Owner> owners = new HashMap<>();
        if (ids.isEmpty()) {
            return owners;
        }
        db.sql("select evidence_id, cycle_id, unit_code from evidence_owner where evidence_id = any(?)")
                .param(ids.toArray(String[]::new))
                .query((rs, n) -> owners.put(rs.getString(1), new Owner(rs.getString(2), rs.getString(3))))
                .list();
        return owners;
    }
}
