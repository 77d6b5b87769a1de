package io.kaohe.scoring.bonus;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The bonus_application table. */
@Repository
class BonusApplications {

    private static final String COLUMNS = """
            id, cycle_id, unit_code, item_code, item_title, assessing_departments, matter, amount, quantity, points,
            reason, evidence_ids, state, filed_by, filed_at, answered_by, answered_department, answer_reason,
            answered_at, decision_id
            """;

    private final JdbcClient db;

    BonusApplications(JdbcClient db) {
        this.db = db;
    }

    void insert(BonusApplication a) {
        db.sql("""
                insert into bonus_application (id, cycle_id, unit_code, item_code, item_title, assessing_departments,
                    matter, amount, quantity, points, reason, evidence_ids, state, filed_by, filed_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).params(a.id(), a.cycleId(), a.unitCode(), a.itemCode(), a.itemTitle(),
                a.assessingDepartments().toArray(String[]::new), a.matter(), a.amount(), a.quantity(), a.points(),
                a.reason(), a.evidenceIds().toArray(String[]::new), a.state().name(), a.filedBy(),
                Timestamp.from(a.filedAt())).update();
    }

    /** Records the answer (or the withdrawal) of an application still SUBMITTED; false if it was not. */
    boolean answer(UUID id, BonusApplication.State state, String by, String department, String reason,
                   UUID decisionId) {
        return db.sql("""
                update bonus_application set state = ?, answered_by = ?, answered_department = ?, answer_reason = ?,
                    answered_at = now(), decision_id = ?
                where id = ? and state = 'SUBMITTED'
                """).params(state.name(), by, department, reason, decisionId, id).update() == 1;
    }

    Optional<BonusApplication> find(UUID id) {
        return db.sql("select " + COLUMNS + " from bonus_application where id = ?").param(id)
                .query(BonusApplications::row).optional();
    }

    /** The cycle's applications, newest first: of one unit, on items one department assesses, or all (both null). */
    List<BonusApplication> list(String cycleId, String unitCode, String department) {
        return db.sql("select " + COLUMNS + """
                 from bonus_application
                where cycle_id = :cycle and (cast(:unit as text) is null or unit_code = :unit)
                  and (cast(:department as text) is null or :department = any(assessing_departments))
                order by filed_at desc, id
                """).param("cycle", cycleId).param("unit", unitCode).param("department", department)
                .query(BonusApplications::row).list();
    }

    /** Whether the matter is applied for (pending or accepted) on the unit's item, other than by {@code except}. */
    boolean matterTaken(String cycleId, String unitCode, String itemCode, String matter, UUID except) {
        return db.sql("""
                select count(*) from bonus_application
                where cycle_id = ? and unit_code = ? and item_code = ? and lower(btrim(matter)) = lower(btrim(?))
                  and state in ('SUBMITTED', 'ACCEPTED') and id <> ?
                """).params(cycleId, unitCode, itemCode, matter, except).query(Long.class).single() > 0;
    }

    private static BonusApplication row(ResultSet rs, int n) throws SQLException {
        return new BonusApplication(rs.getObject("id", UUID.class), rs.getString("cycle_id"), rs.getString("unit_code"),
                rs.getString("item_code"), rs.getString("item_title"), strings(rs.getArray("assessing_departments")),
                rs.getString("matter"), rs.getBigDecimal("amount"), rs.getBigDecimal("quantity"),
                rs.getBigDecimal("points"), rs.getString("reason"), strings(rs.getArray("evidence_ids")),
                BonusApplication.State.valueOf(rs.getString("state")), rs.getString("filed_by"),
                instant(rs.getTimestamp("filed_at")), rs.getString("answered_by"), rs.getString("answered_department"),
                rs.getString("answer_reason"), instant(rs.getTimestamp("answered_at")),
                rs.getObject("decision_id", UUID.class));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
