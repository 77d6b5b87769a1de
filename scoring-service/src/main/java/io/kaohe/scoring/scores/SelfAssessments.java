package io.kaohe.scoring.scores;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.contracts.events.ReportingPeriod;
import io.kaohe.contracts.events.SelfAssessmentSubmitted;
import io.kaohe.support.events.EventJson;
import java.sql.Timestamp;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The units' self-assessments. Per unit and period the latest counts: a higher version of the
 * same submission, or a later submission. The self-score layer of an item is taken from the
 * latest period that mentions it, in {@link ReportingPeriod} order (Q1 &lt; Q2 &lt; Q3 &lt; Q4 &lt; YEAR).
 */
@Component
public class SelfAssessments {

    private final JdbcClient db;

    SelfAssessments(JdbcClient db) {
        this.db = db;
    }

    /** Stores the submission unless a newer one for the same period is already there; true if stored. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean record(SelfAssessmentSubmitted s) {
        String items;
        try {
            items = EventJson.mapper().writeValueAsString(s.items() == null ? List.of() : s.items());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return db.sql("""
                insert into self_assessment as a (cycle_id, unit_code, period, submission_id, version, submitted_at,
                                                  signed_off_by, items)
                values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))
                on conflict (cycle_id, unit_code, period) do update
                   set submission_id = excluded.submission_id, version = excluded.version,
                       submitted_at = excluded.submitted_at, signed_off_by = excluded.signed_off_by,
                       items = excluded.items, received_at = now()
                 where (a.submission_id = excluded.submission_id and excluded.version > a.version)
                    or (a.submission_id <> excluded.submission_id and excluded.submitted_at > a.submitted_at)
                """)
                .params(s.cycleId(), s.unitCode(), s.period(), s.submissionId(), s.version(),
                        Timestamp.from(s.submittedAt()), s.signedOffBy(), items)
                .update() == 1;
    }

    /** Per unit, per item, what the unit said last; all units when {@code unitCodes} is empty. */
    public Map<String, Map<String, SelfItem>> latest(String cycleId, List<String> unitCodes) {
        record Row(String unit, String period, String items) {
        }
        String sql = "select unit_code, period, items::text from self_assessment where cycle_id = ?"
                + (unitCodes.isEmpty() ? "" : " and unit_code = any(?)");
        var spec = db.sql(sql).param(cycleId);
        if (!unitCodes.isEmpty()) {
            spec = spec.param(unitCodes.toArray(String[]::new));
        }
        List<Row> rows = spec.query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3))).list();
        Map<String, Map<String, SelfItem>> byUnit = new HashMap<>();
        rows.stream().sorted(Comparator.comparingInt((Row r) -> periodOrder(r.period())))
                .forEach(r -> {
                    Map<String, SelfItem> items = byUnit.computeIfAbsent(r.unit(), u -> new HashMap<>());
                    for (JsonNode item : EventJson.tree(r.items())) {
                        String code = item.path("itemCode").asText(null);
                        if (code == null) {
                            continue;
                        }
                        JsonNode score = item.get("selfScore");
                        items.put(code, new SelfItem(code,
                                score != null && score.isNumber() ? score.decimalValue() : null,
                                MeasuredJson.toJava(item.get("measured"))));
                    }
                });
        return byUnit;
    }

    /** Calendar order; a period that is none of the codes counts first, so any real one overrides it. */
    static int periodOrder(String period) {
        return ReportingPeriod.parse(period).map(p -> p.ordinal() + 1).orElse(0);
    }
}
