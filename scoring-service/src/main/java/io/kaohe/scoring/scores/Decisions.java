package io.kaohe.scoring.scores;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.support.events.EventJson;
import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The decision log: append, and read what is in force. */
@Component
public class Decisions {

    private static final String COLUMNS = """
            d.id, d.seq, d.cycle_id, d.unit_code, d.item_code, d.kind, d.amount, d.quantity, d.measure,
            d.measured::text as measured, d.score, d.adjustment_item, d.reason, d.source, d.decided_on,
            d.evidence_refs, d.decided_by, d.acting_as, d.supersedes, d.recorded_at
            """;
    /** In force: not superseded by a later decision, and not itself a withdrawal. */
    private static final String EFFECTIVE = """
            d.kind <> 'WITHDRAWAL' and not exists (select 1 from decision s where s.supersedes = d.id)
            """;

    private final JdbcClient db;

    Decisions(JdbcClient db) {
        this.db = db;
    }

    /**
     * Appends the decision; {@code itemVersion} is the item's assessment version it makes (see
     * {@link #itemVersion}), null for a deduction or bonus. A version or supersedes another
     * transaction took first fails the unique indexes (DuplicateKeyException).
     */
    void insert(Decision d, Integer itemVersion) {
        db.sql("""
                insert into decision (id, cycle_id, unit_code, item_code, kind, amount, quantity, measure, measured,
                                      score, adjustment_item, reason, source, decided_on, evidence_refs, decided_by,
                                      acting_as, supersedes, item_version)
                values (:id, :cycle, :unit, :item, :kind, :amount, :quantity, :measure, cast(:measured as jsonb),
                        :score, :adjustmentItem, :reason, :source, :decidedOn, :evidenceRefs, :decidedBy,
                        :actingAs, :supersedes, :itemVersion)
                """)
                .param("id", d.id()).param("cycle", d.cycleId()).param("unit", d.unitCode())
                .param("item", d.itemCode()).param("kind", d.kind().name()).param("amount", d.amount())
                .param("quantity", d.quantity()).param("measure", d.measure())
                .param("measured", d.measured() == null || d.measured().isEmpty() ? null
                        : MeasuredJson.toJson(d.measured()).toString())
                .param("score", d.score()).param("adjustmentItem", d.adjustmentItem()).param("reason", d.reason())
                .param("source", d.source())
                .param("decidedOn", d.decidedOn() == null ? null : Date.valueOf(d.decidedOn()))
                .param("evidenceRefs", d.evidenceRefs().toArray(String[]::new))
                .param("decidedBy", d.decidedBy()).param("actingAs", d.actingAs()).param("supersedes", d.supersedes())
                .param("itemVersion", itemVersion)
                .update();
    }

    public Optional<Decision> find(UUID id) {
        return db.sql("select " + COLUMNS + " from decision d where d.id = ?").param(id)
                .query(Decisions::decision).optional();
    }

    public boolean isSuperseded(UUID id) {
        return db.sql("select exists (select 1 from decision where supersedes = ?)").param(id)
                .query(Boolean.class).single();
    }

    /** The item's assessment version: the highest recorded, 0 while none is (or only older, unversioned ones). */
    public int itemVersion(String cycleId, String unitCode, String itemCode) {
        return db.sql("select coalesce(max(item_version), 0) from decision where cycle_id = ? and unit_code = ? "
                        + "and item_code = ?")
                .params(cycleId, unitCode, itemCode).query(Integer.class).single();
    }

    /** The assessment version a decision made, or null (a deduction, a bonus, or recorded before versions). */
    public Integer itemVersionOf(UUID id) {
        return db.sql("select item_version from decision where id = ?").param(id).query(Integer.class).optional()
                .orElse(null);
    }

    /** The end of the chain of corrections starting at {@code id}: the decision that is not superseded. */
    public Optional<Decision> head(UUID id) {
        return db.sql("with recursive chain (id, depth) as (select id, 0 from decision where id = ? "
                        + "union all select s.id, c.depth + 1 from decision s join chain c on s.supersedes = c.id) "
                        + "select " + COLUMNS + " from chain join decision d on d.id = chain.id "
                        + "order by chain.depth desc limit 1")
                .param(id).query(Decisions::decision).optional();
    }

    public List<Decision> effective(String cycleId, String unitCode, String itemCode) {
        return db.sql("select " + COLUMNS + " from decision d where d.cycle_id = ? and d.unit_code = ? "
                        + "and d.item_code = ? and " + EFFECTIVE + " order by d.seq")
                .params(cycleId, unitCode, itemCode).query(Decisions::decision).list();
    }

    /** In force per unit and item, in the order recorded; all units when {@code unitCodes} is empty. */
    public Map<String, Map<String, List<Decision>>> effective(String cycleId, List<String> unitCodes) {
        Map<String, Map<String, List<Decision>>> byUnit = new HashMap<>();
        String sql = "select " + COLUMNS + " from decision d where d.cycle_id = ? and " + EFFECTIVE
                + (unitCodes.isEmpty() ? "" : " and d.unit_code = any(?)") + " order by d.seq";
        var spec = db.sql(sql).param(cycleId);
        if (!unitCodes.isEmpty()) {
            spec = spec.param(unitCodes.toArray(String[]::new));
        }
        spec.query(Decisions::decision).stream().forEach(d -> byUnit
                .computeIfAbsent(d.unitCode(), u -> new HashMap<>())
                .computeIfAbsent(d.itemCode(), i -> new ArrayList<>()).add(d));
        return byUnit;
    }

    /** Every decision on the item, superseded ones included, with what superseded each. */
    public List<Map<String, Object>> history(String cycleId, String unitCode, String itemCode) {
        return db.sql("select " + COLUMNS + ", (select s.id from decision s where s.supersedes = d.id) as superseded_by "
                        + "from decision d where d.cycle_id = ? and d.unit_code = ? and d.item_code = ? order by d.seq")
                .params(cycleId, unitCode, itemCode)
                .query((rs, n) -> {
                    Map<String, Object> row = new java.util.LinkedHashMap<>();
                    row.put("decision", decision(rs, n));
                    row.put("supersededBy", rs.getObject("superseded_by", UUID.class));
                    return row;
                }).list();
    }

    /**
     * A decision in the cycle's ledger, with the order numbers ({@code seq}) of the decision it corrects and
     * of the one that corrected it, if any.
     */
    public record LedgerEntry(Decision decision, Long supersedesSeq, Long supersededBySeq) {
    }

    /**
     * Every decision of the cycle in the order recorded, superseded ones and withdrawals included; only those
     * recorded as {@code actingAs} (e.g. "department:swzzb") when it is given, else all.
     */
    public List<LedgerEntry> ledger(String cycleId, String actingAs) {
        return db.sql("select " + COLUMNS + ", (select p.seq from decision p where p.id = d.supersedes) as supersedes_seq, "
                        + "(select min(s.seq) from decision s where s.supersedes = d.id) as superseded_by_seq "
                        + "from decision d where d.cycle_id = :cycle "
                        + "and (cast(:actingAs as text) is null or d.acting_as = :actingAs) order by d.seq")
                .param("cycle", cycleId).param("actingAs", actingAs)
                .query((rs, n) -> new LedgerEntry(decision(rs, n), rs.getObject("supersedes_seq", Long.class),
                        rs.getObject("superseded_by_seq", Long.class))).list();
    }

    static Decision decision(ResultSet rs, int row) throws SQLException {
        String measuredText = rs.getString("measured");
        Map<String, Object> measured = measuredText == null ? Map.of()
                : MeasuredJson.toJava(readTree(measuredText));
        Date decidedOn = rs.getDate("decided_on");
        Array refs = rs.getArray("evidence_refs");
        Timestamp recorded = rs.getTimestamp("recorded_at");
        return new Decision(rs.getObject("id", UUID.class), rs.getLong("seq"), rs.getString("cycle_id"),
                rs.getString("unit_code"), rs.getString("item_code"), DecisionKind.valueOf(rs.getString("kind")),
                rs.getBigDecimal("amount"), rs.getBigDecimal("quantity"), rs.getString("measure"), measured,
                rs.getBigDecimal("score"), rs.getString("adjustment_item"), rs.getString("reason"),
                rs.getString("source"), decidedOn == null ? null : decidedOn.toLocalDate(),
                refs == null ? List.of() : List.of((String[]) refs.getArray()), rs.getString("decided_by"),
                rs.getString("acting_as"), rs.getObject("supersedes", UUID.class),
                recorded == null ? null : recorded.toInstant());
    }

    private static JsonNode readTree(String json) {
        return EventJson.tree(json);
    }
}
